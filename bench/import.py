"""Import throughput and peak memory of `chumchon import-wxr` on a generated WXR file.

    .venv/bin/python bench/import.py --posts 5000 [--comments 2] [--keep DIR]

Writes an N-post WordPress export (Thai text, tags, threaded guest comments, links
between posts), migrates a fresh SQLite database in a temporary data directory, runs
the real command in a subprocess, and prints posts/s and the subprocess's peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://bench.example.org"
PARAGRAPHS = [
    "การจัดการความรู้เริ่มจากคนทำงานที่สนใจเรื่องเดียวกัน มาแลกเปลี่ยนเรียนรู้จากการปฏิบัติจริง",
    "หลังเวที ลปรร. ทีมงานเขียน AAR ว่าคาดหวังอะไร เกิดอะไรขึ้น และครั้งหน้าจะทำอะไรต่างไป",
    "เรื่องเล่าเร้าพลังช่วยให้ความรู้ที่ฝังอยู่ในตัวคนออกมาให้คนอื่นได้ใช้ในงานของเขา",
]
HEADER = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>บล็อกทดสอบความเร็ว</title><link>{SITE}</link><language>th</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>
<wp:base_blog_url>{SITE}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[bench]]></wp:author_login>
<wp:author_email><![CDATA[bench@example.org]]></wp:author_email>
<wp:author_display_name><![CDATA[ผู้ทดสอบ]]></wp:author_display_name></wp:author>
"""


def comment(post_id: int, n: int, parent: int) -> str:
    cid = post_id * 100 + n
    return f"""<wp:comment><wp:comment_id>{cid}</wp:comment_id>
<wp:comment_author><![CDATA[ผู้อ่านคนที่ {n}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[reader{n}@example.net]]></wp:comment_author_email>
<wp:comment_author_IP><![CDATA[203.0.113.{n % 250}]]></wp:comment_author_IP>
<wp:comment_date_gmt><![CDATA[2010-01-01 10:{n % 60:02d}:00]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[ขอบคุณสำหรับบันทึกนี้ครับ ได้ความรู้มาก]]></wp:comment_content>
<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
<wp:comment_type><![CDATA[comment]]></wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
"""


def item(post_id: int, comments: int) -> str:
    body = "\n\n".join(PARAGRAPHS[(post_id + i) % 3] for i in range(4))
    if post_id > 1:
        body += f'\n\nอ่านต่อ <a href="{SITE}/?p={post_id - 1}">บันทึกก่อนหน้า</a>'
    threads = "".join(
        comment(post_id, n, post_id * 100 + n - 1 if n > 1 else 0) for n in range(1, comments + 1)
    )
    day = 1 + post_id % 28
    return f"""<item><title>{escape(f"บันทึกที่ {post_id} เรื่องชุมชนนักปฏิบัติ")}</title>
<link>{SITE}/2010/01/{day:02d}/post-{post_id}/</link><dc:creator><![CDATA[bench]]></dc:creator>
<guid isPermaLink="false">{SITE}/?p={post_id}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date_gmt><![CDATA[2010-01-{day:02d} 08:00:00]]></wp:post_date_gmt>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="km"><![CDATA[การจัดการความรู้]]></category>
<category domain="post_tag" nicename="t{post_id % 50}"><![CDATA[หัวข้อ {post_id % 50}]]></category>
{threads}</item>
"""


def write_wxr(path: Path, posts: int, comments: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for post_id in range(1, posts + 1):
            out.write(item(post_id, comments))
        out.write("</channel>\n</rss>\n")


def run(posts: int, comments: int, work: Path) -> None:
    wxr = work / f"bench-{posts}.xml"
    write_wxr(wxr, posts, comments)
    env = {**os.environ, "CHUMCHON_DATA_DIR": str(work / "data"), "PYTHONUNBUFFERED": "1"}
    chumchon = [str(Path(sys.executable).parent / "chumchon")]
    subprocess.run([*chumchon, "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [*chumchon, "shell", "-c",
         "from chumchon.accounts.services import member_create as m; "
         "m(handle='bench', display_name='ผู้ทดสอบ', email='bench@example.org')"],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [*chumchon, "import-wxr", str(wxr), "--owner", "bench", "--no-progress"],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    # Children are waited for one at a time, so RUSAGE_CHILDREN's maximum is the largest
    # of them: the import (migrate and shell are smaller).
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mib = after.ru_maxrss / 1024
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(result.stdout.strip())
    print(f"file: {wxr.stat().st_size / 2**20:.1f} MiB, {posts} posts, {posts * comments} comments")
    print(f"time: {elapsed:.1f} s  throughput: {posts / elapsed:.1f} posts/s")
    # On a shared machine the wall clock also counts other people's work.
    print(f"CPU time: {cpu:.1f} s  throughput per CPU second: {posts / cpu:.1f} posts/s")
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"peak RSS of the import process: {peak_mib:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=2, help="comments per post")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.posts, args.comments, args.keep)
    else:
        with tempfile.TemporaryDirectory() as work:
            run(args.posts, args.comments, Path(work))


if __name__ == "__main__":
    main()
