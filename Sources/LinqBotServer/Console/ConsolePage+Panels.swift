// Generated from console-panels.js (the editable source beside this file); do not edit by hand.
// Regenerate from the package root with: python3 Tests/Browser/make_console_page.py

extension ConsolePage {
    /// The script's dead letters, opt-outs and backlog views.
    static let panels = #"""
        "use strict";
        // Dead letters (replay, discard), opt-outs and the inbox backlog.
        async function loadDeadLetters() {
          const page = await api("GET", "/dead-letters?limit=200");
          const rows = page.dead_letters.map((letter) => el("tr", { "data-dead-letter": letter.id },
            el("td", { title: when(letter.failed_at) }, ago(letter.failed_at)),
            el("td", { class: "mono" }, el("button", { class: "btn quiet", type: "button", onclick: () => openChat(letter.chat_id) }, letter.chat_id)),
            el("td", { class: "mono", title: letter.event_id }, letter.event_type),
            el("td", {}, String(letter.attempts)),
            el("td", {}, letter.reason),
            el("td", { class: "buttons" },
              el("button", { class: "btn small", type: "button", onclick: () => replay(letter.id) }, "Replay"),
              el("button", { class: "btn small danger", type: "button", onclick: () => discard(letter.id) }, "Discard")),
          ));
          if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No dead letters.")));
          $("dead-rows").replaceChildren(...rows);
        }

        async function replay(id) {
          try {
            const answer = await api("POST", "/dead-letters/" + id + "/replay");
            note("dead-note", "Dead letter " + id + " is back in chat " + answer.chat_id + "'s queue.");
          } catch (error) {
            note("dead-note", "Replay of " + id + " failed: " + error.message, true);
          }
          refresh();
        }

        async function discard(id) {
          if (!window.confirm("Discard dead letter " + id + "? Its event will never be handled.")) return;
          try {
            await api("DELETE", "/dead-letters/" + id);
            note("dead-note", "Dead letter " + id + " discarded.");
          } catch (error) {
            note("dead-note", "Discarding " + id + " failed: " + error.message, true);
          }
          refresh();
        }

        async function loadOptOuts() {
          const page = await api("GET", "/opt-outs?limit=1000");
          const rows = page.opt_outs.map((entry) => el("tr", {},
            el("td", { class: "mono" }, entry.handle),
            el("td", { title: when(entry.opted_out_at) }, ago(entry.opted_out_at))));
          if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: 2, class: "muted" }, "Nobody opted out.")));
          $("optout-rows").replaceChildren(...rows);
        }

        async function loadBacklog() {
          const backlog = await api("GET", "/backlog?limit=200");
          $("backlog-total").textContent = backlog.pending === 1 ? "1 event waits to be handled." : backlog.pending + " events wait to be handled.";
          const rows = backlog.chats.map((chat) => el("tr", {},
            el("td", { class: "mono" }, chat.chat_id),
            el("td", {}, String(chat.events)),
            el("td", { title: when(chat.oldest_received_at) }, ago(chat.oldest_received_at)),
            el("td", {}, chat.in_progress ? "being handled" : "waiting")));
          if (!rows.length) rows.push(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "The inbox is empty.")));
          $("backlog-rows").replaceChildren(...rows);
          const activity = await api("GET", "/activity");
          const minutes = activity.minutes;
          const handled = minutes.reduce((sum, minute) => sum + minute.handled, 0);
          const slowest = minutes.reduce((most, minute) => Math.max(most, minute.slowest_handler_ms), 0);
          const polled = minutes.filter((minute) => minute.backlog !== null);
          $("charts").replaceChildren(
            chart("backlog", "Backlog", minutes.map((minute) => minute.backlog),
              polled.length ? "now " + polled[polled.length - 1].backlog + ", at most " + Math.max(...polled.map((m) => m.backlog)) : "not polled yet"),
            chart("handled", "Handled per minute", minutes.map((minute) => minute.handled), handled + " in the last hour"),
            chart("latency", "Handler time (ms, mean)", minutes.map((minute) => minute.mean_handler_ms), "slowest " + slowest + " ms"));
        }

        // A small line chart of one value per minute over the last hour (null: no figure that minute).
        function chart(name, title, values, summary) {
          const svg = "http://www.w3.org/2000/svg";
          const width = 240, height = 48;
          const top = Math.max(1, ...values.filter((value) => value !== null));
          const points = [];
          values.forEach((value, index) => {
            if (value === null) return;
            const x = (index * width / Math.max(1, values.length - 1)).toFixed(1);
            const y = (height - 2 - value * (height - 4) / top).toFixed(1);
            points.push(x + "," + y);
          });
          const picture = document.createElementNS(svg, "svg");
          picture.setAttribute("viewBox", "0 0 " + width + " " + height);
          picture.setAttribute("role", "img");
          picture.setAttribute("aria-label", title + ": " + summary);
          const line = document.createElementNS(svg, "polyline");
          line.setAttribute("points", points.join(" "));
          picture.append(line);
          return el("figure", { class: "chart", "data-chart": name, "data-points": String(points.length) },
            el("figcaption", {}, el("strong", {}, title), " ", el("span", { class: "muted" }, summary)), picture);
        }

        // Opens on the gate, or straight on the chats when this tab already holds a token.
        if (token()) start(); else showGate();

        """#
}
