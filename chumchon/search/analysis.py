"""Turning a document's text into the words the index stores, by column.

Kept free of models so that worker processes can import it without setting up Django.
"""

from __future__ import annotations

from collections.abc import Callable

from chumchon.core import thai
from chumchon.search.registry import Fields

Tokens = dict[str, list[str]]  # column -> words in order
WORD_MAX = 100  # longer "words" are noise (base64, URLs run together); PostgreSQL refuses them


def analyse(fields: Fields) -> Tokens:
    """Segment every column; compound parts and Thai-digit forms go to `extra`."""
    columns: Tokens = {}
    extra: list[str] = []
    # One tag per line: a line break always ends a word, so tags never run together.
    texts = ["\n".join(fields.tags), fields.title, fields.body, fields.context]
    for column, (words, parts) in zip(
        ("tags", "title", "body", "context"), thai.index_tokens_many(texts), strict=True
    ):
        columns[column] = words
        extra.extend(parts)
    columns["extra"] = extra
    for column, words in columns.items():
        if words and max(map(len, words)) > WORD_MAX:
            columns[column] = [w for w in words if len(w) <= WORD_MAX]
    return columns


def analyse_rows(
    batch: list[tuple[int, Fields]],
    rows_for: Callable[[int, list[tuple[int, Tokens]]], list[tuple]],  # type: ignore[type-arg]
    code: int,
) -> list[tuple]:  # type: ignore[type-arg]
    """A batch of documents as the backend's rows (`rows_for` of the backend's module),
    made in a worker process: only the finished rows travel back."""
    return rows_for(code, [(pk, analyse(fields)) for pk, fields in batch])


def start_worker(words: list[str]) -> None:
    thai.add_words(words, reload=True)
