"""Demo communities, a network with its hub, sessions with AARs and knowledge assets.

The demo loader (chumchon/core/demo/load.py) runs this as its "communities" step, after
the demo organisation's people and posts: it finds members, units and blogs by handle or
slug (the people of chumchon/core/demo/data/people.toml) and makes only what is missing,
through the services, so it also runs on an empty database and twice in a row.

Its posts are written in the last few days, after the organisation's newest post, so
that post numbers keep following the order posts were written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from chumchon.accounts.models import Member, OrgUnit
from chumchon.accounts.services import member_create, orgunit_create
from chumchon.blogs.models import Blog, Post
from chumchon.blogs.services import blog_create, post_create
from chumchon.comments.services import comment_create
from chumchon.communities import services
from chumchon.communities.models import Community, Role
from chumchon.core.demo.context import DEMO_PASSWORD
from chumchon.core.demo.people import quick_demo_hashing

# ---- people and places, found or made --------------------------------------------------

# slug: (name, kind, parent, short name), as in the demo organisation's people.toml
UNITS = {
    "phupha": ("มหาวิทยาลัยนครภูผา", "organisation", None, "ม.นครภูผา"),
    "phupha-med": ("คณะแพทยศาสตร์", "faculty", "phupha", ""),
    "phupha-med-commed": ("ภาควิชาเวชศาสตร์ชุมชน", "unit", "phupha-med", ""),
    "phupha-med-hospital": ("โรงพยาบาลศรีภูผา", "division", "phupha-med", ""),
    "phupha-nursing": ("คณะพยาบาลศาสตร์", "faculty", "phupha", ""),
    "phupha-computer": ("สำนักคอมพิวเตอร์", "bureau", "phupha", ""),
    "phupha-president": ("สำนักงานอธิการบดี", "division", "phupha", ""),
    "phupha-finance": ("กองคลัง", "division", "phupha-president", ""),
    "odpc6": ("สำนักงานป้องกันควบคุมโรคที่ ๖ จังหวัดนครภูผา", "organisation", None, "สคร ๖"),
    "odpc6-epi": ("กลุ่มระบาดวิทยาและข่าวกรอง", "group", "odpc6", ""),
    "odpc6-academic": ("กลุ่มส่งเสริมสนับสนุนวิชาการ", "group", "odpc6", ""),
    "odpc6-cd": ("กลุ่มโรคติดต่อ", "group", "odpc6", ""),
    "odpc6-env": ("กลุ่มโรคจากการประกอบอาชีพและสิ่งแวดล้อม", "group", "odpc6", ""),
    "odpc6-od": ("กลุ่มพัฒนาองค์กร", "group", "odpc6", ""),
}

# handle: (display name, unit), as in people.toml; bounmy, from Laos, is the community's own
PEOPLE = {
    "wichai": ("วิชัย ทองประเสริฐ", "phupha-med-commed"),
    "pornthip": ("พรทิพย์ แสงอรุณ", "phupha-med"),
    "anucha": ("อนุชา บุญมา", "phupha-med-hospital"),
    "somsri": ("สมศรี พรหมมา", "phupha-med-hospital"),
    "wilaiwan": ("วิไลวรรณ จันทร์หอม", "phupha-med-hospital"),
    "ratree": ("ราตรี ใจงาม", "phupha-nursing"),
    "somsak": ("สมศักดิ์ แก้วมณี", "phupha-computer"),
    "narong": ("ณรงค์ ศรีวิเศษ", "phupha-computer"),
    "nongluck": ("นงลักษณ์ มีสุข", "phupha-finance"),
    "prapaporn": ("ประภาพร ทองดี", "phupha-finance"),
    "malai": ("มาลัย ศรีสุวรรณ", "odpc6-academic"),
    "nattaya": ("ณัฐธยา โพธิ์ศรี", "odpc6-epi"),
    "thawee": ("ทวี ดวงแก้ว", "odpc6-epi"),
    "kamonwan": ("กมลวรรณ แสนสุข", "odpc6-cd"),
    "prasit": ("ประสิทธิ์ ชัยมงคล", "odpc6-cd"),
    "pichai": ("พิชัย แก้วกาญจนา", "odpc6-env"),
    "chanida": ("ชนิดา เรืองศรี", "odpc6-od"),
    "bounmy": ("บุญมี พมมะจัน", None),
}


def _unit(slug: str) -> OrgUnit:
    found = OrgUnit.objects.filter(slug=slug).first()
    if found is not None:
        return found
    name, kind, parent, short = UNITS[slug]
    return orgunit_create(
        name=name, kind=kind, slug=slug, parent=_unit(parent) if parent else None, short_name=short
    )


def _member(handle: str) -> Member:
    found = Member.objects.filter(handle=handle).first()
    if found is not None:
        return found
    name, unit = PEOPLE[handle]
    with quick_demo_hashing():
        return member_create(
            handle=handle, display_name=name, email=f"{handle}@example.org",
            password=DEMO_PASSWORD, unit=_unit(unit) if unit else None,
        )  # fmt: skip


def _blog(owner: Member, slug: str, title: str) -> Blog:
    return Blog.objects.filter(owner=owner, slug=slug).first() or blog_create(
        owner=owner, slug=slug, title=title
    )


class People(dict[str, Member]):
    """The demo's people by handle, found or made on first use."""

    def __missing__(self, handle: str) -> Member:
        self[handle] = _member(handle)
        return self[handle]


# ---- the communities ----------------------------------------------------------------------

COMMUNITIES = [
    # slug, starter, name, purpose, goals, tags, unit, reach, visibility, policy
    ("epi-dpc6", "nattaya", "ชุมชนนักสอบสวนโรค สคร ๖",
     "อยากสอบสวนการระบาดให้เร็วขึ้นและเขียนรายงานให้คนหน้างานเอาไปใช้ได้จริง",
     "ออกรายงานสอบสวนเบื้องต้นภายใน ๔๘ ชั่วโมง\nทุกคนในกลุ่มได้เป็นหัวหน้าทีมสอบสวนอย่างน้อยปีละครั้ง",
     ["สอบสวนโรค", "ระบาดวิทยา"], "odpc6-epi", "unit", "public", "open"),
    ("procurement", "nongluck", "ชุมชนงานพัสดุทุกคณะ",
     "คนทำพัสดุจากทุกคณะมาช่วยกันตีความระเบียบใหม่ และแบ่งปันแบบฟอร์มที่ใช้แล้วไม่ถูกตีกลับ",
     "ลดเอกสารที่ถูกส่งคืนจากกองคลังลงครึ่งหนึ่งภายในปีงบประมาณ",
     ["พัสดุ", "ระเบียบจัดซื้อจัดจ้าง"], "phupha", "cross_functional", "public", "request"),
    ("it-admins", "somsak", "ชุมชนผู้ดูแลระบบไอที ม.นครภูผา",
     "ผู้ดูแลระบบของแต่ละคณะช่วยกันแก้ปัญหาเครือข่ายและเซิร์ฟเวอร์ ไม่ต้องเจ็บซ้ำที่เดิม",
     "มีคู่มือกู้ระบบที่ทุกคณะใช้ร่วมกันได้", ["ไอที", "โอเพนซอร์ส"], "phupha-computer",
     "cross_functional", "closed", "request"),
    ("dengue-area", "nattaya", "เฝ้าระวังไข้เลือดออก สคร ๖ กับ ม.นครภูผา",
     "สำนักงานป้องกันควบคุมโรคกับคณะแพทย์และคณะพยาบาลในพื้นที่เดียวกัน ร่วมกันอ่านสัญญาณการระบาดให้ทันฤดูฝน",
     "ใช้ข้อมูลผู้ป่วยจากโรงพยาบาลมหาวิทยาลัยเตือนพื้นที่ได้ก่อนสองสัปดาห์",
     ["ไข้เลือดออก", "เฝ้าระวัง"], "odpc6", "area", "public", "open"),
    ("tb-region", "kamonwan", "งานควบคุมวัณโรค สคร ๕ ๖ ๗",
     "สำนักงานป้องกันควบคุมโรคที่อยู่ติดกันแลกเปลี่ยนวิธีติดตามผู้ป่วยวัณโรคที่ย้ายข้ามเขต",
     "ไม่มีผู้ป่วยขาดยาเพราะย้ายที่อยู่", ["วัณโรค"], "odpc6-cd", "region", "public", "open"),
    ("aar-mentors", "wichai", "ครูพี่เลี้ยงการเขียน AAR",
     "คนจากหลายกรมหลายจังหวัดช่วยกันฝึกเขียน AAR ที่สั้น ซื่อตรง และนำไปทำต่อได้",
     "", ["AAR", "การจัดการความรู้"], None, "national", "public", "open"),
    ("mekong-onehealth", "malai", "สุขภาพหนึ่งเดียวลุ่มน้ำโขง",
     "เจ้าหน้าที่สาธารณสุขไทย ลาว และกัมพูชา แลกเปลี่ยนการเฝ้าระวังโรคจากสัตว์สู่คนตามแนวชายแดน",
     "", ["สุขภาพหนึ่งเดียว", "ชายแดน"], None, "international", "public", "request"),
    ("health-km-hub", "malai", "ศูนย์ประสานเครือข่ายจัดการความรู้สุขภาพ",
     "เป็นแม่ข่ายให้ชุมชนนักปฏิบัติด้านสุขภาพในภาคอีสาน ช่วยนัดเวที เก็บขุมความรู้ และเชื่อมคนที่ควรรู้จักกัน",
     "จัดเวทีรวมเครือข่ายไตรมาสละครั้ง", ["การจัดการความรู้", "เครือข่าย"], "odpc6-academic",
     "hub_network", "public", "request"),
    ("incident-review", "somsri", "คณะทำงานทบทวนเหตุการณ์ไม่พึงประสงค์",
     "ทบทวนเหตุการณ์ที่เกือบพลาดในหอผู้ป่วยอย่างเปิดใจ โดยไม่กล่าวโทษใคร",
     "", ["ความปลอดภัยผู้ป่วย"], "phupha-med-hospital", "unit", "secret", "invitation"),
]  # fmt: skip

MEMBERS = {
    "epi-dpc6": ["thawee", "chanida", "wichai"],
    "procurement": ["prapaporn", "pornthip"],
    "it-admins": ["narong"],
    "dengue-area": ["wichai", "ratree", "prasit"],
    "tb-region": ["thawee"],
    "aar-mentors": ["malai", "somsri", "chanida"],
    "mekong-onehealth": ["bounmy", "pichai"],
    "health-km-hub": ["wichai", "pornthip", "nattaya"],
    "incident-review": ["wilaiwan", "anucha"],
}


# How many days ago each community started: the oldest have a history, the youngest are
# still finding their rhythm (chumchon/communities/demo_life.py gives each its life).
STARTED = {
    "procurement": 725, "it-admins": 705, "health-km-hub": 700, "epi-dpc6": 690,
    "incident-review": 540, "tb-region": 420, "dengue-area": 400, "aar-mentors": 150,
    "mekong-onehealth": 120,
}  # fmt: skip


def started_at(slug: str) -> dt.datetime:
    return _ago(STARTED[slug], 10)


def _start_all(p: People, advance: Callable[[], object]) -> dict[str, Community]:
    made: dict[str, Community] = {}
    for slug, starter, name, purpose, goals, tags, unit, reach, vis, policy in COMMUNITIES:
        creator = p[starter]
        began = started_at(slug)
        community = services.community_create(
            creator=creator, name=name, slug=slug, purpose=purpose, goals=goals, tags=tags,
            home_unit=_unit(unit) if unit else None, reach=reach, visibility=vis,
            join_policy=policy, created_at=began,
        )  # fmt: skip
        for i, handle in enumerate(MEMBERS[slug], start=1):
            when = began + dt.timedelta(days=2 * i)
            services.membership_invite(
                community=community, inviter=creator, member=p[handle], invited_at=when
            )
            services.membership_join(community=community, member=p[handle], joined_at=when)
        made[slug] = community
        advance()
    return made


# ---- posts, sessions, assets, the network ------------------------------------------------


def _ago(days: int, hour: int = 9) -> dt.datetime:
    moment = timezone.localtime() - dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _write(
    author: Member, blog: Blog, title: str, body: str, days: int, hour: int, **kw: object
) -> Post:
    return post_create(
        blog=blog,
        author=author,
        title=title,
        body=body,
        written_at=_ago(days, hour),
        **kw,  # type: ignore[arg-type]
    )


def _content(p: People, c: dict[str, Community]) -> None:
    outbreak = _blog(p["nattaya"], "outbreak", "สอบสวนโรคภาคสนาม")
    commed = _blog(p["wichai"], "commed", "เวชศาสตร์ชุมชนนอกตำรา")
    supplies = _blog(p["nongluck"], "procurement", "พัสดุไม่ใช่ยาขม")
    sysadmin = _blog(p["somsak"], "sysadmin", "ห้องเครื่องเล่าเรื่อง")
    # The blogs joined when their communities started: their posts since fill the feeds.
    for blog, slug in [(outbreak, "epi-dpc6"), (outbreak, "dengue-area"),
                       (supplies, "procurement"), (sysadmin, "it-admins"),
                       (commed, "aar-mentors")]:  # fmt: skip
        services.blog_membership_create(
            blog=blog, community=c[slug], member=blog.owner, joined_at=started_at(slug)
        )

    story = _write(
        p["nongluck"], supplies, "เล่าเรื่อง: ใบสั่งซื้อที่ไม่ถูกตีกลับเลยทั้งไตรมาส",
        "ไตรมาสนี้งานพัสดุคณะแพทย์ส่งเอกสารไปกองคลังสี่สิบกว่าชุด ไม่มีชุดไหนถูกส่งคืน "
        "เคล็ดลับคือโทรคุยกับเจ้าหน้าที่คลังก่อนส่งทุกครั้งที่มีรายการแปลก ๆ "
        "และเก็บคำตอบไว้เป็นตารางที่ทุกคนในห้องเปิดดูได้",
        days=4, hour=9, kind="story", tags=["พัสดุ"],
    )  # fmt: skip
    comment_create(post=story, author=p["somsri"], created_at=_ago(3, 10),
                   body="ขอยืมตารางนั้นไปใช้ที่โรงพยาบาลได้ไหมคะ")  # fmt: skip
    _write(
        p["wichai"], commed, "AAR ที่ดีไม่ต้องยาว",
        "หลังเวทีแต่ละครั้ง ผมขอให้ทุกคนตอบแค่สี่คำถามในกระดาษแผ่นเดียว "
        "คาดหวังอะไร เกิดอะไรขึ้นจริง ทำไมจึงต่างกัน และครั้งหน้าจะทำอะไร "
        "คำตอบสั้น ๆ แต่ซื่อตรงมีค่ากว่ารายงานยาวที่ไม่มีใครอ่าน",
        days=4, hour=14, kind="aar", tags=["AAR"],
    )  # fmt: skip
    question = _write(
        p["nattaya"], outbreak, "ทำอย่างไรให้รายงานสอบสวนโรคเสร็จใน ๔๘ ชั่วโมง",
        "ครั้งล่าสุดทีมเราลงพื้นที่อาหารเป็นพิษที่โรงเรียนได้เร็ว แต่รายงานเสร็จช้าไปเกือบสัปดาห์ "
        "เพราะรอผลแล็บและรอให้ทุกคนส่งส่วนของตัวเอง\n\nใครเคยทำได้เร็วกว่านี้ ช่วยเล่าวิธีหน่อยค่ะ",
        days=3, hour=8, kind="question", tags=["สอบสวนโรค", "รายงาน"],
    )  # fmt: skip
    answers = [
        comment_create(post=question, author=p["thawee"], created_at=_ago(3, 11),
                       body="ผมแบ่งรายงานเป็นสองฉบับครับ ฉบับแรกส่งภายในวันที่สองโดยไม่รอแล็บ "
                       "บอกชัดว่าอะไรยืนยันแล้วอะไรยังสงสัย ฉบับสมบูรณ์ค่อยตามมา"),
        comment_create(post=question, author=p["wichai"], created_at=_ago(3, 15),
                       body="ที่โรงพยาบาลเราใช้แม่แบบเดียวกันทุกครั้ง มีช่องให้เติมตั้งแต่อยู่ในรถ "
                       "พอกลับถึงสำนักงานก็เหลือแค่ตารางกับกราฟ"),
    ]  # fmt: skip
    _write(
        p["somsak"], sysadmin, "AAR: ไฟดับทั้งอาคารแล้วเซิร์ฟเวอร์ไม่กลับมาเอง",
        "คาดว่า UPS จะพอให้ปิดเครื่องอย่างปลอดภัย แต่แบตเตอรี่เสื่อมจนอยู่ได้แค่สามนาที "
        "ครั้งหน้าจะทดสอบ UPS ทุกเดือนและตั้งให้เครื่องเปิดเองเมื่อไฟกลับ",
        days=2, hour=10, kind="aar", tags=["ไอที"],
    )  # fmt: skip
    dengue = _write(
        p["nattaya"], outbreak, "สัญญาณไข้เลือดออกต้นฤดูฝนปีนี้",
        "ผู้ป่วยสงสัยไข้เลือดออกที่โรงพยาบาลศรีภูผาเพิ่มขึ้นตั้งแต่สัปดาห์ที่สองของพฤษภาคม "
        "ก่อนรายงาน ๕๐๖ ของจังหวัดราวสิบวัน น่าจะใช้เป็นสัญญาณเตือนล่วงหน้าได้",
        days=1, hour=9, tags=["ไข้เลือดออก"],
    )  # fmt: skip
    border = _write(
        p["bounmy"], _blog(p["bounmy"], "mekong", "บันทึกจากด่านท่าแขก"),
        "หมูป่วยที่ตลาดนัดใกล้ด่าน: แจ้งเพื่อนฝั่งไทยภายในวันเดียว",
        "เจ้าหน้าที่ปศุสัตว์ฝั่งลาวพบหมูป่วยหลายตัวที่ตลาดนัดใกล้ด่าน เราส่งรูปและพิกัดเข้ากลุ่มนี้ทันที "
        "เพื่อนจาก สคร ๖ ประสานด่านฝั่งไทยให้ตรวจรถขนสัตว์ในบ่ายวันเดียวกัน",
        days=1, hour=14, tags=["สุขภาพหนึ่งเดียว", "ชายแดน"],
    )  # fmt: skip
    services.community_post_share(community=c["mekong-onehealth"], post=border, member=p["bounmy"])
    secret_note = _write(
        p["somsri"], _blog(p["somsri"], "ward", "เรื่องเล่าจากหออายุรกรรม"),
        "ทบทวนเหตุการณ์ให้ยาผิดเวลาเมื่อคืนวันศุกร์",
        "บันทึกนี้อ่านได้เฉพาะคณะทำงาน: ลำดับเหตุการณ์และสิ่งที่ระบบควรช่วยดักไว้",
        days=1, hour=20, tags=["ความปลอดภัยผู้ป่วย"],
    )  # fmt: skip
    services.community_post_share(
        community=c["incident-review"], post=secret_note, member=p["somsri"], members_only=True
    )
    services.community_post_share(community=c["aar-mentors"], post=question, member=p["wichai"])
    _sessions_and_assets(p, c, question, answers, dengue)


def _sessions_and_assets(p: People, c: dict[str, Community], question: Post,
                         answers: list, dengue: Post) -> None:  # type: ignore[type-arg]  # fmt: skip
    services.membership_set_role(
        membership=c["epi-dpc6"].memberships.get(member=p["chanida"]), granter=p["nattaya"],
        role=Role.NOTE_TAKER,
    )  # fmt: skip
    past = services.session_create(
        community=c["epi-dpc6"], organiser=p["nattaya"],
        title="เวที ลปรร. ครั้งที่ ๓: รายงานเร็วแต่ไม่พลาด",
        starts_at=_ago(2, 13), ends_at=_ago(2, 16), place="ห้องประชุมชั้น ๒ สคร ๖",
        agenda="เล่าเรื่องการสอบสวนที่ทำได้เร็วที่สุดของแต่ละคน แล้วช่วยกันหาสิ่งที่เหมือนกัน",
    )  # fmt: skip
    services.session_record(
        session=past, editor=p["chanida"], outsider_count=4,
        participants=[p["nattaya"], p["thawee"], p["wichai"], p["chanida"]],
        linked_posts=[question],
        notes="ได้ขั้นตอนร่วมกันสามข้อ: แม่แบบเดียว ส่งฉบับแรกไม่รอแล็บ และแบ่งคนเขียนตามหัวข้อตั้งแต่วันแรก",
        aar_expected="อยากได้ขั้นตอนที่ทุกทีมใช้ได้ทันที",
        aar_happened="ได้ขั้นตอนสามข้อ แต่ยังไม่ได้ตกลงเรื่องใครเป็นคนกดส่ง",
        aar_why="เวลาไม่พอ เพราะเรื่องเล่าแรกยาวเกินไป",
        aar_next="ครั้งหน้าจับเวลาเรื่องเล่าคนละสิบนาที และเชิญเจ้าหน้าที่แล็บมาร่วม",
    )  # fmt: skip
    for days, title, slug, organiser in [
        (-6, "เวทีออนไลน์: อ่านสัญญาณไข้เลือดออกด้วยกัน", "dengue-area", "nattaya"),
        (-14, "เวที ลปรร. ครั้งที่ ๔: ชวนแล็บมาเล่า", "epi-dpc6", "nattaya"),
        (-21, "เวทีรวมเครือข่ายไตรมาสแรก", "health-km-hub", "malai"),
    ]:  # fmt: skip
        services.session_create(
            community=c[slug], organiser=p[organiser], title=title, starts_at=_ago(days, 13),
            ends_at=_ago(days, 15), online_url="https://meet.example.org/km",
        )  # fmt: skip
    services.asset_harvest(
        community=c["epi-dpc6"], member=p["nattaya"], post=question, comments=answers,
        title="รายงานสอบสวนโรคสองจังหวะ",
        summary="ส่งรายงานเบื้องต้นภายใน ๔๘ ชั่วโมงโดยไม่รอผลแล็บ แล้วค่อยส่งฉบับสมบูรณ์",
        steps="1. เปิดแม่แบบรายงานตั้งแต่อยู่ในรถ\n2. แบ่งคนเขียนตามหัวข้อในวันแรก\n"
        "3. ส่งฉบับแรก บอกให้ชัดว่าอะไรยืนยันแล้ว\n4. ส่งฉบับสมบูรณ์เมื่อผลแล็บครบ",
        tags=["สอบสวนโรค", "รายงาน"], publish=True,
    )  # fmt: skip
    asset = services.asset_propose(
        community=c["epi-dpc6"], author=p["chanida"], title="จับเวลาเรื่องเล่าในเวที",
        summary="เรื่องเล่าคนละสิบนาทีทำให้ทุกคนได้พูดและยังเหลือเวลาสรุป", sessions=[past],
    )  # fmt: skip
    services.asset_publish(asset=asset, member=p["nattaya"])
    services.asset_propose(
        community=c["dengue-area"], author=p["wichai"],
        title="ใช้ข้อมูลโรงพยาบาลเตือนก่อนรายงานจังหวัด",
        summary="ผู้ป่วยสงสัยในโรงพยาบาลศรีภูผาขึ้นก่อนรายงานจังหวัดราวสิบวัน", posts=[dengue],
    )  # fmt: skip


def _network(p: People, c: dict[str, Community]) -> None:
    network = services.network_create(
        creator=p["malai"], hub=c["health-km-hub"], name="เครือข่ายจัดการความรู้สุขภาพอีสาน",
        slug="isan-health-km",
        description="มหาวิทยาลัยกับสำนักงานป้องกันควบคุมโรคในภาคอีสานเชื่อมชุมชนนักปฏิบัติเข้าหากัน "
        "โดยมีศูนย์ประสานเป็นแม่ข่าย",
    )  # fmt: skip
    for slug in ("epi-dpc6", "dengue-area", "procurement", "tb-region"):
        asker = c[slug].memberships.filter(role=Role.FACILITATOR).first().member  # type: ignore[union-attr]
        link = services.network_link_request(network=network, community=c[slug], member=asker)
        if slug != "tb-region":  # one request still waits for the hub
            services.network_link_accept(link=link, member=p["malai"])


# ---- the demo loader's step (chumchon/core/demo/load.py) ----------------------------------


def demo_size() -> int:
    """Progress-bar steps: one per community, then the content, then the network."""
    return len(COMMUNITIES) + 2


def is_demo_loaded() -> bool:
    return Community.objects.filter(slug=COMMUNITIES[0][0]).exists()


@transaction.atomic
def load_communities_demo(advance: Callable[[], object] = lambda: None) -> list[Community]:
    """Create the demo communities unless they exist; returns the communities made."""
    if is_demo_loaded():
        return []
    people = People()
    communities = _start_all(people, advance)
    _content(people, communities)
    advance()
    _network(people, communities)
    advance()
    return list(communities.values())
