"""Commands: ingest, search, draft, serve, feedback."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import cast

import click

from copilot.cli.render import echo_json, progress_bar, render_draft
from copilot.domain import Kind, SearchFilters, Ticket
from copilot.errors import InputError
from copilot.pii import scrub_ticket
from copilot.retrieval import MODES, Mode
from copilot.services import Components
from copilot.settings import Settings

# Singular and plural both work everywhere (`--kind ticket` or `--kind tickets`).
KIND_NAMES = {
    "ticket": "ticket",
    "tickets": "ticket",
    "article": "article",
    "articles": "article",
    "wiki": "wiki",
}
KIND_CHOICE = click.Choice(sorted(KIND_NAMES), case_sensitive=False)
FORMATS = ["auto", "jsonl", "csv", "zendesk", "freshdesk", "markdown", "html", "confluence"]


def ingest_path(
    components: Components,
    path: Path,
    *,
    kind: Kind | None,
    fmt: str,
    sync: bool,
    show_progress: bool,
) -> dict[str, object]:
    """Run the ingest job of ``path`` on ``components`` and return the ``--json`` report."""
    from ingest.compose import IngestRequest, build_ingest_job

    request = IngestRequest(path, kind=kind, fmt=fmt, sync=sync)
    job = build_ingest_job(components.settings, request, components=components)
    if not show_progress:
        return job.run().as_json()
    with progress_bar(f"ingest {path.name}") as update:
        return job.run(progress=update).as_json()


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--kind", type=KIND_CHOICE, help="What the source holds (singular or plural).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option(
    "--sync",
    is_flag=True,
    help="PATH is the complete source for its kinds: delete indexed documents it no longer has.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON report on stdout.")
@click.pass_obj
def ingest(
    settings: Settings, path: Path, kind: str | None, fmt: str, sync: bool, as_json: bool
) -> None:
    """Index tickets, help-center articles or wiki pages from PATH.

    PATH is a file or a folder; --format auto detects Zendesk/Freshdesk exports, the common
    JSONL/CSV formats, Markdown/HTML folders and Confluence space exports (every field:
    docs/formats.md). Tickets are
    scrubbed of PII before anything is stored. Re-running is cheap: unchanged documents are
    skipped, changed ones replaced. Bad items are reported and skipped; the exit code is 1
    when any item failed.
    """
    report = ingest_path(
        Components(settings),
        path,
        kind=cast(Kind, KIND_NAMES[kind.lower()]) if kind else None,
        fmt=fmt,
        sync=sync,
        show_progress=True,
    )
    if as_json:
        echo_json(report)
    else:
        click.echo(
            f"{report['kind']} from {path} (format {report['format']}"
            f"{', detected' if fmt == 'auto' else ''}): {report['added']} added, "
            f"{report['updated']} updated, {report['unchanged']} unchanged, "
            f"{report['deleted']} deleted, {report['failed']} failed, {report['chunks']} chunks "
            f"in {report['seconds']}s"
        )
        embedder = cast(dict[str, str], report["embedder"])
        click.echo(f"  embedder: {embedder['kind']} ({embedder['reason']})")
        if embedder.get("warning"):
            click.echo(f"  warning: {embedder['warning']}", err=True)
        for doc_id in cast(list[str], report["deleted_ids"]):
            click.echo(f"  deleted: {doc_id}")
        for err in cast(list[dict[str, str]], report["errors"]):
            click.echo(f"  failed: {err['source']}: {err['error']}", err=True)
    if report["failed"]:
        raise SystemExit(1)


@click.command()
@click.argument("query")
@click.option("-k", "k", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--mode", type=click.Choice(MODES), help="Retrieval mode (default from config).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=KIND_CHOICE,
    help="Only this kind of knowledge (repeatable; singular or plural).",
)
@click.option("--lang", help="Only knowledge in this language, e.g. de.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.pass_obj
def search(
    settings: Settings,
    query: str,
    k: int,
    mode: str | None,
    kinds: tuple[str, ...],
    lang: str | None,
    as_json: bool,
) -> None:
    """Search the indexed knowledge for QUERY."""
    copilot = Components(settings)
    copilot.require_index()
    wanted = tuple(dict.fromkeys(cast(Kind, KIND_NAMES[k.lower()]) for k in kinds))
    filters = SearchFilters(kinds=wanted or None, lang=lang or None)
    results = copilot.retriever.search(query, k=k, mode=cast(Mode | None, mode), filters=filters)
    if as_json:
        echo_json({"results": [r.as_json() for r in results]})
        return
    for i, r in enumerate(results, start=1):
        snippet = r.chunk.text.replace("\n", " ")[:160]
        click.echo(f"{i}. [{r.score:.3f}] {r.chunk.title} ({r.chunk.kind} {r.chunk.doc_id})")
        click.echo(f"   {snippet}")


def read_ticket_file(path: Path) -> Ticket:
    """A ticket from a JSON file with ``body`` and optional subject, customer_name, lang."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Ticket(
            body=str(data["body"]),
            subject=str(data.get("subject") or ""),
            customer_name=data.get("customer_name"),
            lang=data.get("lang"),
            id=data.get("id"),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"Cannot read ticket file {path}: {exc}. It must be a JSON object with at least "
            '"body" (and optionally "subject", "customer_name", "lang").'
        ) from exc


@click.command()
@click.option("--text", help="The customer's message.")
@click.option("--ticket-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.pass_obj
def draft(settings: Settings, text: str | None, ticket_file: Path | None, as_json: bool) -> None:
    """Draft a reply to a ticket, with citations and a confidence."""
    if bool(text) == bool(ticket_file):
        raise click.UsageError("Give exactly one of --text or --ticket-file.")
    ticket = read_ticket_file(ticket_file) if ticket_file else Ticket(body=text or "")
    if not ticket.body.strip():
        raise InputError("The ticket text is empty: pass the customer's message with --text.")
    copilot = Components(settings)
    copilot.require_index()
    # As in the API: the drafter (and an LLM endpoint behind it) sees the text scrubbed of PII.
    result = copilot.drafter.draft(scrub_ticket(ticket))
    if as_json:
        echo_json(result.as_json())
    else:
        click.echo(render_draft(result))


@click.command()
@click.option("--host", default=None, help="Bind address (default from config: 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default from config: 8000).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes; more than 1 needs a Chroma server (index.kind chroma-http).",
)
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None, workers: int) -> None:
    """Serve the HTTP API, the agent page (/) and the report pages (/reports).

    Binding anything but loopback needs API keys (COPILOT_API_KEYS=KEY1,KEY2).
    """
    from copilot.api.server import run_server

    announce = functools.partial(click.echo, err=True)
    run_server(settings, host=host, port=port, workers=workers, announce=announce)


@click.group()
def feedback() -> None:
    """The agents' verdicts on drafts (stored by the server in the records database)."""


@feedback.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="JSONL file of labelled examples, one per draft with feedback.",
)
@click.option(
    "--max-edit-ratio",
    type=click.FloatRange(0, 1),
    default=0.3,
    show_default=True,
    help="An edited draft counts as good (label 1) up to this share of changed words.",
)
@click.option("--with-text", is_flag=True, help="Include ticket, draft and sent text (PII!).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary on stdout.")
@click.pass_obj
def feedback_export(
    settings: Settings, out: Path, max_edit_ratio: float, with_text: bool, as_json: bool
) -> None:
    """Write labelled examples (confidence, label) that replay calibration can fit on."""
    from copilot.records import Records

    records = Records.open(settings.records, settings.data_dir)
    try:
        summary = write_examples(
            records.labelled_examples(max_edit_ratio=max_edit_ratio, with_text=with_text), out
        )
    finally:
        records.close()
    if as_json:
        echo_json(summary)
    else:
        click.echo(
            f"{summary['examples']} labelled examples ({summary['positives']} good drafts) "
            f"written to {out}"
        )


def write_examples(examples: Iterable[dict[str, object]], out: Path) -> dict[str, object]:
    """Write ``examples`` as JSONL to ``out``; returns ``{"out", "examples", "positives"}``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    count = positives = 0
    with out.open("w", encoding="utf-8") as fh:
        for example in examples:
            fh.write(json.dumps(example, ensure_ascii=False) + "\n")
            count += 1
            positives += example["label"] == 1
    return {"out": str(out), "examples": count, "positives": positives}
