"""Organisations, units and members (each with a blog and a tag) for generated data."""

from __future__ import annotations

import random
from collections.abc import Iterator

from django.contrib.auth.hashers import make_password

from chumchon.core.generate.text import TOPICS

BATCH = 2_000

UNITS = (
    ("มหาวิทยาลัยสงขลาตัวอย่าง", "มสต.", (
        "คณะแพทยศาสตร์", "คณะพยาบาลศาสตร์", "สำนักหอสมุด", "กองคลัง", "กองบริหารงานบุคคล",
        "ศูนย์คอมพิวเตอร์", "คณะทรัพยากรธรรมชาติ")),
    ("กรมควบคุมโรคตัวอย่าง", "คร.", (
        "สำนักระบาดวิทยา", "สคร ๑", "สคร ๖", "สคร ๑๒", "สำนักโรคไม่ติดต่อ", "กองการเจ้าหน้าที่",
        "สำนักโรคจากการประกอบอาชีพ")),
    ("โรงพยาบาลชุมชนตัวอย่าง", "รพช.", (
        "กลุ่มการพยาบาล", "กลุ่มงานเวชปฏิบัติครอบครัว", "กลุ่มงานเภสัชกรรม", "งานพัสดุ",
        "กลุ่มงานแพทย์แผนไทย", "งานสุขภาพจิต")),
)  # fmt: skip


def _names() -> tuple[list[str], list[str]]:
    from pythainlp.corpus import get_corpus

    given = sorted(
        get_corpus("person_names_female_th.txt") | get_corpus("person_names_male_th.txt")
    )
    family = sorted(get_corpus("family_names_th.txt"))
    return given, family


def _batches(n: int, size: int = BATCH) -> Iterator[range]:
    for start in range(0, n, size):
        yield range(start, min(n, start + size))


def make_units(rng: random.Random) -> list[int]:
    from chumchon.accounts.models import OrgUnit

    ids: list[int] = []
    for i, (name, short, children) in enumerate(UNITS):
        slug = f"gen-org-{i}"
        root, _ = OrgUnit.objects.get_or_create(
            slug=slug, defaults={"name": name, "short_name": short, "kind": "organisation"}
        )
        for j, child in enumerate(children):
            unit, _ = OrgUnit.objects.get_or_create(
                slug=f"{slug}-{j}",
                defaults={"name": child, "kind": "division", "parent": root, "organisation": root},
            )
            ids.append(unit.pk)
    return ids


def make_members(count: int, rng: random.Random, unit_ids: list[int], seed: int) -> list[int]:
    from chumchon.accounts.models import Member
    from chumchon.blogs.models import Blog

    given, family = _names()
    password = make_password(None)  # unusable: generated members cannot log in
    tags = _ensure_tags()
    prefix = f"g{seed}x"
    start = Member.objects.filter(handle__startswith=prefix).count()
    ids: list[int] = []
    for chunk in _batches(count):
        members = [
            Member(
                handle=f"{prefix}{start + i}",
                display_name=f"{rng.choice(given)} {rng.choice(family)}",
                password=password, unit_id=rng.choice(unit_ids),
                bio=f"ทำงานด้าน{rng.choice(TOPICS).tag}และสนใจการจัดการความรู้",
            )
            for i in chunk
        ]  # fmt: skip
        Member.objects.bulk_create(members, batch_size=500)  # sets pk on SQLite and PostgreSQL
        created = [m.pk for m in members]
        ids += created
        Blog.objects.bulk_create(
            [Blog(owner_id=pk, slug="blog", title="บันทึกการทำงาน") for pk in created], batch_size=500
        )
        through = Member.tags.through
        through.objects.bulk_create(
            [
                through(member_id=pk, tag_id=tags[rng.choice(TOPICS).tag])
                for pk in created
            ],
            batch_size=1000, ignore_conflicts=True,
        )  # fmt: skip
    return ids


def _ensure_tags() -> dict[str, int]:
    from chumchon.core.models import Tag

    names = sorted({t.tag for t in TOPICS} | {x for t in TOPICS for x in t.tags})
    Tag.objects.bulk_create([Tag(name=n) for n in names], ignore_conflicts=True)
    return dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
