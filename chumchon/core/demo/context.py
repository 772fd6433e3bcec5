"""What the demo steps share: the content, one fixed clock, and look-ups of loaded rows."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from chumchon.accounts.models import Member, OrgUnit
from chumchon.blogs.models import Blog, Post
from chumchon.core.demo.data import DemoData, PostSpec

DEMO_PASSWORD = "chumchon-demo"
SEED = "chumchon-demo"


@dataclass
class DemoContext:
    data: DemoData
    now: dt.datetime = field(default_factory=timezone.now)
    _units: dict[str, OrgUnit] = field(default_factory=dict)
    _members: dict[str, Member] = field(default_factory=dict)
    _posts: dict[str, Post] = field(default_factory=dict)

    # ---- randomness and time: the same content gives the same demo ------------------

    def rng(self, *parts: object) -> random.Random:
        return random.Random(":".join([SEED, *map(str, parts)]))

    def past(self, moment: dt.datetime) -> dt.datetime:
        """Never in the future: a moment later than a few minutes ago becomes that."""
        return min(moment, self.now - dt.timedelta(minutes=5))

    def written_at(self, spec: PostSpec) -> dt.datetime:
        today = timezone.localdate(self.now)
        day = today - dt.timedelta(days=int(spec.days_ago))
        hour, minute = (int(x) for x in spec.time.split(":"))
        local = dt.datetime.combine(
            day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone()
        )
        return self.past(local)

    # ---- look-ups (cached; found in the database when an earlier run loaded them) ---

    def unit(self, slug: str) -> OrgUnit:
        if slug not in self._units:
            self._units[slug] = OrgUnit.objects.get(slug=slug)
        return self._units[slug]

    def member(self, handle: str) -> Member:
        if handle not in self._members:
            self._members[handle] = Member.objects.get(handle=handle)
        return self._members[handle]

    def blog(self, handle: str, slug: str) -> Blog:
        return Blog.objects.select_related("owner").get(owner__handle=handle, slug=slug)

    def remember_post(self, spec: PostSpec, post: Post) -> None:
        self._posts[spec.key] = post

    def find_post(self, spec: PostSpec) -> Post | None:
        if spec.key in self._posts:
            return self._posts[spec.key]
        posts = Post.objects.select_related("blog", "author").filter(
            author__handle=spec.by, blog__slug=spec.blog, kind=spec.kind
        )
        found = (
            posts.filter(title=spec.title) if spec.title else posts.filter(body=spec.body)
        ).first()
        if found is not None:
            self._posts[spec.key] = found
        return found

    def post(self, key: str) -> Post:
        spec = next(p for p in self.data.posts if p.key == key)
        found = self.find_post(spec)
        if found is None:
            raise LookupError(f"demo post {key!r} is not loaded")
        return found

    @property
    def handles(self) -> list[str]:
        return [m.handle for m in self.data.members]
