"""The network of who replies to whom, analysed with networkx.

Edges point from the person who replied to the person replied to (the post's author, or
the author of the comment answered). Betweenness is exact up to `EXACT_LIMIT` people and
estimated from `SAMPLE_SIZE` source people above it (with a fixed seed, so a refresh gives
the same answer): exact betweenness of a few hundred people costs seconds per snapshot,
and only its ranking (the brokers) is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

EXACT_LIMIT = 100
SAMPLE_SIZE = 32
BROKERS_SHOWN = 5
MAP_NODES = 150


@dataclass
class NetworkSummary:
    people: int = 0
    ties: int = 0  # directed: a → b
    density: float | None = None
    components: int = 0
    largest_component: int = 0
    clustering: float | None = None
    betweenness: dict[int, float] = field(default_factory=dict)
    brokers: list[int] = field(default_factory=list)


def build_graph(pairs: Mapping[tuple[int, int], int]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for (source, target), weight in pairs.items():
        if weight > 0 and source != target:
            graph.add_edge(source, target, weight=weight)
    return graph


def betweenness(graph: nx.DiGraph) -> dict[int, float]:
    """Normalised betweenness on the undirected graph: who stands between the others."""
    undirected = graph.to_undirected()
    if undirected.number_of_nodes() <= EXACT_LIMIT:
        return nx.betweenness_centrality(undirected, normalized=True)
    return nx.betweenness_centrality(undirected, k=SAMPLE_SIZE, normalized=True, seed=7)


def brokers(
    graph: nx.DiGraph, scores: Mapping[int, float], units: Mapping[int, int | None]
) -> list[int]:
    """People with betweenness above zero whose ties reach into at least two units."""
    found = []
    undirected = graph.to_undirected()
    for person, score in sorted(scores.items(), key=lambda x: (-x[1], x[0])):
        if score <= 0:
            break
        reached = {units.get(n) for n in undirected.neighbors(person)} | {units.get(person)}
        if len(reached - {None}) >= 2:
            found.append(person)
        if len(found) == BROKERS_SHOWN:
            break
    return found


def summarise(
    pairs: Mapping[tuple[int, int], int], units: Mapping[int, int | None]
) -> NetworkSummary:
    graph = build_graph(pairs)
    if graph.number_of_nodes() == 0:
        return NetworkSummary()
    parts = list(nx.weakly_connected_components(graph))
    scores = betweenness(graph)
    return NetworkSummary(
        people=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        density=nx.density(graph) if graph.number_of_nodes() > 1 else None,
        components=len(parts),
        largest_component=max(len(p) for p in parts),
        clustering=nx.average_clustering(graph.to_undirected()),
        betweenness=scores,
        brokers=brokers(graph, scores, units),
    )


def map_data(
    pairs: Mapping[tuple[int, int], int], contributions: Mapping[int, int]
) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The people and ties the browser map draws: the most connected `MAP_NODES` people."""
    graph = build_graph(pairs)
    ranked = sorted(graph.degree(weight="weight"), key=lambda x: (-x[1], x[0]))
    keep = {n for n, _d in ranked[:MAP_NODES]}
    nodes = sorted(keep, key=lambda n: (-contributions.get(n, 0), n))
    edges = [(a, b, d["weight"]) for a, b, d in graph.edges(data=True) if a in keep and b in keep]
    return nodes, sorted(edges)
