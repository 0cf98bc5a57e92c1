// The agent page: draft a reply to a ticket, review it with its sources, send feedback.
"use strict";

const REASONS = {
  needs_account_action: "The customer asks for an account action (refund, cancellation, " +
    "double charge) that a person with account access must carry out.",
  no_relevant_knowledge: "Nothing in the knowledge base answers this question.",
  weak_evidence: "The sources only partly answer this question.",
  conflicting_sources: "The sources disagree with each other.",
  ungrounded_answer: "Parts of the draft are not backed by the sources.",
  model_escalated: "The language model itself asked for a person to handle this.",
  suspicious_source: "The best matching source contains text that looks planted (instructions " +
    "to an assistant, a password or a money promise); it was not quoted. Check the source.",
  internal_guidance: "Only the internal wiki answers this: it is for agents and was not " +
    "quoted. See the internal notes and reply yourself.",
  unknown_terms: "The question is about something the knowledge base never mentions.",
  insufficient_context: "The language model found that the sources do not suffice to " +
    "answer.",
  knowledge_in_other_language: "Only knowledge in another language answers this; the " +
    "copilot cannot read that language well enough to quote it.",
  language_not_read: "The embedding model does not read the question's language: only " +
    "documents in that language were searched, by their words, and none answers. Guides in " +
    "other languages were not compared; a multilingual embedder would compare them.",
};

// Shown beside a confidence that no replay of this team's tickets has calibrated.
const UNCALIBRATED = "Not calibrated on your tickets yet: the confidence comes from " +
  "hand-set weights until a replay's calibration is applied (`copilot replay`, then " +
  "`copilot calibration apply`).";

let current = null; // {draft_id, text} of the draft on screen

function confidenceWords(confidence, escalate) {
  const share = Math.round(100 * confidence) + "%";
  if (escalate) {
    return "Low confidence (" + share + "): do not send this as it is.";
  }
  if (confidence >= 0.8) {
    return "High confidence (" + share + "): the sources answer this directly. Review and send.";
  }
  return "Medium confidence (" + share + "): check the facts against the sources before sending.";
}

function showDraft(draft) {
  current = { draft_id: draft.draft_id, text: draft.text };
  document.getElementById("result").hidden = false;
  const textarea = document.getElementById("draft");
  textarea.value = draft.text;
  textarea.readOnly = true;
  document.getElementById("edit").textContent = "Edit";
  document.getElementById("confidence").textContent =
    confidenceWords(draft.confidence, draft.escalate) +
    (draft.calibrated ? "" : " " + UNCALIBRATED);
  const banner = document.getElementById("escalate");
  const reasons = document.getElementById("escalate-reasons");
  reasons.replaceChildren(...draft.reasons.map(
    (r) => el("li", { text: REASONS[r] || r.replaceAll("_", " ") })));
  banner.hidden = !draft.escalate;
  const list = document.getElementById("citations");
  list.replaceChildren(...draft.citations.map(citationItem));
  document.getElementById("no-citations").hidden = draft.citations.length > 0;
  const notes = draft.internal_notes || [];
  document.getElementById("internal-notes").replaceChildren(
    ...notes.map((note) => el("li", { text: note })));
  document.getElementById("internal").hidden = notes.length === 0;
  setStatus("");
  setFeedbackEnabled(true);
}

function citationItem(c) {
  const url = c.url ? safeUrl(c.url) : null;
  const title = url
    ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: c.title })
    : el("span", { text: c.title });
  return el("li", { class: "citation" }, title, el("small", { text: " (" + c.doc_id + ")" }),
    el("blockquote", { text: c.quote }));
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

function setFeedbackEnabled(on) {
  for (const id of ["accept", "edit", "reject"]) document.getElementById(id).disabled = !on;
}

function showError(err) {
  const box = document.getElementById("error");
  box.textContent = err.message;
  box.hidden = false;
}

async function requestDraft(event) {
  event.preventDefault();
  const button = document.getElementById("draft-button");
  document.getElementById("error").hidden = true;
  const value = (id) => document.getElementById(id).value.trim();
  const body = { body: document.getElementById("body").value };
  if (value("subject")) body.subject = value("subject");
  if (value("customer-name")) body.customer_name = value("customer-name");
  button.disabled = true;
  button.textContent = "Drafting…";
  try {
    showDraft(await api("POST", "/api/v1/drafts", body));
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
    button.textContent = "Draft reply";
  }
}

async function sendFeedback(verdict, finalText) {
  if (!current) return;
  setFeedbackEnabled(false);
  try {
    const payload = { draft_id: current.draft_id, verdict };
    if (finalText !== null) payload.final_text = finalText;
    const saved = await api("POST", "/api/v1/feedback", payload);
    const words = { accepted: "accepted", edited: "edited", rejected: "rejected" }[verdict];
    setStatus("Feedback saved: " + words +
      (verdict === "edited" ? " (" + saved.edit_distance + " words changed)." : "."));
  } catch (err) {
    setFeedbackEnabled(true);
    showError(err);
  }
}

async function copyDraft() {
  const textarea = document.getElementById("draft");
  try {
    await navigator.clipboard.writeText(textarea.value);
  } catch (e) {
    textarea.select();
    document.execCommand("copy");
  }
  setStatus("Copied to the clipboard.");
}

function acceptDraft() {
  // What the agent sends is what is in the box: if it was changed, that is an edit.
  const text = document.getElementById("draft").value;
  sendFeedback(current && text !== current.text ? "edited" : "accepted", text);
}

function editOrSend() {
  const textarea = document.getElementById("draft");
  const button = document.getElementById("edit");
  if (textarea.readOnly) {
    textarea.readOnly = false;
    textarea.focus();
    button.textContent = "Send edited";
    setStatus("Edit the reply, then press “Send edited” to record the text you sent.");
    return;
  }
  textarea.readOnly = true;
  button.textContent = "Edit";
  sendFeedback("edited", textarea.value);
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("ticket-form").addEventListener("submit", requestDraft);
  document.getElementById("copy").addEventListener("click", copyDraft);
  document.getElementById("accept").addEventListener("click", acceptDraft);
  document.getElementById("edit").addEventListener("click", editOrSend);
  document.getElementById("reject").addEventListener("click", () => sendFeedback("rejected", null));
});
