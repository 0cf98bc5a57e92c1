// Zendesk adapter of the copilot sidebar (Zendesk Apps Framework v2, ticket_sidebar).
// Calls to the copilot go through Zendesk's proxy (client.request with cors: false), which
// puts the secure setting api_key into the Authorization header: the key never reaches the
// browser.
"use strict";

(() => {
  const client = ZAFClient.init();
  let settings = null;

  function errorOf(err) {
    const body = err && (err.responseJSON || safeJson(err.responseText));
    const message = body && body.error && body.error.message;
    const status = err && err.status ? " (HTTP " + err.status + ")" : "";
    return new Error(message || "The copilot could not be reached" + status +
      ": check the app's Copilot URL and API key settings.");
  }

  function safeJson(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  async function request(path, payload) {
    const base = String(settings.copilot_url || "").replace(/\/+$/, "");
    try {
      const answer = await client.request({
        url: base + path,
        type: "POST",
        contentType: "application/json",
        headers: { Authorization: "Bearer {{setting.api_key}}" },
        secure: true,
        cors: false,
        data: JSON.stringify(payload),
      });
      return typeof answer === "string" ? JSON.parse(answer) : answer;
    } catch (err) {
      throw errorOf(err);
    }
  }

  async function ticket() {
    const data = await client.get([
      "ticket.id", "ticket.subject", "ticket.description", "ticket.requester.name",
    ]);
    return {
      ticket_id: data["ticket.id"],
      subject: data["ticket.subject"],
      body: data["ticket.description"],
      customer_name: data["ticket.requester.name"],
    };
  }

  const adapter = {
    ticket,
    request,
    insert: (text) => client.invoke("ticket.editor.insert", text),
    editorText: async () => (await client.get("comment.text"))["comment.text"],
    resize: () => client.invoke("resize", {
      width: "100%", height: Math.min(document.body.scrollHeight + 20, 900) + "px",
    }),
  };

  client.metadata().then((metadata) => {
    settings = metadata.settings || {};
    return CopilotSidebar.start(adapter);
  });
})();
