from __future__ import annotations

import pytest

from chumchon.core import thai, thai_words


def test_it_normalises_what_people_paste() -> None:
    assert thai.normalise("ก\u200bา\u200dร") == "การ"  # zero-width characters go
    assert thai.normalise("ไม่่่") == "ไม่"  # a tone mark typed three times counts once
    assert thai.normalise("ดีีี") == "ดี"
    assert thai.normalise("เเมว") == "แมว"  # two sara e for sara ae
    assert thai.normalise("PMQA R2R") == "pmqa r2r"
    assert thai.normalise("e\u0301") == "é"  # NFC


def test_it_removes_a_doubled_mark_that_cleaning_itself_makes() -> None:
    assert thai.clean("ก่\u200b่") == "ก่"  # a zero-width space between two tone marks
    assert thai.clean("แเเมว") == "แมว"  # "เเ" becomes "แ" beside another "แ"
    assert thai.clean("ก\u0e4d\u0e32\u0e33") == "กำ"  # nikhahit + sara aa beside sara am
    assert thai.clean("ไม่ ่") == "ไม่ ่"  # not doubled: a space between


def test_it_keeps_case_when_only_cleaning() -> None:
    assert thai.clean("PMQA\u200b ไม่่") == "PMQA ไม่"


def test_it_segments_thai_and_keeps_mixed_words_whole() -> None:
    assert thai.tokens("การเขียน AAR และ R2R ของทีม PMQA") == [
        "การเขียน", "aar", "และ", "r2r", "ของ", "ทีม", "pmqa",
    ]  # fmt: skip


def test_it_keeps_km_jargon_one_word() -> None:
    assert thai.tokens("ลปรร.") == ["ลปรร"]
    assert thai.tokens("ลปรร") == ["ลปรร"]
    assert "ชุมชนแนวปฏิบัติ" in thai.tokens("ชุมชนแนวปฏิบัติของเรา")
    assert "คุณอำนวย" in thai.tokens("คุณอำนวยชวนคุย")


def test_it_keeps_tone_and_vowel_marks_apart() -> None:
    assert thai.tokens("ไม่") != thai.tokens("ไม้")


def test_it_reads_thai_digits_as_arabic() -> None:
    assert thai.tokens("ปี ๒๕๔๙ สคร ๖") == ["ปี", "2549", "สคร", "6"]
    words, extra = thai.index_tokens("ปี ๒๕๔๙")
    assert words == ["ปี", "2549"]
    assert "๒๕๔๙" in extra


def test_it_lists_the_real_parts_of_compounds() -> None:
    assert "ความรู้" in thai.compound_parts("องค์ความรู้")
    assert "การจัดการ" in thai.compound_parts("การจัดการความรู้")
    assert "กิน" not in thai.compound_parts("เกิน")
    assert "การ" not in thai.compound_parts("บริการ")
    _words, extra = thai.index_tokens("องค์ความรู้ของชุมชน")
    assert {"องค์", "ความรู้"} <= set(extra)


def test_it_offers_other_readings_of_a_run() -> None:
    readings = thai.alternatives("ตากลม")
    assert ["ตาก", "ลม"] in readings
    assert ["ตา", "กลม"] in readings


def test_it_learns_tags_without_losing_them_between_words() -> None:
    text = "ตากลมเย็นสบายดี"
    assert "ตากลมเย็น" not in thai.tokens(text)
    thai.add_words(["ตากลมเย็น"])
    assert "ตากลมเย็น" in thai.tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        "เภสัชกรตั้งโจทย์วิจัยจากคิวรับยาที่ยาวทุกเช้า เก็บเวลารอคอยก่อนและหลังแยกช่องจ่ายยา"
        "ผู้ป่วยโรคเรื้อรัง เวลารอเฉลี่ยลดลงจากห้าสิบนาทีเหลือสิบห้านาที",
        "ก" * 1500,
        "",
    ],
)
def test_it_segments_without_losing_or_repeating_characters(text: str) -> None:
    # nlpo3's safe mode repeats characters on texts like the first one.
    assert "".join(thai.segment_pieces(text)) == text
    assert "".join(thai.segment(text)) == "".join(text.split())


def test_it_splits_words_the_way_fts5_does() -> None:
    assert thai.words_of("e-mail, ลปรร. snake_case ๒๕๔๙") == [
        "e", "mail", "ลปรร", "snake", "case", "๒๕๔๙",
    ]  # fmt: skip


def test_it_segments_texts_together_as_each_alone() -> None:
    # A batch is segmented a few thousand characters a call, the texts joined by line
    # breaks: every text must come back as it segments alone, across group boundaries,
    # with empty texts, a text longer than a group and one nlpo3 is not trusted with.
    sentence = "ชุมชนแนวปฏิบัติแลกเปลี่ยนเรียนรู้เรื่องเบาหวาน r2r ลปรร. ๒๕๔๙ "
    texts = [sentence * (i % 7) for i in range(40)]
    texts += ["", "องค์ความรู้ของคุณอำนวย", "ก" * 1500, sentence * 120] * 3
    texts = [thai.normalise(t) for t in texts]
    assert sum(map(len, texts)) > 5 * thai_words.SEGMENT_CHARS
    assert thai.segment_many(texts) == [thai.segment(t) for t in texts]
    assert thai.index_tokens_many(texts) == [thai.index_tokens(t) for t in texts]
