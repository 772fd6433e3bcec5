from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from chumchon.search import registry
from chumchon.search.query import QUERY_MAX

TAB_LABELS = {
    "posts": _("Posts"),
    "people": _("People"),
    "communities": _("Communities"),
    "assets": _("Knowledge assets"),
}


@dataclass
class SearchParams:
    q: str = ""
    type: str = "posts"
    page: int = 1
    filters: dict[str, str] = field(default_factory=dict)

    def url(self, **changes: object) -> str:
        """This search's address with some parameters changed (None removes one)."""
        query: dict[str, object] = {"q": self.q, "type": self.type, **self.filters}
        query.update(changes)
        return "?" + urlencode({k: v for k, v in query.items() if v not in (None, "", 1)})


class SearchForm(forms.Form):
    # Over-long queries are refused with a message by the query parser, not cut here.
    q = forms.CharField(label=_("Search"), required=False, max_length=QUERY_MAX * 10)
    type = forms.ChoiceField(choices=[(k, v) for k, v in TAB_LABELS.items()], required=False)
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def params(self) -> SearchParams:
        data = self.cleaned_data if self.is_valid() else {}
        kind = data.get("type") or "posts"
        doc_type = registry.get(kind)
        keys = [f.key for f in doc_type.facets] if doc_type else []
        filters = {k: v for k in keys if (v := self.data.get(k, "").strip())}
        return SearchParams(
            q=(data.get("q") or self.data.get("q", "")).strip(),
            type=kind,
            page=data.get("page") or 1,
            filters=filters,
        )

    def tabs(self) -> list[dict[str, object]]:
        params = self.params()
        return [
            {
                "name": name, "label": label, "current": name == params.type,
                "available": registry.get(name) is not None,
                "url": SearchParams(q=params.q, type=name).url(),
            }
            for name, label in TAB_LABELS.items()
        ]  # fmt: skip
