"""Charts drawn on the server as SVG, so the same picture shows on the page and prints in
the PDF without JavaScript. Every chart has a <title> and a text equivalent nearby.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK, POSTS, COMMENTS, LINE, GRID = "#1f2933", "#2f6f4f", "#9cc5a1", "#b7472a", "#d9dee3"
PALETTE = ("#2f6f4f", "#b7472a", "#3a5a9b", "#c28f2c", "#6b4c9a", "#2a8a8a", "#8a5a2a", "#5a7a2a")
FONT = "font-family=\"Loma, Garuda, 'Noto Sans Thai', sans-serif\""


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" {FONT} font-size="11">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _axis(values: Sequence[float], width: int, height: int, pad: int) -> tuple[float, list[str]]:
    # Round the top up to a multiple of 4 so the five grid lines fall on whole numbers.
    top = math.ceil(max([v for v in values if v is not None] + [1]) / 4) * 4
    body = []
    for i in range(5):
        y = pad + (height - 2 * pad) * i / 4
        label = top * (4 - i) / 4
        body.append(
            f'<line x1="{pad}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(
            f'<text x="{pad - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{label:.0f}</text>'
        )
    return top, body


def _labels(labels: Sequence[str], width: int, height: int, pad: int) -> list[str]:
    step = max(1, len(labels) // 12)
    slot = (width - pad - 8) / max(1, len(labels))
    return [
        f'<text x="{pad + slot * (i + 0.5):.1f}" y="{height - 6}" text-anchor="middle" '
        f'fill="{INK}">{escape(text)}</text>'
        for i, text in enumerate(labels)
        if i % step == 0
    ]


def stacked_bars(
    title: str, labels: Sequence[str], lower: Sequence[int], upper: Sequence[int],
    names: tuple[str, str], width: int = 640, height: int = 220,
) -> SafeString:  # fmt: skip
    """Posts (below) and comments (above) per bucket."""
    pad = 40
    totals = [a + b for a, b in zip(lower, upper, strict=True)]
    top, body = _axis(totals, width, height, pad)
    slot = (width - pad - 8) / max(1, len(labels))
    scale = (height - 2 * pad) / top
    for i, (a, b) in enumerate(zip(lower, upper, strict=True)):
        x = pad + slot * i + slot * 0.15
        w = slot * 0.7
        base = height - pad
        for value, colour, name in ((a, POSTS, names[0]), (b, COMMENTS, names[1])):
            h = value * scale
            base -= h
            body.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="{colour}">'
                f"<title>{escape(labels[i])}: {escape(name)} {value}</title></rect>"
            )
    body += _labels(labels, width, height, pad)
    return _svg(width, height, title, body)


def line(
    title: str, labels: Sequence[str], values: Sequence[float | None], name: str,
    width: int = 640, height: int = 200, colour: str = LINE,
) -> SafeString:  # fmt: skip
    pad = 40
    top, body = _axis(values, width, height, pad)
    slot = (width - pad - 8) / max(1, len(labels))
    scale = (height - 2 * pad) / top
    points = [
        (pad + slot * (i + 0.5), height - pad - v * scale)
        for i, v in enumerate(values)
        if v is not None
    ]
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points]
    body += _labels(labels, width, height, pad)
    return _svg(width, height, title, body)


def hbars(title: str, rows: Sequence[tuple[str, float, float]], width: int = 640) -> SafeString:
    """Horizontal bars: (label, value, maximum); the score's parts."""
    height = 24 * len(rows) + 10
    body = []
    for i, (label, value, maximum) in enumerate(rows):
        y = 6 + 24 * i
        full = width - 260
        body.append(f'<text x="0" y="{y + 13}" fill="{INK}">{escape(label)}</text>')
        body.append(f'<rect x="200" y="{y}" width="{full}" height="16" fill="{GRID}"/>')
        share = value / maximum if maximum else 0
        body.append(
            f'<rect x="200" y="{y}" width="{full * share:.1f}" height="16" fill="{POSTS}"/>'
        )
        body.append(
            f'<text x="{205 + full}" y="{y + 13}" fill="{INK}">{value:g}/{maximum:g}</text>'
        )
    return _svg(width, height, title, body)


def graph(
    title: str,
    nodes: Sequence[tuple[object, str, float, int]],
    edges: Sequence[tuple[object, object, float]],
    width: int = 640,
    height: int = 420,
) -> SafeString:
    """A static network picture: nodes (id, label, size, colour group), weighted edges."""
    if not nodes:
        return _svg(width, height, title, [])
    # A circle, people of a group side by side: readable in print, no layout library needed.
    ordered = sorted(nodes, key=lambda n: (n[3], -n[2]))
    count = len(ordered)
    pos = {
        n[0]: (
            width / 2 + (width / 2 - 90) * math.cos(2 * math.pi * i / count),
            height / 2 + (height / 2 - 40) * math.sin(2 * math.pi * i / count),
        )
        for i, n in enumerate(ordered)
    }

    def place(node: object) -> tuple[float, float]:
        return pos[node]

    top = max((w for _a, _b, w in edges), default=1)
    body = []
    for a, b, w in edges:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = place(a), place(b)
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#8895a1" '
                f'stroke-opacity="0.6" stroke-width="{0.5 + 3 * w / top:.1f}"/>'
            )
    biggest = max((n[2] for n in nodes), default=1) or 1
    for node, label, size, group in nodes:
        x, y = place(node)
        r = 4 + 10 * (size / biggest) ** 0.5
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{PALETTE[group % len(PALETTE)]}">'
            f"<title>{escape(label)}</title></circle>"
        )
        body.append(
            f'<text x="{x:.1f}" y="{y - r - 2:.1f}" text-anchor="middle" fill="{INK}">'
            f"{escape(label)}</text>"
        )
    return _svg(width, height, title, body)
