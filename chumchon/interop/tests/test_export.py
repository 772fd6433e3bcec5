from __future__ import annotations

import io
import json
import zipfile

from django.test import Client

from chumchon.comments.services import comment_create
from chumchon.core.testing import Cast, make_post
from chumchon.follows.services import follow_create


def test_it_zips_everything_the_member_wrote_with_an_index(client: Client, cast: Cast) -> None:
    post = make_post(cast.somchai_blog, title='ลปรร. "ครั้งแรก"', tags=["km", "ชุมชน"])
    draft = make_post(cast.somchai_blog, title="ร่าง", publish=False)
    make_post(cast.somying_blog, title="ของคนอื่น")
    comment_create(post=post, author=cast.somchai, body="ขอบคุณทุกคนครับ")
    client.force_login(cast.somchai)
    response = client.get("/settings/export.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    index = json.loads(archive.read("index.json"))
    assert index["member"]["handle"] == "somchai"
    assert [p["number"] for p in index["posts"]["items"]] == [post.number, draft.number]
    text = archive.read(index["posts"]["items"][0]["path"]).decode()
    assert text.startswith('---\ntitle: "ลปรร. \\"ครั้งแรก\\""\n')
    assert 'tags: ["km", "ชุมชน"]' in text and text.rstrip().endswith(post.body)
    comments = json.loads(archive.read("comments.json"))
    assert [c["body"] for c in comments] == ["ขอบคุณทุกคนครับ"]
    assert "ของคนอื่น" not in str(index)


def test_it_lists_follows_as_opml(client: Client, cast: Cast) -> None:
    follow_create(follower=cast.malee, member=cast.somchai)
    follow_create(follower=cast.malee, blog=cast.somying_blog)
    client.force_login(cast.malee)
    body = client.get("/settings/following.opml").content.decode()
    assert body.startswith("<?xml") and "<opml" in body
    assert "/feeds/@somchai/rss" in body and "/feeds/@somying/ward/rss" in body
    assert "สมชาย ใจดี" in body
