from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from chumchon.comments.services import comment_create
from chumchon.communities.models import AssetRevision, KnowledgeAsset
from chumchon.communities.services import (
    asset_harvest,
    asset_propose,
    asset_publish,
    asset_remove,
    asset_update,
    community_post_share,
    membership_join,
)
from chumchon.communities.tests.conftest import Cop
from chumchon.core.testing import Cast, make_post


def _thread(cast: Cast):  # type: ignore[no-untyped-def]
    post = make_post(cast.somchai_blog, title="ทำ AAR อย่างไรให้ได้ผล", kind="question")
    first = comment_create(post=post, author=cast.malee, body="ถามสามข้อ: คาดหวังอะไร เกิดอะไร ทำไม")
    second = comment_create(post=post, author=cast.somying, body="ให้ทุกคนพูดก่อนหัวหน้า")
    return post, [first, second]


def test_it_harvests_an_asset_that_links_back_to_the_thread(cop: Cop, cast: Cast) -> None:
    post, comments = _thread(cast)
    asset = asset_harvest(
        community=cop.public, member=cast.malee, post=post, comments=comments,
        title="ขั้นตอน AAR สามคำถาม", summary="AAR ที่ได้ผลเริ่มจากคำถามสามข้อ", publish=True,
    )  # fmt: skip
    assert asset.status == KnowledgeAsset.Status.PUBLISHED
    sources = list(asset.sources.values_list("post_id", "comment_id"))
    assert sources == [(post.pk, None), (None, comments[0].pk), (None, comments[1].pk)]


def test_it_lets_members_propose_and_only_facilitators_publish(cop: Cop, cast: Cast) -> None:
    asset = asset_propose(community=cop.public, author=cast.somchai, title="ก", summary="สรุป")
    assert asset.status == KnowledgeAsset.Status.PROPOSED
    assert not KnowledgeAsset.objects.visible_to(AnonymousUser()).filter(pk=asset.pk).exists()
    with pytest.raises(PermissionDenied):
        asset_publish(asset=asset, member=cast.somchai)
    asset_publish(asset=asset, member=cast.malee)
    assert KnowledgeAsset.objects.visible_to(AnonymousUser()).filter(pk=asset.pk).exists()
    with pytest.raises(PermissionDenied):
        asset_propose(community=cop.public, author=cast.prasert, title="ก", summary="สรุป")


def test_it_keeps_every_edit_as_a_revision_with_its_author(cop: Cop, cast: Cast) -> None:
    asset = asset_propose(community=cop.public, author=cast.somchai, title="ฉบับแรก", summary="ก")
    asset_update(
        asset=asset, editor=cast.malee, title="ฉบับสอง", summary="ข", steps="1. ทำ", tags=[]
    )
    revisions = AssetRevision.objects.filter(asset=asset)
    assert [(r.title, r.edited_by) for r in revisions] == [
        ("ฉบับแรก", cast.somchai),
        ("ฉบับสอง", cast.malee),
    ]
    asset_publish(asset=asset, member=cast.malee)
    with pytest.raises(PermissionDenied):
        asset_update(asset=asset, editor=cast.somchai, title="x", summary="x", steps="", tags=[])


def test_it_refuses_provenance_the_author_cannot_read(cop: Cop, cast: Cast) -> None:
    post = make_post(cast.somchai_blog, title="ภายใน")
    community_post_share(community=cop.closed, post=post, member=cast.somchai, members_only=True)
    membership_join(community=cop.public, member=cast.somying)
    with pytest.raises(ValidationError):
        asset_propose(
            community=cop.public, author=cast.somying, title="ก", summary="ข", posts=[post]
        )


def test_it_hides_removed_assets_from_everyone_but_facilitators(cop: Cop, cast: Cast) -> None:
    asset = asset_propose(
        community=cop.public, author=cast.malee, title="ก", summary="ข", publish=True
    )
    asset_remove(asset=asset, member=cast.malee)
    visible = KnowledgeAsset.objects.visible_to
    assert not visible(cast.somchai).filter(pk=asset.pk).exists()
    assert visible(cast.malee).filter(pk=asset.pk).exists()
