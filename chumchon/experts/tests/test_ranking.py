"""The ranking model on hand-made evidence whose right order is worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from chumchon.experts.ranking import (
    DEFAULT_WEIGHTS,
    Endorser,
    Evidence,
    Kind,
    PersonScore,
    Signals,
    add_signals,
    decay,
    rank,
    signals_value,
)

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def ev(
    person: int, key: str, relevance: float = 1.0, kind: Kind = Kind.POST, days: int = 0
) -> Evidence:
    return Evidence(person, kind, key, relevance, NOW - dt.timedelta(days=days))


def order(people: list) -> list[int]:
    return [p.person_id for p in people]


def test_it_sums_relevance_times_association_over_documents() -> None:
    people = rank([ev(1, "p1", 2.0), ev(1, "p2", 1.0), ev(2, "p3", 2.0)], now=NOW)
    assert order(people) == [1, 2]
    # Normalised by the best post (2.0): person 1 has 1.0 + 0.5, person 2 has 1.0.
    assert people[0].score == pytest.approx(1.5)
    assert people[1].score == pytest.approx(1.0)


def test_it_weighs_comments_less_and_accepted_answers_more_than_posts() -> None:
    people = rank(
        [
            ev(1, "c1", kind=Kind.COMMENT),
            ev(1, "c2", kind=Kind.COMMENT),
            ev(2, "p1"),
            ev(3, "c3", kind=Kind.ANSWER),
        ],
        now=NOW,
    )
    assert order(people) == [3, 2, 1]
    assert people[2].score == pytest.approx(2 * DEFAULT_WEIGHTS.association[Kind.COMMENT])


def test_it_counts_assets_citations_and_sessions_with_their_weights() -> None:
    people = rank(
        [
            ev(1, "a1", kind=Kind.ASSET),
            ev(2, "a1", kind=Kind.CITED),
            ev(3, "s1", kind=Kind.SESSION),
        ],
        now=NOW,
    )
    assert order(people) == [1, 3, 2]
    assert people[0].parts == {"assets": pytest.approx(1.2)}
    assert people[1].parts == {"sessions": pytest.approx(1.0)}


def test_it_halves_evidence_every_half_life() -> None:
    assert decay(NOW - dt.timedelta(days=730), NOW, 730) == pytest.approx(0.5)
    assert decay(NOW - dt.timedelta(days=1460), NOW, 730) == pytest.approx(0.25)
    assert decay(NOW + dt.timedelta(days=3), NOW, 730) == 1.0
    people = rank([ev(1, "old1", days=1500), ev(1, "old2", days=1500), ev(2, "new")], now=NOW)
    assert order(people) == [2, 1]


def test_it_normalises_relevance_per_kind_so_engine_scales_do_not_matter() -> None:
    small = rank([ev(1, "p1", 0.2), ev(2, "p2", 0.1), ev(2, "c1", 0.01, Kind.COMMENT)], now=NOW)
    large = rank([ev(1, "p1", 20), ev(2, "p2", 10), ev(2, "c1", 900, Kind.COMMENT)], now=NOW)
    assert [p.score for p in small] == pytest.approx([p.score for p in large])


def test_it_counts_each_document_once() -> None:
    people = rank([ev(1, "p1"), ev(1, "p1"), ev(2, "p2", 0.9)], now=NOW)
    assert people[0].counts[Kind.POST] == 1
    assert people[0].score == pytest.approx(1.0)


def test_it_counts_each_endorser_once_and_cross_unit_endorsers_more() -> None:
    same_twice = Signals(endorsers=(Endorser(7, False), Endorser(7, False), Endorser(8, False)))
    one_cross = Signals(endorsers=(Endorser(9, True),))
    two_same = Signals(endorsers=(Endorser(10, False), Endorser(11, False)))
    people = rank([], {1: same_twice, 2: one_cross, 3: two_same}, now=NOW)
    by_id = {p.person_id: p for p in people}
    assert by_id[1].endorsers == 2
    assert by_id[1].score == pytest.approx(by_id[3].score)  # 7 counted once
    assert by_id[2].score == pytest.approx(by_id[3].score)  # one outsider = two colleagues
    assert by_id[2].cross_unit_endorsers == 1


def test_it_lets_written_evidence_outweigh_a_ring_of_endorsers() -> None:
    ring = Signals(endorsers=tuple(Endorser(100 + i, False) for i in range(8)))
    writer = [ev(2, f"p{i}") for i in range(4)]
    assert order(rank(writer, {1: ring}, now=NOW)) == [2, 1]


def test_it_adds_declared_expertise_and_facilitating_but_below_real_writing() -> None:
    signals = {
        1: Signals(declared=("ลปรร.",)),
        2: Signals(facilitates=("ชุมชน A", "ชุมชน B", "ชุมชน C")),
    }
    people = rank([ev(3, "p1"), ev(3, "p2")], signals, now=NOW)
    assert order(people) == [3, 2, 1]
    by_id = {p.person_id: p for p in people}
    assert by_id[2].facilitates == ("ชุมชน A", "ชุมชน B")  # at most two count
    assert by_id[2].score == pytest.approx(2 * DEFAULT_WEIGHTS.facilitating)
    assert by_id[1].score == pytest.approx(DEFAULT_WEIGHTS.declared)


@pytest.mark.parametrize(
    "signals",
    [
        Signals(),
        Signals(declared=("ลปรร.",)),
        Signals(endorsers=(Endorser(7, True), Endorser(7, False), Endorser(8, False))),
        Signals(declared=("R2R",), facilitates=("ชุมชน A", "ชุมชน B", "ชุมชน C")),
    ],
)
def test_it_values_signals_alone_as_adding_them_to_a_person_does(signals: Signals) -> None:
    person = PersonScore(1)
    add_signals(person, signals, DEFAULT_WEIGHTS)
    assert signals_value(signals, DEFAULT_WEIGHTS) == pytest.approx(sum(person.parts.values()))


def test_it_breaks_ties_by_id_and_orders_evidence_by_contribution() -> None:
    people = rank([ev(5, "x"), ev(4, "y"), ev(4, "z", 0.5, days=10)], now=NOW)
    assert order(people) == [4, 5]
    assert [e.key for e in people[0].top(3)] == ["y", "z"]
    people = rank([ev(5, "x"), ev(4, "y")], now=NOW)
    assert order(people) == [4, 5]


def test_it_keeps_the_latest_date_of_writing() -> None:
    (person,) = rank(
        [ev(1, "p1", days=40), ev(1, "p2", days=3), ev(1, "c", kind=Kind.COMMENT)], now=NOW
    )
    assert person.latest_post == NOW - dt.timedelta(days=3)
    assert person.latest == NOW


def test_it_ignores_signals_that_say_nothing() -> None:
    assert rank([], {1: Signals()}, now=NOW) == []


def test_it_spreads_a_persons_evidence_over_everything_they_wrote() -> None:
    # A generalist names the topic in 30 of 120 posts; a specialist writes 12 of 15 on it.
    generalist = [ev(1, f"g{i}", 0.5) for i in range(30)]
    specialist = [ev(2, f"s{i}", 1.0) for i in range(12)]
    assert order(rank(generalist + specialist, now=NOW)) == [1, 2]  # the raw sum: volume wins
    people = rank(generalist + specialist, now=NOW, volume={1: 120, 2: 15})
    assert order(people) == [2, 1]
    assert people[0].score == pytest.approx(12 / 15**0.5)
    assert people[0].top(1)[0].key == "s0"


def test_it_never_spreads_over_less_than_the_evidence_itself() -> None:
    (person,) = rank([ev(1, "a"), ev(1, "b")], now=NOW, volume={})
    assert person.score == pytest.approx(2 / 2**0.5)
