// Freshdesk adapter of the copilot sidebar (Freshworks FDK, platform 3.0, ticket_sidebar).
// Calls to the copilot go through request templates (config/requests.json), which add the
// secure installation parameter copilot_api_key: the key never reaches the browser.
"use strict";

(() => {
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    })[c]);
  }

  function asHtml(text) {
    // The reply editor takes HTML: paragraphs and line breaks, the text itself escaped.
    return String(text).split(/\n{2,}/).map(
      (p) => "<p>" + escapeHtml(p).replace(/\n/g, "<br>") + "</p>").join("");
  }

  function errorOf(err) {
    let body = null;
    try {
      body = JSON.parse(err && err.response);
    } catch (e) {
      body = null;
    }
    const message = body && body.error && body.error.message;
    const status = err && err.status ? " (HTTP " + err.status + ")" : "";
    return new Error(message || "The copilot could not be reached" + status +
      ": check the app's Copilot host and API key settings.");
  }

  function adapterFor(client) {
    const TEMPLATES = { "/api/v1/drafts": "createDraft", "/api/v1/feedback": "sendFeedback" };
    return {
      async ticket() {
        const { ticket } = await client.data.get("ticket");
        let name = null;
        try {
          name = (await client.data.get("requester")).requester.name;
        } catch (e) {
          name = null;
        }
        return {
          ticket_id: ticket.id,
          subject: ticket.subject,
          body: ticket.description_text || ticket.description,
          customer_name: name,
        };
      },
      async request(path, payload) {
        try {
          const answer = await client.request.invokeTemplate(TEMPLATES[path], {
            body: JSON.stringify(payload),
          });
          return JSON.parse(answer.response);
        } catch (err) {
          throw errorOf(err);
        }
      },
      async insert(text) {
        const html = asHtml(text);
        try {
          await client.interface.trigger("setValue", { id: "editor", text: html, replace: true });
        } catch (e) {
          // No reply editor open yet: open one with the draft in it.
          await client.interface.trigger("click", { id: "reply", text: html });
        }
      },
      editorText: async () => "",
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    app.initialized().then((client) => {
      client.events.on("app.activated", () => CopilotSidebar.start(adapterFor(client)));
    });
  });
})();
