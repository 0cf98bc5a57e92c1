"""Lexical index: German compounds, the title field, stemming in the query's language."""

from __future__ import annotations

import pytest

from copilot.backends.lexical_index import FakeLexicalIndex, LexicalIndex, SQLiteBM25Index
from copilot.domain import Chunk
from copilot.text import Decompounder, tokenize


def chunk(cid: str, text: str, *, title: str = "", lang: str = "de", heading: str = "") -> Chunk:
    return Chunk(
        id=f"article:{cid}:0",
        doc_id=cid,
        kind="article",
        title=title,
        text=text,
        lang=lang,
        heading=heading,
    )


GERMAN = [
    chunk("addr", "Die Adresse auf der Rechnung ändern Sie in den Einstellungen."),
    chunk("team", "Ein Mitglied für Ihr Team laden Sie unter Benutzer ein."),
    chunk("pay", "Die Zahlung per Lastschrift richten Sie im Abo ein."),
]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("rechnungsadresse", ("rechnung", "adresse")),
        ("teammitglieder", ("team", "mitglieder")),
        ("zahlungsmethoden", ("zahlung", "methoden")),
        ("lieferadresse", ("liefer", "adresse")),
        ("adresse", ()),
        ("exportieren", ()),
    ],
)
def test_compounds_split_into_known_words(word: str, parts: tuple[str, ...]) -> None:
    """Splitting must yield only words the index knows, and leave plain words alone."""
    vocab = ["rechnung", "adresse", "team", "mitglied", "zahlung", "methode", "lieferung", "export"]
    assert Decompounder(vocab).split(word) == parts


def test_tokenize_adds_compound_parts_after_the_compound() -> None:
    """'Rechnungsadresse' must also index 'Rechnung' and 'Adresse' (stemmed)."""
    compounds = Decompounder(["rechnung", "adresse"])
    tokens = tokenize("Rechnungsadresse", "de", compounds=compounds)
    assert tokens[0] == tokenize("Rechnungsadresse", "de")[0]
    assert set(tokenize("Rechnung Adresse", "de")) <= set(tokens)


def indexes() -> list[LexicalIndex]:
    return [FakeLexicalIndex(), SQLiteBM25Index(":memory:")]


@pytest.mark.parametrize("index", indexes(), ids=["fake", "bm25"])
def test_a_german_compound_query_finds_the_article_with_its_parts(index: LexicalIndex) -> None:
    """'Rechnungsadresse' in a ticket must find the article about the address on invoices."""
    index.upsert(GERMAN)
    hits = index.query("Wie ändere ich die Rechnungsadresse?", k=3)
    assert hits[0].chunk.doc_id == "addr"
    members = index.query("Teammitglieder einladen", k=3)
    assert members[0].chunk.doc_id == "team"


def test_compound_splitting_can_be_switched_off() -> None:
    """With german_compounds off, a compound only matches itself (the measured baseline)."""
    index = SQLiteBM25Index(":memory:", german_compounds=False)
    index.upsert(GERMAN)
    assert index.query("Rechnungsadresse", k=3) == []


def test_the_title_field_lifts_the_article_named_by_the_question() -> None:
    """An article titled with the question's words should beat one that only mentions them."""
    chunks = [
        chunk("a", "Open the page and follow the steps.", title="Export your data", lang="en"),
        chunk("b", "You may export data later if your data plan allows data export.", lang="en"),
    ]
    plain = SQLiteBM25Index(":memory:", title_weight=0.0)
    titled = SQLiteBM25Index(":memory:", title_weight=2.0)
    for index in (plain, titled):
        index.upsert(chunks)
    assert plain.query("export data", k=2)[0].chunk.doc_id == "b"
    assert titled.query("export data", k=2)[0].chunk.doc_id == "a"


def test_a_german_question_can_match_an_english_article_word() -> None:
    """In a mixed index the query is also stemmed in English, so 'Webhooks' finds 'webhooks'."""
    index = SQLiteBM25Index(":memory:")
    index.upsert([*GERMAN, chunk("hooks", "Webhooks send events to your endpoint.", lang="en")])
    assert index.query("Wie prüfe ich die Signatur der Webhooks?", k=1)[0].chunk.doc_id == "hooks"


def test_the_index_sees_new_chunks_after_an_upsert() -> None:
    """The in-memory BM25 snapshot must be rebuilt when another write changed the table."""
    index = SQLiteBM25Index(":memory:")
    index.upsert(GERMAN[:1])
    assert index.query("Lastschrift", k=1) == []
    index.upsert(GERMAN[2:])
    assert index.query("Lastschrift", k=1)[0].chunk.doc_id == "pay"


def test_a_german_verb_finds_the_article_named_by_its_noun() -> None:
    """If this fails, "Wie exportiere ich meine Daten für DATEV?" finds the general data
    export (which says "exportieren" everywhere) before the article on the DATEV export:
    the stemmer keeps "exportieren" as "exporti", apart from "Export"."""
    index = SQLiteBM25Index(":memory:")
    index.upsert(
        [
            chunk("all", "Alle Daten exportieren: Daten exportieren Sie unter Einstellungen."),
            chunk("datev", "Den Export starten Sie unter Buchhaltung.", title="DATEV-Export"),
        ]
    )
    assert index.query("Wie exportiere ich meine Daten für DATEV?", k=1)[0].chunk.doc_id == "datev"
    assert tokenize("Stornierung stornieren", "de") == ["storn", "storn"]
