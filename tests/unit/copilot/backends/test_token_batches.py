"""How the int8 embedder cuts texts into batches: by padded tokens, shortest first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copilot.backends.onnx_embedder import token_batches


def test_long_texts_go_a_few_at_a_time_and_short_ones_many() -> None:
    """A fixed budget of padded tokens: 256-token passages 2 to a batch, 14-token questions
    up to the row limit."""
    lengths = [256] * 5 + [14] * 40
    batches = list(token_batches(lengths, rows=32, budget=512))
    assert [len(b) for b in batches] == [32, 8, 2, 2, 1]
    assert batches[0] == list(range(5, 37))  # the short ones first, in their order


def test_a_text_longer_than_the_budget_goes_alone() -> None:
    batches = list(token_batches([600, 10, 700], rows=32, budget=512))
    assert batches == [[1], [0], [2]]


@given(
    lengths=st.lists(st.integers(min_value=0, max_value=300), max_size=80),
    rows=st.integers(min_value=1, max_value=40),
    budget=st.integers(min_value=1, max_value=2048),
)
def test_every_text_once_within_rows_and_budget(lengths: list[int], rows: int, budget: int) -> None:
    batches = list(token_batches(lengths, rows=rows, budget=budget))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)  # shortest first
    for batch in batches:
        assert 1 <= len(batch) <= rows
        longest = max(1, max(lengths[i] for i in batch))
        assert len(batch) == 1 or len(batch) * longest <= budget
