"""Support copilot: retrieval-augmented reply drafts, leakage-free ticket replay, gap reports."""

__version__ = "0.1.0"
