"""Hypothesis strategies for the "no 500, nothing written on bad input" tests of forms."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

NASTY = [
    "", " ", "\n", "\x00", "ก" * 201, "x" * 2_001, "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "../../etc/passwd",
    "'; DROP TABLE blogs_post; --", "🌼" * 50, "\u200b", "ลปรร.", "a,b,,c", "#KM",
]  # fmt: skip

# Text a person (or a bot) might send in any field.
form_text = st.one_of(st.text(max_size=300), st.sampled_from(NASTY))
# A number as sent in a form: fine, negative, huge, or not a number at all.
form_number = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str), st.sampled_from(["", "x", "1.5"])
)

form_settings = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
