"""The network of who replies to whom: networkx's measures, on plain dicts and lists.

Edges point from the person who replied to the person replied to (the post's author, or
the author of the comment answered). Betweenness is exact up to `EXACT_LIMIT` people and
estimated from `SAMPLE_SIZE` source people above it (with a fixed seed, so a refresh gives
the same answer): exact betweenness of a few hundred people costs seconds per snapshot,
and only its ranking (the brokers) is shown.

Every measure is taken on one undirected graph built once, as plain dicts of each person's
neighbours in the order networkx's `DiGraph.to_undirected()` gives them (a networkx graph
keeps a dict of data per edge, and `to_undirected` deep-copies it, which cost more than
the measures). Betweenness runs Brandes' algorithm on lists indexed by person: the same
sources, the same order of neighbours and the same scaling as
`networkx.betweenness_centrality`, so the same numbers, without the cost of networkx's
adjacency views on graphs of thousands of ties that each snapshot of a large community
holds. Tested against networkx itself.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

EXACT_LIMIT = 100
SAMPLE_SIZE = 32
SEED = 7
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


def ties(pairs: Mapping[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """The directed ties with a weight, in the order the pairs came, without self-replies."""
    return {(s, t): w for (s, t), w in pairs.items() if w > 0 and s != t}


Graph = dict[int, dict[int, None]]  # each person's neighbours (keys), in networkx's order


def undirected(edges: Mapping[tuple[int, int], int]) -> Graph:
    """Who is tied to whom either way, with people and neighbours in the order networkx's
    `DiGraph(edges).to_undirected()` gives them: people in order of first appearance, and
    the ties added person by person, each person's targets in the order they came."""
    successors: dict[int, list[int]] = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
        successors.setdefault(target, [])
    graph: Graph = {person: {} for person in successors}
    for person, targets in successors.items():
        near = graph[person]
        for target in targets:
            near[target] = None
            graph[target][person] = None
    return graph


def components(graph: Graph) -> list[set[int]]:
    """The groups of people linked by some chain of ties."""
    seen: set[int] = set()
    found = []
    for person in graph:
        if person in seen:
            continue
        part = {person}
        todo = [person]
        while todo:
            for other in graph[todo.pop()]:
                if other not in part:
                    part.add(other)
                    todo.append(other)
        seen |= part
        found.append(part)
    return found


def betweenness(graph: Graph) -> dict[int, float]:
    """Normalised betweenness on the undirected graph: who stands between the others."""
    people = list(graph)
    index = {person: i for i, person in enumerate(people)}
    adjacency = [[index[w] for w in graph[person]] for person in people]
    sampled = None
    if len(people) > EXACT_LIMIT:
        sampled = random.Random(SEED).sample(people, SAMPLE_SIZE)
    scores = [0.0] * len(people)
    for source in sampled or people:
        _accumulate(adjacency, index[source], scores)
    return _rescale(dict(zip(people, scores, strict=True)), len(people), sampled)


def _accumulate(adjacency: list[list[int]], source: int, scores: list[float]) -> None:
    """One source of Brandes' algorithm (networkx's `_single_source_shortest_path_basic`
    and `_accumulate_basic`, on lists indexed by person). A person's predecessors are the
    neighbours one step nearer the source, found again from the adjacency instead of kept
    in a list per person: the same additions in the same order, so the same numbers."""
    n = len(adjacency)
    dist = [-1] * n
    sigma = [0] * n  # shortest paths from the source: whole numbers, exact as floats
    dist[source], sigma[source] = 0, 1
    order = [source]
    reach = order.append
    i = 0
    while i < len(order):
        v = order[i]
        i += 1
        next_dist = dist[v] + 1
        paths = sigma[v]
        for w in adjacency[v]:
            known = dist[w]
            if known < 0:
                dist[w] = next_dist
                sigma[w] = paths
                reach(w)
            elif known == next_dist:
                sigma[w] += paths
    delta = [0.0] * n
    for w in reversed(order):
        nearer = dist[w] - 1
        coeff = (1 + delta[w]) / sigma[w]
        for v in adjacency[w]:
            if dist[v] == nearer:
                delta[v] += sigma[v] * coeff
        if w != source:
            scores[w] += delta[w]


def _rescale(scores: dict[int, float], n: int, sampled: list[int] | None) -> dict[int, float]:
    """networkx's normalisation without endpoints: by the (s, t) pairs a path through v
    could join, adjusted for sampled sources."""
    pairs = n - 1
    if pairs < 2:
        return scores
    if sampled is None:
        scale = 1 / (pairs * (pairs - 1))
        return {v: b * scale for v, b in scores.items()}
    k = len(sampled)
    on_source = 1 / ((k - 1) * (pairs - 1)) if k > 1 else float("nan")
    elsewhere = 1 / (k * (pairs - 1))
    chosen = set(sampled)
    return {v: b * (on_source if v in chosen else elsewhere) for v, b in scores.items()}


def average_clustering(graph: Graph) -> float:
    """networkx's `average_clustering` of a graph without self-loops or weights, with each
    person's neighbours as one set made once: networkx makes a neighbour's set again for
    every person next to it, which on the dense graphs of a large community's year cost
    more than betweenness."""
    neighbours = {person: set(near) for person, near in graph.items()}
    found = []
    for near in neighbours.values():
        degree = len(near)
        twice = sum(len(near & neighbours[other]) for other in near)  # each triangle twice
        found.append(0 if twice == 0 else twice / (degree * (degree - 1)))
    return sum(found) / len(found)


def brokers(
    graph: Graph, scores: Mapping[int, float], units: Mapping[int, int | None]
) -> list[int]:
    """People with betweenness above zero whose ties reach into at least two units."""
    found = []
    for person, score in sorted(scores.items(), key=lambda x: (-x[1], x[0])):
        if score <= 0:
            break
        reached = {units.get(n) for n in graph[person]} | {units.get(person)}
        if len(reached - {None}) >= 2:
            found.append(person)
        if len(found) == BROKERS_SHOWN:
            break
    return found


def summarise(
    pairs: Mapping[tuple[int, int], int], units: Mapping[int, int | None]
) -> NetworkSummary:
    edges = ties(pairs)
    graph = undirected(edges)
    people = len(graph)
    if people == 0:
        return NetworkSummary()
    parts = components(graph)
    scores = betweenness(graph)
    return NetworkSummary(
        people=people,
        ties=len(edges),
        density=len(edges) / (people * (people - 1)) if people > 1 else None,
        components=len(parts),
        largest_component=max(len(p) for p in parts),
        clustering=average_clustering(graph),
        betweenness=scores,
        brokers=brokers(graph, scores, units),
    )


def map_data(
    pairs: Mapping[tuple[int, int], int], contributions: Mapping[int, int]
) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The people and ties the browser map draws: the most connected `MAP_NODES` people
    (by replies given and received)."""
    edges = ties(pairs)
    degree: dict[int, int] = {}
    for (source, target), weight in edges.items():
        degree[source] = degree.get(source, 0) + weight
        degree[target] = degree.get(target, 0) + weight
    ranked = sorted(degree.items(), key=lambda x: (-x[1], x[0]))
    keep = {n for n, _d in ranked[:MAP_NODES]}
    nodes = sorted(keep, key=lambda n: (-contributions.get(n, 0), n))
    return nodes, sorted((a, b, w) for (a, b), w in edges.items() if a in keep and b in keep)
