"use strict";
// Chats: the list (flow, state, hand-off, last activity) and one chat's conversation, read
// from Linq, with hand-off, hand-back and end-flow.
async function loadChats(more) {
  const after = more && state.nextAfter ? "&after=" + encodeURIComponent(state.nextAfter) : "";
  const page = await api("GET", "/chats?limit=200" + after);
  state.chats = more ? state.chats.concat(page.chats) : page.chats;
  state.nextAfter = page.next_after;
  $("more-chats").hidden = !page.next_after;
  renderChats();
}

function renderChats() {
  const list = $("chat-list");
  const chats = state.chats.slice().sort((a, b) => (b.updated_at || "").localeCompare(a.updated_at || ""));
  if (!chats.length) {
    list.replaceChildren(el("li", { class: "empty" }, "No chats yet."));
    return;
  }
  list.replaceChildren(...chats.map((chat) => el("li", {},
    el("button", {
      class: "item", type: "button", "data-chat": chat.chat_id, "aria-current": String(chat.chat_id === state.chat),
      onclick: () => openChat(chat.chat_id),
    },
    el("span", { class: "name", title: chat.chat_id }, chat.chat_id),
    el("span", { class: "muted" }, ago(chat.updated_at)),
    el("span", { class: "muted" }, chat.flow ? chat.flow + " · " + (chat.state || "") : "no flow"),
    chat.handed_off ? el("span", { class: "pill" }, "person") : el("span", {})),
  )));
}

function openChat(chatID) {
  state.chat = chatID;
  if (state.tab !== "chats") selectTab("chats");
  renderChats();
  $("chat-empty").hidden = true;
  $("chat-view").hidden = false;
  note("chat-note", "");
  $("messages").replaceChildren();
  loadChat(chatID);
}

async function loadChat(chatID) {
  const path = "/chats/" + encodeURIComponent(chatID);
  const chat = await api("GET", path);
  if (state.chat !== chatID) return;
  $("chat-title").textContent = chatID;
  const flow = chat.flow ? chat.flow.flow + " · " + chat.flow.state : "no flow";
  // replaceChildren would write a null as the text "null": leave the missing pill out.
  $("chat-sub").replaceChildren(...[
    el("span", {}, flow),
    chat.hand_off ? el("span", { class: "pill" }, "handed off" + (chat.hand_off.reason ? ": " + chat.hand_off.reason : "")) : null,
    el("span", {}, "updated " + ago(chat.updated_at)),
  ].filter(Boolean));
  $("hand-off").disabled = Boolean(chat.hand_off);
  $("hand-back").disabled = !chat.hand_off;
  $("end-flow").disabled = !chat.flow;
  $("timers").textContent = chat.timers.length
    ? "Timers: " + chat.timers.map((timer) => timer.name + " at " + when(timer.due_at)).join(", ") : "";
  try {
    const list = await api("GET", path + "/messages?limit=50");
    if (state.chat === chatID) renderMessages(list.messages || []);
  } catch (error) {
    if (state.chat === chatID) note("chat-note", "The conversation could not be read from Linq: " + error.message, true);
  }
}

function renderMessages(messages) {
  const ordered = messages.slice().sort((a, b) => (a.created_at || "").localeCompare(b.created_at || ""));
  const items = [];
  let lastDay = "";
  for (const message of ordered) {
    const day = new Date(message.created_at).toLocaleDateString();
    if (day !== lastDay) {
      items.push(el("li", { class: "stamp" }, day));
      lastDay = day;
    }
    const text = (message.parts || []).map((part) => part.value || part.url || "[" + part.type + "]").join("\n") || "[no text]";
    items.push(el("li", {
      class: "bubble" + (message.is_from_me ? " mine" : ""), title: when(message.created_at) + (message.from ? " · " + message.from : ""),
    }, text));
  }
  if (!items.length) items.push(el("li", { class: "stamp" }, "No messages."));
  $("messages").replaceChildren(...items);
}

// Queues a chat command and reloads the chat once it had time to run.
async function chatCommand(command, body) {
  const chatID = state.chat;
  if (!chatID) return;
  for (const id of ["hand-off", "hand-back", "end-flow"]) $(id).disabled = true;
  try {
    await api("POST", "/chats/" + encodeURIComponent(chatID) + "/" + command, body || {});
    note("chat-note", command + " queued: it runs in the chat's order.");
    setTimeout(() => { if (state.chat === chatID) loadChat(chatID); }, 800);
  } catch (error) {
    note("chat-note", command + " failed: " + error.message, true);
    loadChat(chatID);
  }
}

$("hand-off").addEventListener("click", () => {
  const reason = window.prompt("Why is a person taking this chat? (optional)", "");
  if (reason === null) return;
  chatCommand("hand-off", reason.trim() ? { reason: reason.trim() } : {});
});
$("hand-back").addEventListener("click", () => chatCommand("hand-back"));
$("end-flow").addEventListener("click", () => {
  if (window.confirm("End the flow in this chat? Its timeouts are cancelled.")) chatCommand("end-flow");
});
$("more-chats").addEventListener("click", () => loadChats(true));
