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
}

// Opens on the gate, or straight on the chats when this tab already holds a token.
if (token()) start(); else showGate();
