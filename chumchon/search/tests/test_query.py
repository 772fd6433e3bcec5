from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from chumchon.search.query import All, Either, Phrase, Term, Without, parse


def test_it_reads_words_typed_together_as_all_of_them() -> None:
    q = parse("การเขียนบันทึก")
    assert q.strict == All((Term("การเขียน"), Term("บันทึก")))
    assert q.boost == Phrase(("การเขียน", "บันทึก"))  # side by side ranks first


def test_it_tries_other_readings_of_a_run_as_phrases_after_the_reading_as_typed() -> None:
    q = parse("ตากลม")
    assert q.strict == Term("ตากลม")
    assert isinstance(q.wider, Without) and isinstance(q.wider.positive, Either)
    assert Phrase(("ตาก", "ลม")) in q.wider.positive.children
    assert q.wider.negative == Term("ตากลม")
    assert {"ตาก", "ลม"} <= q.highlight
    assert [full for _node, _boost, full in q.tiers()] == [True, True]


def test_it_reads_quotes_as_a_phrase_and_minus_as_without() -> None:
    q = parse('"เรื่องเล่าเร้าพลัง" -อบรม')
    assert isinstance(q.strict, Without)
    assert q.strict.negative == Term("อบรม")
    assert q.words == ["เรื่องเล่าเร้าพลัง"]


def test_it_ranks_partial_matches_after_full_ones() -> None:
    q = parse("เบาหวาน แผล")
    assert q.loose is not None
    assert isinstance(q.loose, Without)  # partial matches exclude the full ones


def test_it_needs_a_word_to_look_for() -> None:
    assert parse("-อบรม").is_empty
    assert parse('  "" ').is_empty


def test_it_refuses_an_over_long_query_in_the_users_language() -> None:
    with pytest.raises(ValidationError):
        parse("ก" * 201)
