"""Keeping the index in step with the database: one object after a write, or everything.

Only words go into the index. Who may see a document is decided when searching, through
the document type's `visible(user)`, so the index never needs to know about privacy.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

from django.db import transaction

from chumchon.core import thai
from chumchon.core.models import Tag
from chumchon.search import registry
from chumchon.search.analysis import analyse, analyse_rows, start_worker
from chumchon.search.backends import backend
from chumchon.search.registry import DocumentType, Fields

BATCH = 1000
PARALLEL_FROM = 5_000  # documents; fewer are indexed in this process


def index_objects(doc_type: DocumentType, objects: Iterable[object]) -> int:
    docs = [(obj.pk, analyse(doc_type.fields(obj))) for obj in objects]  # type: ignore[attr-defined]
    if docs:
        backend().write(doc_type, docs)
    return len(docs)


def index_ids(name: str, pks: list[int]) -> None:
    """Index these objects as they are now; remove the ones that no longer belong."""
    doc_type = registry.get(name)
    if doc_type is None or not pks:
        return
    objects = list(doc_type.indexable().filter(pk__in=pks))
    _learn_tags(doc_type, objects)
    with transaction.atomic():
        gone = set(pks) - {o.pk for o in objects}
        if gone:
            backend().delete(doc_type, sorted(gone))
        index_objects(doc_type, objects)


def _learn_tags(doc_type: DocumentType, objects: list[object]) -> None:
    """Tags are community jargon: teach them to the segmenter before segmenting."""
    names = [t for o in objects for t in doc_type.fields(o).tags]
    if names:
        thai.add_words(names)


def _batches(doc_type: DocumentType, batch: int) -> Iterator[list[tuple[int, Fields]]]:
    last = 0
    while True:
        if doc_type.fields_after is not None:
            fields = doc_type.fields_after(last, batch)
        else:
            chunk = list(doc_type.indexable().filter(pk__gt=last).order_by("pk")[:batch])
            fields = [(o.pk, doc_type.fields(o)) for o in chunk]
        if not fields:
            return
        last = fields[-1][0]
        yield fields


def reindex(
    names: list[str] | None = None,
    *,
    batch: int = BATCH,
    workers: int | None = None,
    progress: Callable[[DocumentType, int], None] | None = None,
) -> dict[str, int]:
    """Rebuild the index of these document types (all when None); returns counts.

    Segmentation is the expensive part, so `workers` processes (default: one per CPU)
    segment batches and make the backend's rows while this process reads the next batch
    and writes the last one.
    """
    types = [t for t in registry.all_types() if names is None or t.name in names]
    tags = list(Tag.objects.values_list("name", flat=True).iterator(chunk_size=5000))
    thai.add_words(tags, reload=True)
    engine = backend()
    with transaction.atomic():
        if names is None:
            engine.clear(None)
        else:
            for doc_type in types:
                engine.clear(doc_type)
        engine.bulk_start()
    if workers is None:  # starting processes only pays off for a big rebuild
        big = sum(t.indexable().count() for t in types) > PARALLEL_FROM
        workers = (os.cpu_count() or 1) if big else 1
    pool = (
        ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=start_worker, initargs=(tags,)
        )
        if workers > 1
        else None
    )
    counts: dict[str, int] = {}
    try:
        for doc_type in types:
            counts[doc_type.name] = 0

            def write(rows: list[tuple], doc_type: DocumentType = doc_type) -> None:  # type: ignore[type-arg]
                with transaction.atomic():
                    engine.write_rows(rows, fresh=True)
                counts[doc_type.name] += len(rows)
                if progress:
                    progress(doc_type, len(rows))

            pending: deque[Future[list[tuple]]] = deque()  # type: ignore[type-arg]
            for fields in _batches(doc_type, batch):
                if pool is None:
                    write(analyse_rows(fields, engine.rows_for, doc_type.code))
                    continue
                pending.append(pool.submit(analyse_rows, fields, engine.rows_for, doc_type.code))
                while len(pending) > workers:
                    write(pending.popleft().result())
            while pending:
                write(pending.popleft().result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        with transaction.atomic():
            engine.bulk_end()
    engine.optimise()
    return counts
