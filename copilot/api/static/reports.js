// The report pages: /reports lists replay runs, /reports/RUN shows one run and its gaps.
"use strict";

function runIdFromPath() {
  const parts = window.location.pathname.split("/").filter(Boolean);
  return parts.length > 1 ? decodeURIComponent(parts[1]) : null;
}

function showError(err) {
  const box = document.getElementById("error");
  box.textContent = err.message;
  box.hidden = false;
}

async function showRuns() {
  const data = await api("GET", "/api/v1/replays");
  document.getElementById("runs").hidden = false;
  const rows = data.replays.map((r) => el("tr", {},
    el("td", {}, el("a", { href: "/reports/" + encodeURIComponent(r.id), text: r.id })),
    el("td", { text: r.created_at || "–" }),
    el("td", { text: r.tickets === null ? "–" : String(r.tickets) }),
    el("td", { text: pct(r.deflection_rate) }),
    el("td", { text: pct(r.ci_low) + " – " + pct(r.ci_high) }),
    el("td", { text: r.threshold === null ? "–" : String(r.threshold) }),
    el("td", { text: r.gaps === null ? "–" : String(r.gaps) })));
  document.getElementById("run-rows").replaceChildren(...rows);
  document.getElementById("no-runs").hidden = rows.length > 0;
}

function gapItem(gap) {
  const questions = el("ul", {}, ...(gap.example_questions || []).map(
    (q) => el("li", { text: q })));
  const article = el("details", {}, el("summary", { text: "Draft article" }),
    el("pre", { text: gap.draft_article || "" }));
  return el("li", { class: "gap" },
    el("strong", { text: gap.label || gap.id }),
    el("span", { class: "muted", text: " · " + (gap.size || 0) + " tickets" }),
    questions, article);
}

async function showRun(runId) {
  const data = await api("GET", "/api/v1/replays/" + encodeURIComponent(runId));
  const s = data.summary;
  document.getElementById("run").hidden = false;
  document.getElementById("run-title").textContent = "Replay run " + s.id;
  document.title = s.id + " · Replay reports";
  const numbers = [
    ["Tickets", s.tickets === null ? "–" : String(s.tickets)],
    ["Would deflect", pct(s.deflection_rate)],
    ["95% interval", pct(s.ci_low) + " – " + pct(s.ci_high)],
    ["Threshold", s.threshold === null ? "–" : String(s.threshold)],
    ["Finished", s.created_at || "–"],
  ];
  document.getElementById("run-numbers").replaceChildren(
    ...numbers.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
  const gaps = data.gaps.map(gapItem);
  document.getElementById("gaps").replaceChildren(...gaps);
  document.getElementById("no-gaps").hidden = gaps.length > 0;
  const frame = document.getElementById("report-frame");
  if (s.has_html) {
    frame.srcdoc = await api("GET", "/api/v1/replays/" + encodeURIComponent(runId) + "/report.html");
  } else {
    frame.hidden = true;
  }
}

function load() {
  document.getElementById("error").hidden = true;
  const runId = runIdFromPath();
  (runId ? showRun(runId) : showRuns()).catch(showError);
}

document.addEventListener("DOMContentLoaded", load);
document.addEventListener("api-key-changed", load);
