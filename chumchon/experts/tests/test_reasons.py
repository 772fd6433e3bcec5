from __future__ import annotations

import datetime as dt

from django.utils import translation

from chumchon.experts.ranking import Endorser, Evidence, Kind, Signals, rank
from chumchon.experts.reasons import reason

NOW = dt.datetime(2026, 3, 3, 12, tzinfo=dt.UTC)


def _person() -> object:
    evidence = [
        Evidence(1, Kind.POST, f"post:{i}", 1.0, NOW - dt.timedelta(days=10 * i)) for i in range(12)
    ]
    evidence.append(Evidence(1, Kind.ANSWER, "comment:1", 1.0, NOW))
    endorsers = tuple(Endorser(10 + i, cross_unit=i < 2) for i in range(4))
    (person,) = rank(evidence, {1: Signals(endorsers=endorsers)}, now=NOW)
    return person


def test_it_explains_a_ranking_in_plain_thai() -> None:
    with translation.override("th"):
        text = reason(_person())
    assert text == (
        "เขียนเรื่องนี้ 12 บันทึก ล่าสุดเมื่อ 3 มี.ค. 2569, คำตอบที่ยอมรับ 1 ครั้ง, "
        "ได้รับการรับรองจาก 4 คน (จากหน่วยงานอื่น 2 คน)"
    )


def test_it_explains_in_english_and_the_common_era_on_request() -> None:
    with translation.override("en"):
        text = reason(_person(), calendar="ce")
    assert text.startswith("wrote 12 posts on this, latest on 3 Mar 2026, 1 accepted answer")
    assert text.endswith("endorsed by 4 people (2 from other units)")


def test_it_names_declared_expertise_and_facilitated_communities() -> None:
    signals = Signals(declared=("ลปรร.",), facilitates=("ชุมชนคนทำ KM",))
    (person,) = rank([], {1: signals}, now=NOW)
    with translation.override("th"):
        assert reason(person) == "เป็นคุณอำนวยของ ชุมชนคนทำ KM, ระบุเป็นความเชี่ยวชาญของตนเอง"
