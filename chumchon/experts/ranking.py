"""Who knows about a query: the ranking model, pure Python over already-fetched evidence.

The core is the document-centric "Model 2" of Balog, Azzopardi and de Rijke (2006):

    score(person, query) = Σ_documents relevance(document, query) × association(document, person)

Relevance comes from the search index and is normalised per kind of document, so that
the best post and the best comment for this query are each worth 1.0 and the engines'
raw scales (BM25 on SQLite, ts_rank on PostgreSQL) do not matter. Association says how
much a document speaks for a person: writing a post says more than leaving a comment,
an answer the asker accepted says more than either.

Balog's p(d|person) spreads a person's association over all their documents, so the
sum is divided by the person's volume of writing (the posts they published, or their
evidence if that weighs more) raised to `volume_exponent`: 1 would be the average
relevance of everything they wrote, which crowns anyone with a single lucky post; 0 is
the raw sum, which crowns whoever writes most about everything. The square root in
between keeps a prolific expert on top while a prolific generalist, who names every
topic in passing, sinks.

Every document is then discounted by its age (a half-life, see `Weights`), and three
signals are added that do not come from the index: expertise the person declared on
their profile, endorsements by other members, and facilitating a community whose tags
match the query. Every part of the score is kept, so the finder can show why.

Nothing here touches the database: callers fetch what the viewer may see, then rank.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class Kind(enum.StrEnum):
    """How a document is tied to a person."""

    POST = "post"  # wrote it
    QUESTION = "question"  # asked it in a post of kind "question"
    COMMENT = "comment"  # commented with it
    ANSWER = "answer"  # a comment the asker accepted as the answer to their question
    ASSET = "asset"  # authored a knowledge asset
    CITED = "cited"  # a knowledge asset was distilled from their post
    SESSION = "session"  # led a sharing session (เวที ลปรร.)


@dataclass(frozen=True)
class Weights:
    """Every weight of the model, in units of "one fresh post that is the best match".

    association: asking a question shows interest, not knowledge (0.2); a comment is a
    passing remark (0.3); an accepted answer is a peer's judgement that the person
    solved the problem (1.5); a knowledge asset is distilled, checked know-how (1.2); a
    post that an asset was distilled from proves its worth to the community, but the
    asset's words are not the person's own (0.6); leading a session on the topic is
    practice in front of peers (1.0).

    half_life_days: two years. Thai public-sector staff rotate posts every few years and
    practice changes with each fiscal-year plan, so writing from the last year should
    count nearly in full (≥ 70 %), writing from a previous posting (four years ago)
    about a quarter, and nothing ever drops to zero: a specialist's quiet year must not
    erase them.

    declared: a tag the person put on their own profile. Alone it is weak evidence (a
    self-description that may be stale), so it is worth half a post.

    endorsement: each endorser counts once, however many matching tags they endorsed;
    an endorser from another unit counts `cross_unit_factor` times (they saw the
    person's expertise from outside, which is what the finder is for). The sum is taken
    through log1p so that a ring of colleagues cannot outvote written evidence.

    volume_exponent: see the module's docstring.

    facilitating: being a facilitator (คุณอำนวย) of a community whose tags match, per
    community, at most `facilitating_cap` communities.
    """

    association: Mapping[Kind, float] = field(
        default_factory=lambda: {
            Kind.POST: 1.0,
            Kind.QUESTION: 0.2,
            Kind.COMMENT: 0.3,
            Kind.ANSWER: 1.5,
            Kind.ASSET: 1.2,
            Kind.CITED: 0.6,
            Kind.SESSION: 1.0,
        }
    )
    volume_exponent: float = 0.5
    half_life_days: float = 730.0
    declared: float = 0.5
    endorsement: float = 0.6
    cross_unit_factor: float = 2.0
    facilitating: float = 0.8
    facilitating_cap: int = 2


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Evidence:
    """One document tied to one person, as the viewer is allowed to see it."""

    person_id: int
    kind: Kind
    key: str  # the document's identity ("post:12"); counted once per kind, at its best
    relevance: float  # the search engine's score; higher is more relevant, any scale
    at: dt.datetime
    title: str = ""
    snippet: str = ""
    url: str = ""


@dataclass(frozen=True)
class Endorser:
    member_id: int
    cross_unit: bool


@dataclass(frozen=True)
class Signals:
    """What a person's profile and roles say about the query, beyond documents."""

    declared: tuple[str, ...] = ()  # their own expertise tags that match the query
    endorsers: tuple[Endorser, ...] = ()  # may repeat a member; counted once
    facilitates: tuple[str, ...] = ()  # names of matching communities they facilitate


@dataclass(frozen=True)
class Scored:
    """A piece of evidence with its share of the person's score."""

    evidence: Evidence
    contribution: float


@dataclass
class PersonScore:
    person_id: int
    score: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)
    evidence: list[Scored] = field(default_factory=list)  # strongest first
    counts: Counter[Kind] = field(default_factory=Counter)
    latest: dt.datetime | None = None  # newest written evidence (posts, answers…)
    latest_post: dt.datetime | None = None
    endorsers: int = 0
    cross_unit_endorsers: int = 0
    declared: tuple[str, ...] = ()
    facilitates: tuple[str, ...] = ()
    # Scored from the expertise table: evidence and counts are read for shown people only,
    # by the words the score was computed from.
    from_table: bool = False
    terms: tuple[str, ...] = ()

    def top(self, n: int = 3) -> list[Evidence]:
        return [s.evidence for s in self.evidence[:n]]


# ---- the parts --------------------------------------------------------------------


def decay(at: dt.datetime, now: dt.datetime, half_life_days: float) -> float:
    """2^(−age / half-life); evidence from the future (clock skew) counts as new."""
    age_days = max((now - at).total_seconds() / 86_400, 0.0)
    return 0.5 ** (age_days / half_life_days)


def normalise(evidence: Iterable[Evidence]) -> dict[tuple[str, Kind], float]:
    """Relevance divided by the best relevance of the same kind of document."""
    items = list(evidence)
    best: dict[Kind, float] = {}
    for e in items:
        best[e.kind] = max(best.get(e.kind, 0.0), e.relevance)
    return {
        (e.key, e.kind): (e.relevance / best[e.kind] if best[e.kind] > 0 else 0.0) for e in items
    }


def endorsement_score(endorsers: Iterable[Endorser], weights: Weights) -> tuple[float, int, int]:
    """The endorsement part, with the number of distinct endorsers and of cross-unit ones."""
    seen: dict[int, bool] = {}
    for e in endorsers:
        seen[e.member_id] = seen.get(e.member_id, False) or e.cross_unit
    mass = sum(weights.cross_unit_factor if cross else 1.0 for cross in seen.values())
    return weights.endorsement * math.log1p(mass), len(seen), sum(seen.values())


_PART_OF_KIND = {
    Kind.POST: "writing",
    Kind.QUESTION: "questions",
    Kind.COMMENT: "comments",
    Kind.ANSWER: "answers",
    Kind.ASSET: "assets",
    Kind.CITED: "assets",
    Kind.SESSION: "sessions",
}
_WRITTEN = {Kind.POST, Kind.QUESTION, Kind.COMMENT, Kind.ANSWER, Kind.ASSET}


def _add_evidence(
    person: PersonScore, e: Evidence, relevance: float, now: dt.datetime, weights: Weights
) -> None:
    value = relevance * weights.association[e.kind] * decay(e.at, now, weights.half_life_days)
    part = _PART_OF_KIND[e.kind]
    person.parts[part] = person.parts.get(part, 0.0) + value
    person.evidence.append(Scored(e, value))
    person.counts[e.kind] += 1
    if e.kind in _WRITTEN and (person.latest is None or e.at > person.latest):
        person.latest = e.at
    if e.kind == Kind.POST and (person.latest_post is None or e.at > person.latest_post):
        person.latest_post = e.at


def signals_value(signals: Signals, weights: Weights) -> float:
    """What `add_signals` adds to a person's score, without building the person."""
    value = weights.declared if signals.declared else 0.0
    value += endorsement_score(signals.endorsers, weights)[0]
    return value + weights.facilitating * len(signals.facilitates[: weights.facilitating_cap])


def add_signals(person: PersonScore, signals: Signals, weights: Weights) -> None:
    person.declared = signals.declared
    if signals.declared:
        person.parts["declared"] = weights.declared
    value, person.endorsers, person.cross_unit_endorsers = endorsement_score(
        signals.endorsers, weights
    )
    if value:
        person.parts["endorsements"] = value
    person.facilitates = signals.facilitates[: weights.facilitating_cap]
    if person.facilitates:
        person.parts["facilitating"] = weights.facilitating * len(person.facilitates)


def _spread_over_volume(person: PersonScore, volume: float, weights: Weights) -> None:
    own = sum(weights.association[e.evidence.kind] for e in person.evidence)
    factor = max(volume, own, 1.0) ** -weights.volume_exponent
    if factor == 1.0:
        return
    for part in set(_PART_OF_KIND.values()) & person.parts.keys():
        person.parts[part] *= factor
    person.evidence = [Scored(s.evidence, s.contribution * factor) for s in person.evidence]


# ---- the model ------------------------------------------------------------------------


def rank(
    evidence: Iterable[Evidence],
    signals: Mapping[int, Signals] | None = None,
    *,
    now: dt.datetime,
    volume: Mapping[int, float] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[PersonScore]:
    """People ordered by score (highest first; ties by id so the order is stable).

    `volume` is each person's association-weighted count of everything they wrote that
    the viewer may see (None: plain sums); a person missing from it counts as having
    written only their evidence.
    """
    strongest: dict[tuple[int, Kind, str], Evidence] = {}
    for e in evidence:
        seen = strongest.get((e.person_id, e.kind, e.key))
        if seen is None or e.relevance > seen.relevance:
            strongest[(e.person_id, e.kind, e.key)] = e
    unique = list(strongest.values())
    relevance = normalise(unique)
    people: dict[int, PersonScore] = {}
    for e in unique:
        person = people.setdefault(e.person_id, PersonScore(e.person_id))
        _add_evidence(person, e, relevance[(e.key, e.kind)], now, weights)
    for person_id, s in (signals or {}).items():
        if s.declared or s.endorsers or s.facilitates:
            add_signals(people.setdefault(person_id, PersonScore(person_id)), s, weights)
    for person in people.values():
        if volume is not None:
            _spread_over_volume(person, volume.get(person.person_id, 0.0), weights)
        person.score = sum(person.parts.values())
        person.evidence.sort(key=lambda s: (-s.contribution, s.evidence.key))
    return sorted(people.values(), key=lambda p: (-p.score, p.person_id))
