"""Network analysis on a graph whose answers are known: two triangles joined by a bridge."""

import random

import networkx as nx
import pytest

from chumchon.health import network

# 1-2-3 form a triangle in unit 10, 4-5-6 a triangle in unit 20, 3 and 4 are the bridge.
PAIRS = {
    (1, 2): 1, (2, 3): 2, (3, 1): 1,
    (4, 5): 1, (5, 6): 1, (6, 4): 1,
    (3, 4): 3, (4, 3): 1,
}  # fmt: skip
UNITS = {1: 10, 2: 10, 3: 10, 4: 20, 5: 20, 6: 20}


def test_it_measures_betweenness_of_the_bridge() -> None:
    summary = network.summarise(PAIRS, UNITS)
    # 3 lies on the only shortest paths of the 2 x 3 pairs {1,2} x {4,5,6}: 6 of the
    # (6-1)(6-2)/2 = 10 pairs of the others: 0.6. Same for 4. The rest lie between no one.
    assert summary.betweenness[3] == pytest.approx(0.6)
    assert summary.betweenness[4] == pytest.approx(0.6)
    assert summary.betweenness[1] == 0


def test_it_names_the_brokers_who_link_units() -> None:
    assert network.summarise(PAIRS, UNITS).brokers == [3, 4]


def test_it_measures_density_components_and_clustering() -> None:
    summary = network.summarise(PAIRS, UNITS)
    assert summary.people == 6
    assert summary.ties == 8
    assert summary.density == pytest.approx(8 / 30)  # 8 of 6 x 5 directed ties
    assert summary.components == 1
    # clustering: 1,2,5,6 are in a closed triangle (1.0); 3 and 4 have 3 neighbours with
    # one tie among them (1/3): (4 x 1 + 2 x 1/3) / 6
    assert summary.clustering == pytest.approx((4 + 2 / 3) / 6)


def test_it_counts_separate_groups() -> None:
    summary = network.summarise({(1, 2): 1, (3, 4): 1, (4, 3): 1}, {})
    assert summary.components == 2
    assert summary.largest_component == 2
    assert summary.brokers == []


def test_it_has_nothing_to_say_about_an_empty_network() -> None:
    summary = network.summarise({}, {})
    assert summary.people == 0 and summary.density is None


def _random_pairs(people: int, ties: int, seed: int) -> dict[tuple[int, int], int]:
    rng = random.Random(seed)
    pairs = {}
    while len(pairs) < ties:
        a, b = rng.randrange(people), rng.randrange(people)
        pairs[(a * 7 + 1000, b * 7 + 1000)] = rng.randint(1, 4)
    return pairs


@pytest.mark.parametrize("people", [40, 400])
def test_it_measures_as_networkx_does(people) -> None:
    """The summary equals networkx's own measures of the directed graph made undirected,
    with the same sampled sources above the exact limit."""
    pairs = _random_pairs(people, people * 3, seed=people)
    summary = network.summarise(pairs, {})
    graph = nx.DiGraph()
    for (a, b), w in pairs.items():
        if a != b:
            graph.add_edge(a, b, weight=w)
    plain = graph.to_undirected()
    ours = network.undirected(network.ties(pairs))
    assert [(p, list(near)) for p, near in ours.items()] == [
        (p, list(plain.adj[p])) for p in plain
    ]  # the same people and neighbours in the same order, so the same sums
    k = None if plain.number_of_nodes() <= network.EXACT_LIMIT else network.SAMPLE_SIZE
    expected = nx.betweenness_centrality(plain, k=k, normalized=True, seed=network.SEED)
    assert (k is None) == (people < network.EXACT_LIMIT)
    assert summary.betweenness == pytest.approx(expected)
    assert summary.clustering == pytest.approx(nx.average_clustering(plain))
    assert summary.density == pytest.approx(nx.density(graph))
    assert summary.components == nx.number_weakly_connected_components(graph)
    assert summary.ties == graph.number_of_edges()
