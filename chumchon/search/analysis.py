"""Turning a document's text into the words the index stores, by column.

Kept free of models so that worker processes can import it without setting up Django.
"""

from __future__ import annotations

from collections.abc import Callable

from chumchon.core import thai
from chumchon.search.registry import Fields

Tokens = dict[str, list[str]]  # column -> words in order
WORD_MAX = 100  # longer "words" are noise (base64, URLs run together); PostgreSQL refuses them


_SEGMENTED = ("tags", "title", "body", "context")


def analyse(fields: Fields) -> Tokens:
    """Segment every column; compound parts and Thai-digit forms go to `extra`."""
    return analyse_many([fields])[0]


def analyse_many(many: list[Fields]) -> list[Tokens]:
    """`analyse` of each, all segmented in one call (see `thai.segment_many`)."""
    # One tag per line: a line break always ends a word, so tags never run together.
    texts = [
        text
        for fields in many
        for text in ("\n".join(fields.tags), fields.title, fields.body, fields.context)
    ]
    found = thai.index_tokens_many(texts)
    out = []
    for start in range(0, len(found), len(_SEGMENTED)):
        columns: Tokens = {}
        extra: list[str] = []
        for column, (words, parts) in zip(
            _SEGMENTED, found[start : start + len(_SEGMENTED)], strict=True
        ):
            columns[column] = words
            extra.extend(parts)
        columns["extra"] = extra
        for column, words in columns.items():
            if words and max(map(len, words)) > WORD_MAX:
                columns[column] = [w for w in words if len(w) <= WORD_MAX]
        out.append(columns)
    return out


def analyse_rows(
    batch: list[tuple[int, Fields]],
    rows_for: Callable[[int, list[tuple[int, Tokens]]], list[tuple]],  # type: ignore[type-arg]
    code: int,
) -> list[tuple]:  # type: ignore[type-arg]
    """A batch of documents as the backend's rows (`rows_for` of the backend's module),
    made in a worker process: only the finished rows travel back."""
    tokens = analyse_many([fields for _, fields in batch])
    return rows_for(code, [(pk, t) for (pk, _), t in zip(batch, tokens, strict=True)])


def start_worker(words: list[str]) -> None:
    thai.add_words(words, reload=True)
