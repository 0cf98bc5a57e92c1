// Shared by the agent page and the report pages: calls the JSON API with the API key (if the
// server needs one) and shows the key form on 401. The key stays in sessionStorage only.
"use strict";

const KEY_STORE = "copilot-api-key";

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function apiKey() {
  return sessionStorage.getItem(KEY_STORE) || "";
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (apiKey()) headers["Authorization"] = "Bearer " + apiKey();
  const resp = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const isJson = (resp.headers.get("content-type") || "").includes("application/json");
  const data = isJson ? await resp.json() : await resp.text();
  if (!resp.ok) {
    const err = (isJson && data && data.error) || {};
    if (resp.status === 401) showKeyForm();
    throw new ApiError(resp.status, err.code || "http_" + resp.status,
      err.message || "The server answered " + resp.status + ".");
  }
  return data;
}

function showKeyForm() {
  const form = document.getElementById("key-form");
  form.hidden = false;
  document.getElementById("api-key").focus();
}

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
    const parsed = new URL(url, window.location.href);
    return ["http:", "https:"].includes(parsed.protocol) ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

function pct(x) {
  return x === null || x === undefined ? "–" : (100 * x).toFixed(1) + "%";
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("key-form");
  document.getElementById("key-button").addEventListener("click", () => {
    form.hidden = !form.hidden;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORE, document.getElementById("api-key").value.trim());
    form.hidden = true;
    document.dispatchEvent(new Event("api-key-changed"));
  });
});
