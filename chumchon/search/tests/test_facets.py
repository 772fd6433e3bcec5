"""Facets that depend on who is looking: posts by community."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from chumchon.blogs.services import post_create
from chumchon.communities.services import blog_membership_create, community_post_share
from chumchon.communities.tests.conftest import invite_in, start
from chumchon.core.testing import Cast
from chumchon.search.searching import SearchResults, search


def _communities(results: SearchResults) -> dict[str, tuple[str, int]]:
    return {
        v.value: (v.label, v.count)
        for f in results.facets
        if f.key == "community"
        for v in f.values
    }


def test_it_never_names_a_secret_community_to_an_outsider(write, cast: Cast) -> None:
    public = write(start, cast, "dengue-public", name="ชุมชนไข้เลือดออกเปิด")
    secret = write(start, cast, "dengue-secret", "secret", "invitation", name="ทีมลับเฝ้าระวังโรค")
    for community in (public, secret):
        write(invite_in, community, cast.malee, cast.somchai)
    shared = write(
        post_create, blog=cast.somchai_blog, author=cast.somchai, title="ไข้เลือดออกในหมู่บ้าน",
        body="สำรวจลูกน้ำยุงลายทุกสัปดาห์",
    )  # fmt: skip
    for community in (public, secret):
        write(community_post_share, community=community, post=shared, member=cast.somchai)
    # A post reaches a community through its blog too, from the day the blog joined.
    write(post_create, blog=cast.somying_blog, author=cast.somying, title="ไข้เลือดออกที่หอผู้ป่วย",
          body="ผู้ป่วยเด็กเพิ่มขึ้น")  # fmt: skip
    write(invite_in, secret, cast.malee, cast.somying)
    write(blog_membership_create, blog=cast.somying_blog, community=secret, member=cast.somying)
    write(post_create, blog=cast.somying_blog, author=cast.somying, title="ไข้เลือดออกรอบใหม่",
          body="ทบทวนการระบาด")  # fmt: skip

    for outsider in (AnonymousUser(), cast.prasert):
        results = search(user=outsider, q="ไข้เลือดออก", with_details=True)
        assert results.total == 3  # every post is public: only the community is secret
        assert _communities(results) == {"dengue-public": ("ชุมชนไข้เลือดออกเปิด", 1)}
        filtered = search(user=outsider, q="ไข้เลือดออก", filters={"community": "dengue-secret"},
                          with_details=True)  # fmt: skip
        assert filtered.total == 0 and filtered.hits == []
        assert "ทีมลับเฝ้าระวังโรค" not in str([f.values for f in filtered.facets])

    member = search(user=cast.somchai, q="ไข้เลือดออก", with_details=True)
    assert _communities(member) == {
        "dengue-public": ("ชุมชนไข้เลือดออกเปิด", 1),
        "dengue-secret": ("ทีมลับเฝ้าระวังโรค", 2),  # shared, and from the joined blog
    }
    inside = search(user=cast.somchai, q="ไข้เลือดออก", filters={"community": "dengue-secret"})
    assert {h.title for h in inside.hits} == {"ไข้เลือดออกในหมู่บ้าน", "ไข้เลือดออกรอบใหม่"}
