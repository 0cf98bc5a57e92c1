// The copilot sidebar, shared by the Zendesk and Freshdesk apps (the two copies are identical;
// tests/unit/copilot/helpdesk/test_helpdesk_apps.py checks it). Each app passes a small adapter:
//   adapter.ticket()            -> {ticket_id, subject, body, customer_name}
//   adapter.request(path, data) -> the copilot's JSON answer (through the helpdesk's proxy,
//                                  which adds the API key from the app's secure settings)
//   adapter.insert(text)        -> puts the text into the reply editor
//   adapter.editorText()        -> the text now in the reply editor ("" when unknown)
//   adapter.resize()            -> optional: fit the sidebar to its content
"use strict";

const CopilotSidebar = (() => {
  const REASONS = {
    needs_account_action: "The customer asks for an account action (refund, cancellation, " +
      "double charge) that a person with account access must carry out.",
    no_relevant_knowledge: "Nothing in the knowledge base answers this question.",
    weak_evidence: "The sources only partly answer this question.",
    conflicting_sources: "The sources disagree with each other.",
    ungrounded_answer: "Parts of the draft are not backed by the sources.",
    model_escalated: "The language model itself asked for a person to handle this.",
  };

  let adapter = null;
  let current = null; // {draft_id, text} of the draft on screen
  let inserted = null; // the text last put into the reply editor

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return ["http:", "https:"].includes(parsed.protocol) ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function confidenceWords(confidence, escalate) {
    const share = Math.round(100 * confidence) + "%";
    if (escalate) return "Low confidence (" + share + "): do not send this as it is.";
    if (confidence >= 0.8) {
      return "High confidence (" + share + "): the sources answer this directly. Review and send.";
    }
    return "Medium confidence (" + share + "): check the facts against the sources before sending.";
  }

  function plainText(htmlOrText) {
    // Reply editors hold HTML; feedback stores the words the customer gets.
    const doc = new DOMParser().parseFromString(
      String(htmlOrText || "").replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "\n\n"),
      "text/html");
    return (doc.body.textContent || "").replace(/\n{3,}/g, "\n\n").trim();
  }

  const words = (text) => String(text || "").split(/\s+/).filter(Boolean).join(" ");

  function setStatus(text) {
    $("status").textContent = text;
    $("status").hidden = !text;
  }

  function showError(err) {
    const box = $("error");
    box.textContent = (err && err.message) || String(err);
    box.hidden = false;
    if (adapter.resize) adapter.resize();
  }

  function citationItem(c) {
    const url = c.url ? safeUrl(c.url) : null;
    const title = url
      ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: c.title })
      : el("span", { text: c.title });
    return el("li", { class: "citation" }, title, el("small", { text: " (" + c.doc_id + ")" }),
      el("blockquote", { text: c.quote }));
  }

  function showDraft(draft) {
    current = { draft_id: draft.draft_id, text: draft.text };
    inserted = null;
    $("result").hidden = false;
    $("draft").value = draft.text;
    $("confidence").textContent = confidenceWords(draft.confidence, draft.escalate);
    $("confidence").className = draft.escalate ? "confidence low" : "confidence";
    $("escalate-reasons").replaceChildren(...draft.reasons.map(
      (r) => el("li", { text: REASONS[r] || r.replaceAll("_", " ") })));
    $("escalate").hidden = !draft.escalate;
    $("citations").replaceChildren(...draft.citations.map(citationItem));
    $("no-citations").hidden = draft.citations.length > 0;
    setFeedbackEnabled(true);
    setStatus("");
    if (adapter.resize) adapter.resize();
  }

  function setFeedbackEnabled(on) {
    for (const id of ["accept", "edited", "reject"]) $(id).disabled = !on;
  }

  async function requestDraft() {
    $("error").hidden = true;
    $("result").hidden = true;
    setStatus("Drafting a reply…");
    try {
      const ticket = await adapter.ticket();
      const payload = { body: ticket.body || ticket.subject || "" };
      if (ticket.subject) payload.subject = ticket.subject;
      if (ticket.customer_name) payload.customer_name = ticket.customer_name;
      if (ticket.ticket_id !== undefined && ticket.ticket_id !== null) {
        payload.ticket_id = String(ticket.ticket_id);
      }
      showDraft(await adapter.request("/api/v1/drafts", payload));
    } catch (err) {
      setStatus("");
      showError(err);
    }
  }

  async function insertDraft() {
    const text = $("draft").value;
    try {
      await adapter.insert(text);
      inserted = text;
      setStatus("Inserted into the reply. After sending, say how it went below.");
    } catch (err) {
      showError(err);
    }
  }

  async function sentText() {
    // What the customer gets: the reply editor's text, else what was inserted, else the box.
    let text = "";
    try {
      text = plainText(await adapter.editorText());
    } catch (e) {
      text = "";
    }
    return text || inserted || $("draft").value;
  }

  async function sendFeedback(verdict) {
    if (!current) return;
    setFeedbackEnabled(false);
    try {
      const payload = { draft_id: current.draft_id, verdict };
      if (verdict !== "rejected") {
        payload.final_text = await sentText();
        if (verdict === "accepted" && words(payload.final_text) !== words(current.text)) {
          payload.verdict = "edited"; // the text sent differs from the draft: that is an edit
        }
      }
      const saved = await adapter.request("/api/v1/feedback", payload);
      setStatus("Feedback saved: " + saved.verdict +
        (saved.verdict === "edited" ? " (" + saved.edit_distance + " words changed)." : "."));
    } catch (err) {
      setFeedbackEnabled(true);
      showError(err);
    }
  }

  function start(helpdeskAdapter) {
    adapter = helpdeskAdapter;
    $("insert").addEventListener("click", insertDraft);
    $("accept").addEventListener("click", () => sendFeedback("accepted"));
    $("edited").addEventListener("click", () => sendFeedback("edited"));
    $("reject").addEventListener("click", () => sendFeedback("rejected"));
    $("redraft").addEventListener("click", requestDraft);
    return requestDraft();
  }

  return { start, confidenceWords, plainText };
})();
