"""Connectors map vendor exports, wiki folders and bad files to documents or per-item errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from copilot.domain import Document
from copilot.errors import SourceFormatError
from ingest.connectors import CONNECTORS, detect_format
from ingest.errors import ItemError
from ingest.html_text import html_to_text
from ingest.record_mapping import Item

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


def read(path: Path, fmt: str | None = None) -> list[Item]:
    return list(CONNECTORS[fmt or detect_format(path)].read(path))


def docs(path: Path, fmt: str | None = None) -> dict[str, Document]:
    items = read(path, fmt)
    assert not [i for i in items if isinstance(i, ItemError)]
    return {d.id: d for d in items if isinstance(d, Document)}


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("zendesk_tickets.json", "zendesk"),
        ("zendesk_articles.json", "zendesk"),
        ("freshdesk_tickets.json", "freshdesk"),
        ("freshdesk_articles.json", "freshdesk"),
        ("wiki_md", "markdown"),
        ("wiki_html", "html"),
        ("confluence/SUP", "confluence"),
    ],
)
def test_auto_detection_names_the_vendor_or_folder_format(name: str, fmt: str) -> None:
    """--format auto picked the wrong connector for a fixture export."""
    assert detect_format(FIXTURES / name) == fmt


def test_zendesk_ticket_keeps_metadata_and_public_agent_replies_as_resolution() -> None:
    """Zendesk tickets lost a field, or internal notes leaked into what customers could see."""
    ticket = docs(FIXTURES / "zendesk_tickets.json")["35436"]
    assert ticket.kind == "ticket"
    assert ticket.title == "Cannot export invoices as CSV"
    assert ticket.url == "https://quillbox.zendesk.com/agent/tickets/35436"
    assert ticket.created_at == datetime(2024, 3, 4, 9, 12, 44, tzinfo=UTC)
    assert (ticket.status, ticket.tags, ticket.lang) == ("solved", ("export", "csv"), "en")
    assert ticket.customer_name == "Jonas Weber"
    assert ticket.resolution is not None
    assert "choose a date range" in ticket.resolution
    assert "INTERNAL NOTE" not in f"{ticket.body}{ticket.resolution}{ticket.title}"


def test_zendesk_ticket_without_agent_reply_has_no_resolution() -> None:
    """An open ticket got a made-up resolution from the customer's own message."""
    ticket = docs(FIXTURES / "zendesk_tickets.json")["35437"]
    assert ticket.resolution is None
    assert ticket.lang == "de"
    assert ticket.customer_name == "Petra Schulz"


def test_zendesk_help_center_article_keeps_headings_url_locale_and_draft_status() -> None:
    """Help Center HTML lost its headings, or url/locale/status/labels were not mapped."""
    articles = docs(FIXTURES / "zendesk_articles.json")
    article = articles["360001"]
    assert article.kind == "article"
    assert "## Choose the period" in article.body
    assert "<p>" not in article.body
    assert (
        article.url
        == "https://quillbox.zendesk.com/hc/en-us/articles/360001-Export-invoices-as-CSV"
    )
    assert (article.lang, article.status, article.tags) == (
        "en",
        "published",
        ("export", "invoices"),
    )
    assert article.updated_at == datetime(2023, 6, 1, 12, 30, tzinfo=UTC)
    assert (articles["360002"].status, articles["360002"].lang) == ("draft", "de")


def test_freshdesk_ticket_drops_private_notes_and_splits_customer_and_agent_text() -> None:
    """Freshdesk private notes leaked, or incoming/outgoing conversations were mixed up."""
    ticket = docs(FIXTURES / "freshdesk_tickets.json")["20"]
    assert ticket.resolution == "Please check the billing address."
    assert "it worked after I fixed the address" in ticket.body
    assert "PRIVATE" not in f"{ticket.body}{ticket.resolution}"
    assert (ticket.status, ticket.customer_name, ticket.tags) == (
        "closed",
        "Lena Fischer",
        ("billing",),
    )


def test_freshdesk_solution_article_maps_status_codes_and_html_description() -> None:
    """Freshdesk status 1/2 or the HTML description's headings were not mapped."""
    articles = docs(FIXTURES / "freshdesk_articles.json")
    assert articles["5000184"].status == "published"
    assert "## Where to change it" in articles["5000184"].body
    assert articles["5000185"].status == "draft"


def test_markdown_folder_uses_front_matter_and_relative_paths_as_ids() -> None:
    """Markdown front matter or folder-relative ids were lost."""
    pages = docs(FIXTURES / "wiki_md")
    assert set(pages) == {"onboarding", "guides/api-tokens"}
    assert pages["onboarding"].title == "Onboarding checklist"
    assert pages["onboarding"].created_at == datetime(2023, 4, 1, tzinfo=UTC)
    assert "## Billing" in pages["onboarding"].body


def test_html_page_drops_scripts_and_navigation_but_keeps_headings() -> None:
    """HTML pages kept script/nav noise or lost their structure."""
    page = docs(FIXTURES / "wiki_html")["webhooks"]
    assert page.title == "Webhooks"
    assert "## Retries" in page.body
    assert "console.log" not in page.body
    assert "Home" not in page.body
    assert page.lang == "en"


def test_confluence_export_reads_pages_not_the_overview_or_attachments() -> None:
    """Confluence space exports indexed chrome, the overview page or attachments."""
    pages = docs(FIXTURES / "confluence" / "SUP")
    assert set(pages) == {"65538", "65540"}
    refund = pages["65538"]
    assert refund.title == "Refund policy"
    assert "## Annual plans" in refund.body
    assert "Document generated by Confluence" not in refund.body
    assert "Attachments" not in refund.body
    assert refund.updated_at == datetime(2024, 2, 12, tzinfo=UTC)


def test_html_lists_become_dash_lines_without_blank_lines_between_items() -> None:
    """List structure from HTML bodies was lost."""
    assert html_to_text("<ol><li>One</li><li>Two</li></ol>") == "- One\n- Two"


def test_jsonl_bad_line_is_an_item_error_between_good_documents(tmp_path: Path) -> None:
    """A malformed JSON line stopped the file or lost its neighbours."""
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "1", "body": "a"}\n{"id": "2", "body": \n{"id": "3", "body": "c"}\n')
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "ItemError", "Document"]
    error = items[1]
    assert isinstance(error, ItemError)
    assert error.source.endswith(":2")
    assert "not valid JSON" in error.error


def test_csv_row_with_missing_column_is_reported(tmp_path: Path) -> None:
    """A short CSV row was indexed with missing fields or stopped the file."""
    path = tmp_path / "a.csv"
    path.write_text("id,title,body\n1,One,first\n2,Two\n3,Three,third\n")
    items = read(path)
    assert [i.id for i in items if isinstance(i, Document)] == ["1", "3"]
    assert any(isinstance(i, ItemError) and "columns" in i.error for i in items)


def test_cp1252_file_is_decoded_instead_of_failing(tmp_path: Path) -> None:
    """A Windows-1252 export was rejected or decoded into mojibake."""
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        '{"id": "1", "title": "Gebühr", "body": "Preis 5 € – fällig"}\n'.encode("cp1252")
    )
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert doc.body == "Preis 5 € – fällig"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_empty_and_binary_files_are_item_errors(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    """An empty or binary file crashed the connector instead of being reported."""
    path = tmp_path / "a.jsonl"
    path.write_bytes(content)
    [error] = read(path, "jsonl")
    assert isinstance(error, ItemError)
    assert reason in error.error


def test_folder_reports_unknown_and_oversized_files_and_reads_the_rest(tmp_path: Path) -> None:
    """One bad file in a folder hid the good ones, or a huge page was read into the index."""
    (tmp_path / "good.md").write_text("# Good\n\nText.")
    (tmp_path / "image.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "huge.md").write_text("word " * (2 * 2**20))  # 10 MB: over the 8 MB limit
    items = read(tmp_path)
    assert detect_format(tmp_path) == "folder"
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]
    errors = {Path(e.source).name: e.error for e in items if isinstance(e, ItemError)}
    assert set(errors) == {"image.bin", "huge.md"}
    assert "binary" in errors["image.bin"]
    assert "limit" in errors["huge.md"]


def test_unknown_single_file_format_says_how_to_fix_it(tmp_path: Path) -> None:
    """An unreadable file type failed without telling the user about --format."""
    path = tmp_path / "notes.txt"
    path.write_text("just some words")
    with pytest.raises(SourceFormatError, match="--format"):
        detect_format(path)


def test_pretty_printed_json_object_is_read_whole_and_a_bad_first_line_is_one_error(
    tmp_path: Path,
) -> None:
    """A JSON export object was parsed line by line, or a bad first JSONL line lost the file."""
    pretty = tmp_path / "a.json"
    pretty.write_text(json.dumps({"articles": [{"id": "1", "title": "T", "body": "B"}]}, indent=2))
    assert [d.id for d in read(pretty, "jsonl") if isinstance(d, Document)] == ["1"]
    lines = tmp_path / "b.jsonl"
    lines.write_text('{"id": "bad\n{"id": "2", "body": "fine"}\n')
    items = read(lines)
    assert [type(i).__name__ for i in items] == ["ItemError", "Document"]
