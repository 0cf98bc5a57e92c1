"""Synthetic support-like chunks at scale (for latency and memory, not for quality)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np

from copilot.backends.embedder import Embedder
from copilot.domain import Chunk
from ingest.chunking import embedding_text

TOPICS = [
    "password reset",
    "two-factor login",
    "invoice export",
    "VAT number",
    "payment method",
    "bank connection",
    "receipt upload",
    "DATEV export",
    "user roles",
    "API token",
    "webhook",
    "recurring invoice",
    "credit note",
    "dunning reminder",
    "CSV import",
    "mobile app sync",
    "subscription upgrade",
    "plan downgrade",
    "tax report",
    "e-invoice XRechnung",
]
VERBS = ["open", "choose", "select", "enable", "disable", "check", "update", "download", "send"]
PLACES = ["Settings", "Billing", "Invoices", "Reports", "Integrations", "Team", "Profile"]
FILLER = [
    "The change takes effect immediately.",
    "Admins can do this for every user.",
    "It can take up to ten minutes.",
    "You receive a confirmation email.",
    "This works on the web app and the mobile app.",
    "Older entries stay unchanged.",
]


def synthetic_text(rng: random.Random, i: int) -> tuple[str, str]:
    """A title and a body of a few sentences about one topic."""
    topic = rng.choice(TOPICS)
    body = " ".join(
        [
            f"To manage your {topic}, {rng.choice(VERBS)} {rng.choice(PLACES)} and then "
            f"{rng.choice(VERBS)} {topic}.",
            rng.choice(FILLER),
            f"Reference {i}: {rng.choice(FILLER)}",
        ]
    )
    return f"{topic.title()} ({i % 997})", body


def synthetic_chunks(n: int, *, seed: int = 1) -> Iterator[Chunk]:
    """``n`` chunks of synthetic articles, a few chunks each."""
    rng = random.Random(seed)
    for i in range(n):
        title, body = synthetic_text(rng, i)
        doc = i // 4
        yield Chunk(
            id=f"article:syn{doc}:{i % 4}",
            doc_id=f"syn{doc}",
            kind="article",
            title=title,
            text=body,
            position=i % 4,
            lang="en",
        )


def vectors_for(
    chunks: list[Chunk], embedder: Embedder, *, pool: int = 2000, seed: int = 1
) -> np.ndarray:
    """Real embeddings of up to ``pool`` chunks, reused with small noise for the rest.

    Embedding 100k chunks for real would measure the embedder, not the index; this keeps the
    vector distribution realistic while building large indexes in seconds.
    """
    base = embedder.embed_documents([embedding_text(c) for c in chunks[:pool]])
    if len(chunks) <= pool:
        return base
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(base), size=len(chunks) - pool)
    extra = base[idx] + rng.normal(0, 0.02, size=(len(idx), base.shape[1])).astype(np.float32)
    extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    return np.vstack([base, extra.astype(np.float32)])
