"use strict";
// The console's core: the admin token (asked once, kept in sessionStorage, sent as a bearer
// header; no cookies), calls to the admin API, small formatting helpers and the tabs.
const TOKEN_KEY = "linqbot.admin.token";
const $ = (id) => document.getElementById(id);
const state = { tab: "chats", chat: null, chats: [], nextAfter: null, timer: null };

function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

function showGate(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(state.timer);
  $("app").hidden = true;
  $("gate").hidden = false;
  const hint = $("gate-hint");
  hint.textContent = message || "Kept in this tab only (sessionStorage) and sent as a bearer header.";
  hint.classList.toggle("error", Boolean(message));
  $("token").value = "";
  $("token").focus();
}

class AdminError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

// Calls the admin API under /admin; answers the JSON body, throws AdminError on refusal.
async function api(method, path, body) {
  const headers = { "Authorization": "Bearer " + token(), "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch("/admin" + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit", cache: "no-store",
    });
  } catch (error) {
    setStatus(false, "The bot does not answer");
    throw new AdminError(0, "the bot does not answer: " + error.message);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (_) { json = null; }
  if (response.status === 401) {
    showGate("That token was refused. Enter the bot's admin token.");
    throw new AdminError(401, "unauthorized");
  }
  setStatus(true, "Connected");
  if (!response.ok) throw new AdminError(response.status, (json && json.error) || ("HTTP " + response.status));
  return json;
}

function setStatus(up, text) {
  const status = $("status");
  status.textContent = text + " · " + new Date().toLocaleTimeString();
  status.classList.toggle("down", !up);
}

// A tiny element builder: el("td", { class: "mono" }, "text", child…).
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function ago(iso) {
  if (!iso) return "never";
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return Math.round(seconds) + " s ago";
  if (seconds < 3600) return Math.round(seconds / 60) + " min ago";
  if (seconds < 86400) return Math.round(seconds / 3600) + " h ago";
  return Math.round(seconds / 86400) + " d ago";
}

function when(iso) { return iso ? new Date(iso).toLocaleString() : ""; }

function note(id, text, isError) {
  const node = $(id);
  node.textContent = text || "";
  node.classList.toggle("error", Boolean(isError));
}

function selectTab(tab) {
  state.tab = tab;
  for (const button of document.querySelectorAll(".tab")) {
    button.setAttribute("aria-selected", String(button.dataset.tab === tab));
  }
  for (const name of ["chats", "dead", "optouts", "backlog"]) $("view-" + name).hidden = name !== tab;
  refresh();
}

// Reloads what the open tab shows; the chat list and the counts always.
async function refresh() {
  try {
    await Promise.all([loadChats(), loadCounts()]);
    if (state.tab === "chats" && state.chat) await loadChat(state.chat);
    if (state.tab === "dead") await loadDeadLetters();
    if (state.tab === "optouts") await loadOptOuts();
    if (state.tab === "backlog") await loadBacklog();
  } catch (error) {
    if (!(error instanceof AdminError) || error.status !== 401) console.warn(error);
  }
}

async function loadCounts() {
  const [dead, backlog] = await Promise.all([api("GET", "/dead-letters?limit=500"), api("GET", "/backlog?limit=1")]);
  $("dead-count").textContent = dead.dead_letters.length ? String(dead.dead_letters.length) : "";
  $("backlog-count").textContent = backlog.pending ? String(backlog.pending) : "";
}

function start() {
  $("gate").hidden = true;
  $("app").hidden = false;
  refresh();
  clearInterval(state.timer);
  state.timer = setInterval(refresh, 5000);
}

$("gate").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = $("token").value.trim();
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  start();
});
$("sign-out").addEventListener("click", () => showGate());
for (const button of document.querySelectorAll(".tab")) button.addEventListener("click", () => selectTab(button.dataset.tab));
