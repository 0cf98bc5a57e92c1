"""Ingestion: connectors, PII scrubbing, chunking, sync state and the ingest job."""
