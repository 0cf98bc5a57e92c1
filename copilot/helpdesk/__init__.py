"""Drafts inside the helpdesk: Zendesk and Freshdesk webhooks post the draft as a private note.

``HelpdeskDrafts`` runs one webhook delivery (fetch, draft from the public conversation, post
once); ``ZendeskClient`` and ``FreshdeskClient`` speak the vendors' APIs with retries;
``signing`` authenticates the webhooks; ``DeliveryLog`` keeps redeliveries from posting twice.
"""
