"""The private note a webhook posts: the draft, its sources, the confidence in words and,
when it escalates, why. Plain text for Zendesk comments, escaped HTML for Freshdesk notes."""

from __future__ import annotations

import html

from copilot.confidence import UNCALIBRATED_WORDS, reason_words
from copilot.domain import Citation, Draft
from copilot.helpdesk.clients import Note

NOTES_HEADING = "Internal notes (for agents, not for the customer)"
HEADING = (
    "Draft reply from the support copilot (only agents see this note; review it before sending)"
)


def _confidence_line(draft: Draft) -> str:
    """The confidence in words, and that it is not calibrated on the team's tickets yet."""
    words = confidence_words(draft.confidence, escalate=draft.escalate)
    return words if draft.calibrated else f"{words} {UNCALIBRATED_WORDS}"


def confidence_words(confidence: float, *, escalate: bool) -> str:
    """The confidence as an agent reads it, with what to do."""
    share = f"{round(100 * confidence)}%"
    if escalate:
        return f"Low confidence ({share}): do not send this as it is."
    if confidence >= 0.8:
        return f"High confidence ({share}): the sources answer this directly. Review and send."
    return f"Medium confidence ({share}): check the facts against the sources before sending."


def render_note(draft: Draft, *, draft_id: str) -> Note:
    """The note for ``draft`` in both formats."""
    return Note(text=_text(draft, draft_id=draft_id), html=_html(draft, draft_id=draft_id))


def _safe_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _escalation(draft: Draft) -> list[str]:
    if not draft.escalate:
        return []
    return [reason_words(r) for r in draft.reasons] or ["The copilot advises a person handles it."]


def _source_line(number: int, citation: Citation) -> str:
    url = _safe_url(citation.url)
    line = f"{number}. {citation.title} ({citation.doc_id})" + (f" {url}" if url else "")
    return line + (f'\n   "{citation.quote}"' if citation.quote else "")


def _text(draft: Draft, *, draft_id: str) -> str:
    parts = [HEADING + ":", draft.text]
    if draft.citations:
        lines = [_source_line(i, c) for i, c in enumerate(draft.citations, start=1)]
        parts.append("Sources:\n" + "\n".join(lines))
    else:
        parts.append("Sources: none.")
    parts.append("Confidence: " + _confidence_line(draft))
    escalation = _escalation(draft)
    if escalation:
        parts.append("Escalate: " + " ".join(escalation))
    if draft.internal_notes:
        parts.append(NOTES_HEADING + ":\n" + "\n".join(f"- {n}" for n in draft.internal_notes))
    parts.append(f"Copilot draft id: {draft_id}")
    return "\n\n".join(parts)


def _html_source(citation: Citation) -> str:
    title, url = html.escape(citation.title), _safe_url(citation.url)
    link = f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title
    quote = f"<br><i>{html.escape(citation.quote)}</i>" if citation.quote else ""
    return f"<li>{link} ({html.escape(citation.doc_id)}){quote}</li>"


def _html(draft: Draft, *, draft_id: str) -> str:
    paragraphs = [p for p in draft.text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    parts = [f"<p><b>{html.escape(HEADING)}:</b></p>", body]
    if draft.citations:
        items = "".join(_html_source(c) for c in draft.citations)
        parts.append(f"<p><b>Sources:</b></p><ol>{items}</ol>")
    else:
        parts.append("<p><b>Sources:</b> none.</p>")
    parts.append(f"<p><b>Confidence:</b> {html.escape(_confidence_line(draft))}</p>")
    escalation = _escalation(draft)
    if escalation:
        parts.append(f"<p><b>Escalate:</b> {html.escape(' '.join(escalation))}</p>")
    if draft.internal_notes:
        items = "".join(f"<li>{html.escape(n)}</li>" for n in draft.internal_notes)
        parts.append(f"<p><b>{html.escape(NOTES_HEADING)}:</b></p><ul>{items}</ul>")
    parts.append(f"<p>Copilot draft id: {html.escape(draft_id)}</p>")
    return "".join(parts)
