from __future__ import annotations

import io
import tracemalloc

from chumchon.interop.importing.sources import SourcePost
from chumchon.interop.importing.wxr import WxrReader

HEAD = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>t</title><link>https://s.example</link><wp:wxr_version>1.2</wp:wxr_version>
"""
ITEM = """<item><title>บันทึก {n}</title><guid>https://s.example/?p={n}</guid>
<dc:creator>a</dc:creator><content:encoded><![CDATA[{body}]]></content:encoded>
<wp:post_id>{n}</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
</item>
"""


def wxr(items: int) -> bytes:
    body = "การจัดการความรู้ " * 200
    return (
        HEAD
        + "".join(ITEM.format(n=n, body=body) for n in range(items)).encode()
        + (b"</channel></rss>")
    )


def peak_while_reading(data: bytes) -> tuple[int, int]:
    tracemalloc.start()
    posts = sum(isinstance(e, SourcePost) for e in WxrReader(io.BytesIO(data)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return posts, peak


def test_it_reads_a_large_file_in_flat_memory() -> None:
    small, large = wxr(100), wxr(2000)  # about 0.6 and 12 MB
    small_posts, small_peak = peak_while_reading(small)
    large_posts, large_peak = peak_while_reading(large)
    assert (small_posts, large_posts) == (100, 2000)
    assert large_peak < small_peak * 1.5 + 200_000
