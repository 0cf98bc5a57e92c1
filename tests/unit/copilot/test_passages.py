"""Passage units: sections reassembled from overlapping chunks, procedures kept whole."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.domain import Document
from copilot.passages import blocks_of, merge_chunk_texts, section_units, sections_of
from ingest.chunking import chunk_document

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
STEP = st.lists(WORD, min_size=2, max_size=30).map(lambda ws: " ".join(ws).capitalize() + ".")


def count_words(texts: Sequence[str]) -> list[int]:
    """One token per whitespace-separated word."""
    return [len(t.split()) for t in texts]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    steps=st.lists(STEP, min_size=2, max_size=12, unique=True),
    budget=st.integers(min_value=40, max_value=120),
    overlap=st.integers(min_value=0, max_value=30),
)
def test_a_procedure_cut_into_chunks_is_reassembled_whole_and_in_order(
    steps: list[str], budget: int, overlap: int
) -> None:
    """Whatever the chunk budget and overlap, the section's steps come back exactly once."""
    body = "## Do it\n\n" + "\n".join(f"{n}. {s}" for n, s in enumerate(steps, start=1))
    doc = Document(id="a", kind="article", title="T", body=body, lang="en")
    chunks = chunk_document(
        doc, max_tokens=budget, overlap_tokens=overlap, count_tokens=count_words
    )
    (section,) = sections_of(chunks)
    blocks = blocks_of(section.lines)
    assert [b.kind for b in blocks] == ["steps"]
    assert list(blocks[0].items) == steps


def test_overlap_that_ends_inside_a_paragraph_continues_its_line() -> None:
    """The repeated sentences are dropped and the paragraph is not split in two."""
    lines = merge_chunk_texts(["Intro. One. Two.", "One. Two. Three.\n1. Step"])
    assert lines == ["Intro. One. Two. Three.", "1. Step"]


def test_a_long_section_offers_its_procedure_with_the_line_that_leads_into_it() -> None:
    """A procedure unit keeps its lead sentence and every step."""
    prose = " ".join(f"Sentence number {n} is here." for n in range(12))
    lines = [prose, "To set it up:", "1. Open it.", "2. Save it."]
    doc = Document(id="a", kind="article", title="T", body="\n".join(lines), lang="en")
    chunks = chunk_document(doc, max_tokens=400, overlap_tokens=0, count_tokens=count_words)
    units = section_units(sections_of(chunks)[0], max_sentences=4)
    procedures = [u for u in units if u.has_steps]
    assert [u.plain_text() for u in procedures] == ["To set it up:\n1. Open it.\n2. Save it."]


def test_both_lexical_indexes_hand_back_a_documents_chunks_in_order() -> None:
    """The drafter reassembles sections from these: a missing or shuffled chunk loses steps."""
    from copilot.backends.lexical_index import ChunkStore, FakeLexicalIndex, SQLiteBM25Index

    body = "## A\n" + "\n".join(f"{n}. Step number {n} here." for n in range(1, 80))
    doc = Document(id="d", kind="article", title="T", body=body, lang="en")
    other = Document(id="e", kind="article", title="U", body="Other text.", lang="en")
    chunks = chunk_document(doc, max_tokens=30, overlap_tokens=0, count_tokens=count_words)
    extra = chunk_document(other, max_tokens=30, overlap_tokens=0, count_tokens=count_words)
    for index in (FakeLexicalIndex(), SQLiteBM25Index(":memory:")):
        assert len(chunks) > 10  # ids sort differently from positions past 10
        index.upsert([*reversed(chunks), *extra])
        assert isinstance(index, ChunkStore)
        assert [c.id for c in index.chunks_for_doc("d")] == [c.id for c in chunks]
