"""Synthetic data at scale: members, blogs, tagged Thai posts of about 2 KB, comments.

Used by `chumchon generate` and by the benchmarks in bench/. Rows go in with bulk inserts
in batches (no per-row services, no side effects); run `chumchon reindex` afterwards, or
let the command do it. The text comes from a vocabulary and sentence templates written
for this purpose: topics of Thai public-sector and health KM, so search, the expert
locator and community health have something realistic to chew on.

Other apps add their own rows (communities, memberships…) by appending a function to
`EXTENSIONS`; each gets the `Generated` summary and the random generator.
"""

from __future__ import annotations

import datetime as dt
import html
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import F, Max

BATCH = 2_000
BODY_BYTES = 2_000  # "about 2 KB" of UTF-8 per post body
START = dt.datetime(2006, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2025, 12, 31, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Topic:
    tag: str
    tags: tuple[str, ...]  # other tags that go with it
    nouns: tuple[str, ...]  # what people write about
    actions: tuple[str, ...]  # what they did
    problems: tuple[str, ...]
    results: tuple[str, ...]


def _t(tag: str, tags: str, nouns: str, actions: str, problems: str, results: str) -> Topic:
    return Topic(
        tag, tuple(tags.split("|")), tuple(nouns.split("|")), tuple(actions.split("|")),
        tuple(problems.split("|")), tuple(results.split("|")),
    )  # fmt: skip


TOPICS: tuple[Topic, ...] = (
    _t("เบาหวาน", "โรคเรื้อรัง|คลินิกเบาหวาน|NCD",
       "ผู้ป่วยเบาหวาน|ระดับน้ำตาลในเลือด|การตรวจเท้า|อาหารของผู้ป่วยเบาหวาน|ยาฉีดอินซูลิน|ค่า HbA1c",
       "ตรวจคัดกรองเบาหวานในชุมชน|สอนผู้ป่วยฉีดอินซูลินเอง|จัดกลุ่มเพื่อนช่วยเพื่อนผู้ป่วยเบาหวาน|ติดตามผู้ป่วยเบาหวานที่บ้าน",
       "ผู้ป่วยไม่มาตามนัด|ระดับน้ำตาลคุมไม่ได้|ผู้ป่วยสูงอายุอ่านฉลากยาไม่ออก",
       "ค่าน้ำตาลของผู้ป่วยลดลง|ผู้ป่วยมาตามนัดมากขึ้น|แผลที่เท้าลดลงอย่างเห็นได้ชัด"),
    _t("ความดันโลหิตสูง", "โรคเรื้อรัง|NCD|อสม.",
       "ผู้ป่วยความดันโลหิตสูง|เครื่องวัดความดัน|การลดเค็ม|ยาลดความดัน",
       "วัดความดันที่บ้านโดย อสม.|รณรงค์ลดเค็มในร้านอาหาร|ทำสมุดบันทึกความดันให้ผู้ป่วย",
       "ผู้ป่วยหยุดยาเอง|ค่าความดันสูงขึ้นช่วงเทศกาล|เครื่องวัดความดันไม่พอ",
       "ผู้ป่วยคุมความดันได้ดีขึ้น|ชุมชนหันมาลดเค็ม|อสม. วัดความดันได้แม่นยำขึ้น"),
    _t("ไข้เลือดออก", "ระบาดวิทยา|ควบคุมโรค|ยุงลาย",
       "ลูกน้ำยุงลาย|ค่าดัชนีลูกน้ำ|ผู้ป่วยไข้เลือดออก|การพ่นหมอกควัน|ทรายกำจัดลูกน้ำ",
       "สำรวจลูกน้ำยุงลายในโรงเรียน|สอบสวนโรคไข้เลือดออก|ชวนชุมชนคว่ำภาชนะทุกสัปดาห์",
       "ผู้ป่วยเพิ่มขึ้นในฤดูฝน|ชาวบ้านไม่ให้ความร่วมมือ|รายงานโรคล่าช้า",
       "ค่าดัชนีลูกน้ำลดลงต่ำกว่าเกณฑ์|ไม่มีผู้ป่วยรายใหม่ในหมู่บ้าน|รายงานโรคได้ทันเวลา"),
    _t("ระบาดวิทยา", "สอบสวนโรค|SRRT|เฝ้าระวังโรค",
       "ทีมเฝ้าระวังสอบสวนเคลื่อนที่เร็ว|ข้อมูลเฝ้าระวังโรค|รายงาน 506|การสอบสวนโรค",
       "ซ้อมแผนรับมือโรคระบาด|วิเคราะห์ข้อมูลเฝ้าระวังรายสัปดาห์|เขียนรายงานสอบสวนโรค",
       "ข้อมูลไม่ครบถ้วน|ทีมงานมีไม่พอ|การสื่อสารความเสี่ยงไม่ทั่วถึง",
       "ตรวจจับการระบาดได้เร็วขึ้น|รายงานมีคุณภาพดีขึ้น|ทีมทำงานประสานกันได้ดี"),
    _t("การพยาบาล", "หอผู้ป่วย|พยาบาล|ความปลอดภัยของผู้ป่วย",
       "หอผู้ป่วยใน|การส่งเวรพยาบาล|แผลกดทับ|การป้องกันผู้ป่วยพลัดตกหกล้ม|การให้ยา",
       "ปรับวิธีส่งเวรให้กระชับ|พลิกตัวผู้ป่วยทุกสองชั่วโมง|ทำป้ายเตือนความเสี่ยงข้างเตียง",
       "พยาบาลจบใหม่ยังไม่มั่นใจ|ภาระงานล้นมือ|ความคลาดเคลื่อนทางยา",
       "อุบัติการณ์แผลกดทับลดลง|การส่งเวรใช้เวลาน้อยลง|ผู้ป่วยและญาติพึงพอใจมากขึ้น"),
    _t("จัดซื้อจัดจ้าง", "พัสดุ|การเงิน|ระเบียบ",
       "ระเบียบพัสดุ|การจัดซื้อจัดจ้างภาครัฐ|ใบสั่งซื้อ|การตรวจรับพัสดุ|ระบบ e-GP",
       "ทำคู่มือขั้นตอนจัดซื้อ|จัดอบรมระเบียบพัสดุใหม่|ทำตารางติดตามสัญญา",
       "เอกสารตีกลับบ่อย|ระเบียบเปลี่ยนบ่อย|ผู้ขายส่งของล่าช้า",
       "เอกสารผิดพลาดน้อยลง|เบิกจ่ายได้ตามแผน|เจ้าหน้าที่ใหม่ทำงานได้เร็วขึ้น"),
    _t("งานบุคคล", "HR|สมรรถนะ|พัฒนาบุคลากร",
       "การประเมินผลการปฏิบัติงาน|แผนพัฒนารายบุคคล|สมรรถนะหลัก|การสรรหาบุคลากร|IDP",
       "ออกแบบแบบประเมินสมรรถนะ|จัดพี่เลี้ยงให้บุคลากรใหม่|ทำแผนสืบทอดตำแหน่ง",
       "คนเก่งลาออก|ประเมินผลไม่สะท้อนงานจริง|งบพัฒนาบุคลากรน้อย",
       "บุคลากรใหม่ปรับตัวได้เร็ว|การประเมินเป็นธรรมมากขึ้น|อัตราการลาออกลดลง"),
    _t("เทคโนโลยีสารสนเทศ", "IT|ระบบเครือข่าย|ข้อมูล",
       "ระบบเครือข่าย|เครื่องแม่ข่าย|การสำรองข้อมูล|ความมั่นคงปลอดภัยไซเบอร์|ระบบสารสนเทศโรงพยาบาล",
       "ย้ายระบบขึ้นคลาวด์|ตั้งระบบสำรองข้อมูลอัตโนมัติ|อบรมการใช้รหัสผ่านที่ปลอดภัย",
       "ระบบล่มบ่อย|ไวรัสเรียกค่าไถ่|ผู้ใช้ลืมรหัสผ่าน",
       "ระบบทำงานต่อเนื่อง|กู้ข้อมูลคืนได้ภายในชั่วโมง|แจ้งปัญหาผ่านระบบได้สะดวก"),
    _t("การเรียนการสอน", "ห้องเรียน|ครู|นักศึกษา",
       "ห้องเรียนกลับด้าน|การสอนแบบโครงงาน|การประเมินผู้เรียน|แผนการสอน|นักศึกษาแพทย์",
       "ให้นักศึกษาเรียนจากกรณีศึกษา|ใช้เกมในการสอน|ให้ผู้เรียนสะท้อนคิดท้ายคาบ",
       "ผู้เรียนไม่กล้าถาม|เนื้อหามากเกินเวลา|ผู้เรียนเรียนออนไลน์แล้วหลุดสมาธิ",
       "ผู้เรียนมีส่วนร่วมมากขึ้น|คะแนนสอบดีขึ้น|ผู้เรียนนำไปใช้ในงานจริงได้"),
    _t("เกษตรอินทรีย์", "เกษตรกร|ปุ๋ยหมัก|ชุมชน",
       "ปุ๋ยหมักชีวภาพ|แปลงผักอินทรีย์|ตลาดสีเขียว|น้ำหมักชีวภาพ|ไร่นาสวนผสม",
       "รวมกลุ่มเกษตรกรทำปุ๋ยหมัก|เปิดตลาดนัดผักปลอดสาร|ตรวจสารเคมีในเลือดเกษตรกร",
       "ศัตรูพืชระบาด|ราคาผลผลิตตกต่ำ|เกษตรกรสูงวัยไม่มีคนสืบต่อ",
       "ต้นทุนการผลิตลดลง|ผลผลิตขายได้ราคาดี|สารเคมีในเลือดเกษตรกรลดลง"),
    _t("งานห้องสมุด", "ห้องสมุด|สารสนเทศ|การอ่าน",
       "บริการยืมคืน|ฐานข้อมูลวิจัย|มุมอ่านหนังสือ|คลังเอกสารดิจิทัล",
       "จัดกิจกรรมส่งเสริมการอ่าน|ทำคลังความรู้ดิจิทัล|สอนการสืบค้นฐานข้อมูล",
       "ผู้ใช้บริการลดลง|หนังสือชำรุด|งบจัดซื้อฐานข้อมูลจำกัด",
       "ผู้ใช้บริการเพิ่มขึ้น|ค้นเอกสารได้เร็วขึ้น|นักศึกษาใช้ฐานข้อมูลเป็น"),
    _t("R2R", "งานวิจัย|งานประจำสู่งานวิจัย|พัฒนาคุณภาพ",
       "งานประจำสู่งานวิจัย|โจทย์วิจัยจากหน้างาน|การเก็บข้อมูล|การเขียนบทความวิชาการ",
       "ตั้งโจทย์วิจัยจากปัญหาหน้างาน|จับคู่นักวิจัยพี่เลี้ยง|นำเสนอผลงานในเวที R2R",
       "ไม่มีเวลาทำวิจัย|วิเคราะห์สถิติไม่เป็น|กลัวการเขียนรายงาน",
       "ได้ผลงานวิจัยจากงานประจำ|ผลงานได้รับรางวัล|นำผลวิจัยไปปรับงานได้จริง"),
    _t("PMQA", "คุณภาพการบริหาร|ตัวชี้วัด|หมวด 4",
       "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ|หมวด 4 การวัด การวิเคราะห์ และการจัดการความรู้"
       "|ตัวชี้วัดผลลัพธ์|รายงานผลการดำเนินงาน",
       "ทำแผนการจัดการความรู้ตามเกณฑ์|ประเมินองค์กรด้วยตนเอง|จัดทำลักษณะสำคัญขององค์กร",
       "เอกสารมากเกินไป|ผู้บริหารเปลี่ยนบ่อย|ตัวชี้วัดไม่เชื่อมกับงาน",
       "ผ่านเกณฑ์ระดับพื้นฐาน|องค์กรเห็นจุดอ่อนชัดขึ้น|แผนงานเชื่อมกับยุทธศาสตร์"),
    _t("การจัดการความรู้", "KM|ลปรร.|ชุมชนแนวปฏิบัติ",
       "ชุมชนแนวปฏิบัติ|คลังความรู้|เรื่องเล่าเร้าพลัง|ความรู้ฝังลึก|ตารางอิสรภาพ|บันไดการเรียนรู้",
       "จัดเวที ลปรร. ทุกเดือน|ถอดบทเรียนจากผู้มีประสบการณ์|ให้คุณอำนวยชวนคุยในวง|ทำขุมความรู้จากบันทึก",
       "คนไม่กล้าเล่าเรื่อง|ทำ KM เพราะถูกสั่ง|ความรู้ติดอยู่กับคนที่เกษียณ",
       "สมาชิกเขียนบันทึกแบ่งปันมากขึ้น|ได้แก่นความรู้ที่ใช้ได้จริง|ชุมชนเติบโตจากแรงบันดาลใจของสมาชิก"),
    _t("การเงินการคลัง", "งบประมาณ|บัญชี|การเงิน",
       "งบประมาณประจำปี|การเบิกจ่าย|บัญชีเกณฑ์คงค้าง|ต้นทุนต่อหน่วย",
       "วิเคราะห์ต้นทุนบริการ|วางแผนเบิกจ่ายรายไตรมาส|ทำรายงานการเงินแบบแดชบอร์ด",
       "เบิกจ่ายไม่ทันเป้า|ข้อมูลบัญชีไม่ตรงกัน|งบประมาณถูกตัด",
       "เบิกจ่ายได้ตามเป้า|รู้ต้นทุนจริงของบริการ|ผู้บริหารตัดสินใจได้เร็วขึ้น"),
    _t("ผู้สูงอายุ", "ดูแลระยะยาว|Long Term Care|อสม.",
       "ผู้สูงอายุติดเตียง|ผู้ดูแลผู้สูงอายุ|ชมรมผู้สูงอายุ|การป้องกันการหกล้มในผู้สูงอายุ",
       "เยี่ยมบ้านผู้สูงอายุติดเตียง|อบรมผู้ดูแลผู้สูงอายุในชุมชน|ตั้งชมรมออกกำลังกายผู้สูงอายุ",
       "ผู้ดูแลเหนื่อยล้า|บ้านไม่เหมาะกับผู้สูงอายุ|ผู้สูงอายุอยู่ลำพัง",
       "ผู้สูงอายุช่วยเหลือตัวเองได้มากขึ้น|ผู้ดูแลมีเครือข่ายช่วยเหลือ|การหกล้มลดลง"),
    _t("แม่และเด็ก", "ฝากครรภ์|นมแม่|พัฒนาการเด็ก",
       "หญิงตั้งครรภ์|การฝากครรภ์|การเลี้ยงลูกด้วยนมแม่|พัฒนาการเด็กปฐมวัย|วัคซีนเด็ก",
       "ตั้งคลินิกนมแม่|ติดตามหญิงตั้งครรภ์ให้ฝากครรภ์เร็ว|ตรวจพัฒนาการเด็กในศูนย์เด็กเล็ก",
       "ฝากครรภ์ช้า|แม่กลับไปทำงานเร็ว|เด็กพัฒนาการล่าช้า",
       "แม่เลี้ยงลูกด้วยนมแม่นานขึ้น|ฝากครรภ์ครั้งแรกเร็วขึ้น|เด็กได้รับวัคซีนครบ"),
    _t("สุขภาพจิต", "ซึมเศร้า|ให้คำปรึกษา|จิตเวช",
       "โรคซึมเศร้า|การคัดกรองสุขภาพจิต|การให้คำปรึกษา|ภาวะหมดไฟในการทำงาน",
       "คัดกรองซึมเศร้าด้วยแบบ 2Q|ตั้งวงพูดคุยสุนทรียสนทนาในหน่วยงาน|ทำสายด่วนให้คำปรึกษา",
       "คนไม่กล้าขอความช่วยเหลือ|ผู้ป่วยขาดยา|บุคลากรหมดไฟ",
       "ผู้ป่วยได้รับการดูแลต่อเนื่อง|บรรยากาศในที่ทำงานดีขึ้น|คนกล้าขอความช่วยเหลือมากขึ้น"),
    _t("อาชีวอนามัย", "ความปลอดภัย|สิ่งแวดล้อม|แรงงาน",
       "ความปลอดภัยในการทำงาน|ฝุ่น PM2.5|สารเคมีในโรงงาน|การตรวจสุขภาพแรงงาน",
       "สำรวจความเสี่ยงในสถานประกอบการ|แจกหน้ากากป้องกันฝุ่น|ตรวจสุขภาพแรงงานนอกระบบ",
       "แรงงานไม่สวมอุปกรณ์ป้องกัน|ค่าฝุ่นเกินมาตรฐาน|นายจ้างไม่ให้ความร่วมมือ",
       "อุบัติเหตุจากการทำงานลดลง|แรงงานรู้จักป้องกันตนเอง|สถานประกอบการผ่านมาตรฐาน"),
    _t("งานสารบรรณ", "เอกสาร|ธุรการ|สำนักงาน",
       "หนังสือราชการ|ระบบสารบรรณอิเล็กทรอนิกส์|การเก็บรักษาเอกสาร|การรับส่งหนังสือ",
       "ใช้ระบบสารบรรณอิเล็กทรอนิกส์แทนกระดาษ|จัดหมวดหมู่แฟ้มเอกสารใหม่|ทำแบบฟอร์มกลาง",
       "เอกสารหาย|หนังสือเวียนช้า|กระดาษสิ้นเปลือง",
       "ค้นหนังสือได้ในไม่กี่วินาที|ลดการใช้กระดาษลงครึ่งหนึ่ง|หนังสือถึงผู้รับในวันเดียว"),
    _t("ยาเสพติด", "บำบัด|ชุมชนเข้มแข็ง|เยาวชน",
       "ผู้ใช้ยาเสพติด|การบำบัดแบบสมัครใจ|ค่ายปรับเปลี่ยนพฤติกรรม|เยาวชนกลุ่มเสี่ยง",
       "ตั้งศูนย์บำบัดในชุมชน|ให้ครอบครัวร่วมดูแลผู้บำบัด|ทำกิจกรรมกีฬาสำหรับเยาวชน",
       "ผู้บำบัดกลับไปเสพซ้ำ|ชุมชนตีตรา|ขาดงบประมาณต่อเนื่อง",
       "ผู้บำบัดกลับไปทำงานได้|ชุมชนยอมรับมากขึ้น|เยาวชนมีพื้นที่สร้างสรรค์"),
    _t("การแพทย์แผนไทย", "สมุนไพร|นวดไทย|แพทย์แผนไทย",
       "ยาสมุนไพร|การนวดไทย|ลูกประคบ|ฟ้าทะลายโจร|ขมิ้นชัน",
       "ปลูกสมุนไพรในโรงพยาบาล|เปิดคลินิกนวดไทย|ทำลูกประคบสมุนไพรขาย",
       "หมอพื้นบ้านสูงอายุ|สมุนไพรไม่ได้มาตรฐาน|ความรู้ไม่ถูกบันทึก",
       "ผู้ป่วยใช้ยาสมุนไพรแทนยาแผนปัจจุบันได้บางส่วน|ชุมชนมีรายได้เสริม|บันทึกตำรายาพื้นบ้านไว้ได้"),
)  # fmt: skip

KINDS = ("article",) * 5 + ("story",) * 2 + ("aar", "journal", "question")
OPENERS = (
    "วันนี้ขอเล่าเรื่อง{n}ที่ทีมของเราทำมาตลอดปีที่ผ่านมา",
    "หลายท่านถามมาว่าเรื่อง{n}เริ่มต้นอย่างไร จึงขอบันทึกไว้ตรงนี้",
    "บันทึกนี้เขียนหลังเวที ลปรร. เรื่อง{n}ของ{u}",
    "ผมได้รับคำถามจากเพื่อนร่วมงานเรื่อง{n} เลยอยากเล่าประสบการณ์ให้ฟัง",
    "ดิฉันทำงานด้าน{tag}มาหลายปี และอยากแลกเปลี่ยนเรื่อง{n}กับทุกท่าน",
)
SENTENCES = (
    "ปัญหาที่เราพบคือ{p} ซึ่งทำให้งาน{tag}ไม่เดินหน้าเท่าที่ควร",
    "ทีมงานจึงตกลงกันว่าจะ{a} โดยเริ่มจากกลุ่มเล็กก่อน",
    "เราใช้เวลาประมาณ{num}เดือนในการ{a} และบันทึกสิ่งที่เกิดขึ้นทุกสัปดาห์",
    "ผลที่เกิดขึ้นคือ{r} ซึ่งทุกคนในทีมภูมิใจมาก",
    "สิ่งสำคัญที่ได้เรียนรู้คือการฟังกันอย่างลึกซึ้งและให้เกียรติประสบการณ์ของทุกคน",
    "คุณอำนวยของกลุ่มชวนให้สมาชิกเล่าเรื่อง{n}จากหน้างานจริง",
    "เมื่อทบทวนหลังการปฏิบัติ เราพบว่า{p}ยังเกิดขึ้นบ้างในบางพื้นที่",
    "ครั้งหน้าเราจะ{a}ให้ครอบคลุมมากขึ้น และชวนหน่วยงานอื่นมาร่วมด้วย",
    "ข้อมูลปี {year} แสดงว่า{r}อย่างต่อเนื่อง",
    "ผู้บริหารให้การสนับสนุนโดยจัดเวลาให้ทีมได้พบกันเดือนละครั้ง",
    "เพื่อนจาก{u}มาดูงานและให้ข้อเสนอแนะเรื่อง{n}ที่มีประโยชน์มาก",
    "เราเก็บความรู้เรื่อง{n}ไว้ในคลังความรู้ เพื่อให้คนรุ่นใหม่ได้ใช้ต่อ",
    "ถ้าท่านใดมีประสบการณ์เรื่อง{n} ขอเชิญแลกเปลี่ยนในความเห็นด้านล่างครับ",
    "เทคนิคเล็ก ๆ ที่ได้ผลคือ{a}ควบคู่ไปกับการติดตามอย่างสม่ำเสมอ",
    "บางครั้งงานประจำก็ทำให้เราลืมถามว่า{n}ช่วยผู้รับบริการได้จริงหรือไม่",
    "ทีมได้ถอดบทเรียนเป็นขั้นตอนง่าย ๆ ห้าข้อ ซึ่งหน่วยงานอื่นนำไปใช้ได้ทันที",
    "การทำงานข้ามสายงานทำให้เห็นปัญหา{p}จากหลายมุม",
    "ขอบคุณเพื่อนร่วมงานทุกคนที่ช่วยกัน{a}จนสำเร็จ",
)
TITLES = (
    "{n}: บทเรียนจาก{u}",
    "เล่าเรื่อง{n}ของทีมเรา",
    "AAR หลังการ{a}",
    "เมื่อ{p} เราทำอย่างไร",
    "ประสบการณ์{a}",
    "{n} กับการจัดการความรู้",
    "ถาม: ใครมีประสบการณ์เรื่อง{n}บ้าง",
)
COMMENTS = (
    "ขอบคุณที่แบ่งปันครับ ได้ความรู้มากเลย",
    "ที่หน่วยงานของดิฉันก็เจอปัญหา{p}เหมือนกันค่ะ",
    "น่าสนใจมากครับ อยากทราบว่า{a}ใช้เวลานานแค่ไหน",
    "ชอบเทคนิคนี้ค่ะ จะลองนำไป{a}บ้าง",
    "เป็นเรื่องเล่าที่มีพลังมากครับ ขอเป็นกำลังใจให้ทีม",
)
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


@dataclass
class Generated:
    members: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    posts: int = 0
    comments: int = 0
    first_post_id: int = 0
    last_post_id: int = 0


class Writer:
    """Turns topics and templates into text; one instance per seed, so output repeats."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _fill(self, template: str, topic: Topic, unit: str) -> str:
        r = self.rng
        return template.format(
            n=r.choice(topic.nouns), a=r.choice(topic.actions), p=r.choice(topic.problems),
            r=r.choice(topic.results), tag=topic.tag, u=unit,
            num=r.choice(("สาม", "หก", "เก้า", "สิบสอง", "๓", "๖")),
            year=r.choice(("๒๕๔๙", "2550", "๒๕๕๓", "2560", "๒๕๖๕", "2567")),
        )  # fmt: skip

    def title(self, topic: Topic, unit: str) -> str:
        return self._fill(self.rng.choice(TITLES), topic, unit)[:200]

    def body(self, topic: Topic, unit: str, size: int = BODY_BYTES) -> str:
        r = self.rng
        other = r.choice(TOPICS)
        paragraphs: list[str] = []
        sentences = [self._fill(r.choice(OPENERS), topic, unit)]
        length = len(sentences[0].encode())
        while length < size:
            source = other if r.random() < 0.15 else topic
            sentence = self._fill(r.choice(SENTENCES), source, unit)
            sentences.append(sentence)
            length += len(sentence.encode()) + 1
            if len(sentences) >= 4 and r.random() < 0.3:
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)

    def comment(self, topic: Topic) -> str:
        return self._fill(self.rng.choice(COMMENTS), topic, "")


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


def _reserve_numbers(count: int) -> int:
    """Take `count` post numbers at once; returns the first."""
    from chumchon.blogs.services import POST_COUNTER
    from chumchon.core.models import Counter

    with transaction.atomic():
        Counter.objects.get_or_create(name=POST_COUNTER)
        Counter.objects.filter(name=POST_COUNTER).update(value=F("value") + count)
        last = Counter.objects.values_list("value", flat=True).get(name=POST_COUNTER)
    return last - count + 1


def make_posts(
    count: int,
    rng: random.Random,
    member_ids: list[int],
    *,
    comments_per_post: float = 1.0,
    progress: Callable[[int], None] | None = None,
) -> Generated:
    """Posts with their tags and comments, written with plain multi-row INSERTs.

    Model instances and Django's bulk_create cost more than making the text, so rows go
    in as tuples, with ids taken from the table's current maximum inside the batch's
    transaction (run one generator at a time).
    """
    from chumchon.blogs.models import Blog, Licence, Post

    out = Generated()
    writer = Writer(rng)
    tags = _ensure_tags()
    blogs = dict(Blog.objects.filter(owner_id__in=member_ids).values_list("owner_id", "pk"))
    units = dict(_member_units(member_ids))
    topic_of = {pk: rng.choice(TOPICS) for pk in member_ids}  # each writer has a main topic
    number = _reserve_numbers(count)
    span = (END - START).total_seconds()
    out.first_post_id = (Post.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    adapt = connection.ops.adapt_datetimefield_value
    for chunk in _batches(count):
        with transaction.atomic():
            post_id = _max_id("blogs_post")
            tag_id = _max_id("blogs_post_tags")
            comment_id = _max_id("comments_comment")
            posts, post_tags, comments = [], [], []
            for _ in chunk:
                post_id += 1
                author = rng.choice(member_ids)
                topic = topic_of[author] if rng.random() < 0.7 else rng.choice(TOPICS)
                unit = units.get(author, "")
                kind = rng.choice(KINDS)
                body = writer.body(topic, unit, 400 if kind == "journal" else BODY_BYTES)
                when = START + dt.timedelta(seconds=rng.random() * span)
                published = rng.random() > 0.02
                said = _comments(rng, writer, when, comments_per_post) if published else []
                for text, at in said:
                    comment_id += 1
                    comments.append((
                        comment_id, post_id, rng.choice(member_ids), "", "", None, text,
                        _paragraphs(text), "visible", False, adapt(at),
                    ))  # fmt: skip
                last = adapt(max(at for _t, at in said)) if said else None
                posts.append((
                    post_id, number, blogs[author], author, kind,
                    "" if kind == "journal" else writer.title(topic, unit), body,
                    _paragraphs(body), Licence.CC_BY_NC_SA.value,
                    "published" if published else "draft", adapt(when), None,
                    adapt(when) if published else None, 0, 0, len(said), last,
                ))  # fmt: skip
                number += 1
                names = [topic.tag, *rng.sample(topic.tags, k=rng.randint(0, len(topic.tags)))]
                for name in names:
                    tag_id += 1
                    post_tags.append((tag_id, post_id, tags[name]))
            _insert("blogs_post", POST_COLUMNS, posts)
            _insert("blogs_post_tags", ("id", "post_id", "tag_id"), post_tags)
            _insert("comments_comment", COMMENT_COLUMNS, comments)
        out.posts += len(posts)
        out.comments += len(comments)
        if progress:
            progress(len(posts))
    _fix_sequences(["blogs_post", "blogs_post_tags", "comments_comment"])
    out.last_post_id = Post.objects.aggregate(m=Max("pk"))["m"] or 0
    return out


POST_COLUMNS = (
    "id", "number", "blog_id", "author_id", "kind", "title", "body", "body_html", "licence",
    "status", "written_at", "edited_at", "published_at", "read_count", "flower_count",
    "comment_count", "last_commented_at",
)  # fmt: skip
COMMENT_COLUMNS = (
    "id", "post_id", "author_id", "guest_name", "guest_email", "ip", "body", "body_html",
    "status", "is_accepted", "created_at",
)  # fmt: skip


def _max_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        return int(cursor.fetchone()[0])


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:  # type: ignore[type-arg]
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})", rows
        )


def _fix_sequences(tables: list[str]) -> None:
    """PostgreSQL hands out ids from a sequence, which rows inserted with ids skip."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def _member_units(member_ids: list[int]) -> Iterator[tuple[int, str]]:
    from chumchon.accounts.models import Member

    for start in range(0, len(member_ids), 5000):
        rows = Member.objects.filter(pk__in=member_ids[start : start + 5000]).values_list(
            "pk", "unit__name"
        )
        yield from ((pk, name or "") for pk, name in rows)


def _comments(
    rng: random.Random, writer: Writer, after: dt.datetime, per_post: float
) -> list[tuple[str, dt.datetime]]:
    n = int(per_post) + (1 if rng.random() < per_post - int(per_post) else 0)
    return [
        (
            writer.comment(rng.choice(TOPICS)),
            after + dt.timedelta(hours=rng.randint(1, 24 * 60)),
        )
        for _ in range(n)
    ]


def _paragraphs(text: str) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))


# Other apps append functions here: fn(summary, rng, communities=C) adds their own rows.
EXTENSIONS: list[Callable[..., None]] = []


def generate(
    *,
    posts: int,
    members: int,
    communities: int = 0,
    seed: int = 1,
    comments_per_post: float = 1.0,
    progress: Callable[[int], None] | None = None,
) -> Generated:
    rng = random.Random(seed)
    unit_ids = make_units(rng)
    member_ids = make_members(max(1, members), rng, unit_ids, seed)
    summary = make_posts(
        posts, rng, member_ids, comments_per_post=comments_per_post, progress=progress
    )
    summary.members, summary.units = member_ids, unit_ids
    for extend in EXTENSIONS:
        extend(summary, rng, communities=communities)
    return summary
