// Generated from chat.html (the editable source beside this file); do not edit by hand.
// Regenerate from the package root with: python3 Tests/Browser/make_chat_page.py
// (`--check` only verifies that this file matches chat.html.)

/// The simulator's web chat page (HTML with inline CSS and JavaScript), served at `/`.
enum ChatPage {
    /// The page's HTML.
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:,">
    <title>Messages · Linq Simulator</title>
    <style>
    :root {
      --bg: #ffffff; --side: #f4f4f6; --rule: #dcdce1; --ink: #1d1d1f; --muted: #62626a;
      --blue: #0b6ef5; --green: #217f39; --grey: #e9e9eb; --grey-ink: #111; --hover: #e6e6ea;
      --danger: #c4271d; --card: #ffffff; --shadow: 0 6px 24px rgba(0,0,0,.16);
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #111113; --side: #1c1c1f; --rule: #333338; --ink: #f2f2f5; --muted: #a3a3ab;
        --grey: #2e2e32; --grey-ink: #f2f2f5; --hover: #2a2a2e; --card: #232327; --danger: #ff6b60; }
    }
    * { box-sizing: border-box; }
    html, body { height: 100%; }
    body { margin: 0; background: var(--bg); color: var(--ink); overflow: hidden;
      font: 15px/1.35 -apple-system, BlinkMacSystemFont, "SF Pro Text", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    button, input, select, textarea { font: inherit; color: inherit; }
    button { cursor: pointer; }
    :focus-visible { outline: 2px solid var(--blue); outline-offset: 2px; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    [hidden] { display: none !important; }

    .app { display: grid; grid-template-columns: 330px minmax(0, 1fr); height: 100vh; height: 100dvh; }

    /* ---------- left column ---------- */
    .side { background: var(--side); border-right: 1px solid var(--rule); display: flex; flex-direction: column; min-height: 0; }
    .side-head { padding: 16px 14px 10px; display: grid; gap: 10px; }
    .side-head h1 { margin: 0; font-size: 24px; font-weight: 700; letter-spacing: -.01em; }
    .label { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
    .line-row { display: flex; align-items: center; gap: 8px; }
    .field { width: 100%; min-width: 0; border: 1px solid var(--rule); border-radius: 10px; padding: 7px 10px; background: var(--bg); }
    .field[aria-invalid="true"] { border-color: var(--danger); }
    select.field { padding-right: 6px; }
    .badge { flex: none; font-size: 11px; font-weight: 700; padding: 3px 7px; border-radius: 999px; background: var(--danger); color: #fff; letter-spacing: .03em; }
    .inline-form { display: flex; gap: 6px; }
    .btn { flex: none; border: 0; border-radius: 10px; padding: 7px 13px; background: var(--blue); color: #fff; font-weight: 600; }
    .btn:disabled { opacity: .45; cursor: default; }
    .btn.quiet { background: transparent; color: var(--blue); padding: 4px 6px; }
    .hint { margin: 0; font-size: 12.5px; color: var(--muted); min-height: 1em; }
    .hint.error { color: var(--danger); }
    .group-form { display: grid; gap: 6px; padding: 10px; border-radius: 12px; background: var(--bg); border: 1px solid var(--rule); }
    .side-tools { display: flex; justify-content: space-between; align-items: center; }
    #chat-list { list-style: none; margin: 0; padding: 2px 8px 8px; overflow-y: auto; flex: 1; min-height: 0; }
    .chat-item { width: 100%; display: grid; grid-template-columns: 44px minmax(0, 1fr) auto; gap: 1px 10px; align-items: center;
      text-align: left; border: 0; background: transparent; padding: 9px 10px; border-radius: 12px; }
    .chat-item:hover { background: var(--hover); }
    .chat-item[aria-current="true"] { background: var(--blue); color: #fff; }
    .chat-item[aria-current="true"] .time, .chat-item[aria-current="true"] .preview { color: rgba(255,255,255,.88); }
    .chat-item .avatar { grid-row: 1 / 3; }
    .chat-item .name { font-weight: 600; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .chat-item .time { font-size: 12.5px; color: var(--muted); }
    .chat-item .preview { grid-column: 2 / 4; font-size: 13.5px; color: var(--muted); overflow: hidden;
      display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; min-height: 1.35em; }
    .chat-item .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; background: var(--blue); margin-right: 5px; vertical-align: 1px; }
    .chat-item[aria-current="true"] .dot { background: #fff; }
    .empty-list { color: var(--muted); font-size: 13.5px; padding: 18px 10px; text-align: center; }
    .conn { font-size: 12px; color: var(--muted); padding: 8px 16px; border-top: 1px solid var(--rule); }
    .conn::before { content: ""; display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: #2fb84f; margin-right: 6px; }
    .conn.down::before { background: var(--danger); }

    .avatar { width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; color: #fff; font-size: 15px; font-weight: 600;
      background: linear-gradient(180deg, #a4a9b4, #7f838d); flex: none; }
    .avatar svg { width: 24px; height: 24px; fill: #fff; }
    .avatar.group { background: linear-gradient(180deg, #8f9bb3, #677189); }

    /* ---------- conversation ---------- */
    .conv { display: flex; flex-direction: column; min-width: 0; min-height: 0; position: relative; }
    .conv-head { display: flex; align-items: center; gap: 10px; padding: 10px 16px; border-bottom: 1px solid var(--rule);
      background: color-mix(in srgb, var(--bg) 88%, transparent); backdrop-filter: blur(12px); }
    .conv-head .titles { min-width: 0; flex: 1; }
    .conv-head h2 { margin: 0; font-size: 16px; font-weight: 600; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .conv-head .sub { font-size: 12.5px; color: var(--muted); display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    .conv-head select { border: 1px solid var(--rule); border-radius: 8px; background: var(--bg); padding: 1px 4px; font-size: 12.5px; }
    #back { display: none; font-size: 17px; }
    .banner { background: color-mix(in srgb, var(--danger) 12%, var(--bg)); color: var(--danger); font-size: 13px; padding: 7px 16px; border-bottom: 1px solid var(--rule); }
    #messages { flex: 1; overflow-y: auto; padding: 14px 18px 10px; display: flex; flex-direction: column; min-height: 0; }
    .empty { margin: auto; text-align: center; color: var(--muted); max-width: 320px; }
    .empty strong { display: block; color: var(--ink); font-size: 17px; margin-bottom: 4px; }
    .service-label, .stamp { align-self: center; font-size: 11.5px; color: var(--muted); margin: 6px 0 8px; text-align: center; }
    .stamp b { font-weight: 600; }

    .row { display: flex; flex-direction: column; align-items: flex-start; margin-top: 2px; max-width: 100%; }
    .row.first { margin-top: 10px; }
    .row.me { align-items: flex-end; }
    .row.has-tb { margin-top: 18px; }
    .sender { font-size: 11.5px; color: var(--muted); margin: 0 0 2px 14px; }
    .row.has-tb .sender { margin-bottom: 14px; }
    .reply-quote { font-size: 12.5px; color: var(--muted); max-width: min(72%, 520px); margin: 0 12px 3px; padding: 4px 10px;
      border: 1px solid var(--rule); border-radius: 14px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .reply-quote::before { content: "↩ "; }
    .bubble { position: relative; max-width: min(72%, 520px); padding: 7px 12px; border-radius: 18px; background: var(--grey); color: var(--grey-ink);
      overflow-wrap: anywhere; display: flex; flex-direction: column; gap: 6px; }
    .row.me .bubble { background: var(--blue); color: #fff; }
    .row.me.sms .bubble { background: var(--green); }
    .bubble[data-direction="outbound"] { cursor: pointer; user-select: text; }
    .bubble .text { white-space: pre-wrap; }
    .bubble .text a { color: inherit; text-decoration: underline; }
    .bubble.tail::before, .bubble.tail::after { content: ""; position: absolute; bottom: 0; height: 18px; }
    .row.them .bubble.tail::before { left: -7px; width: 18px; background: var(--grey); border-bottom-right-radius: 15px; }
    .row.them .bubble.tail::after { left: -10px; width: 10px; background: var(--bg); border-bottom-right-radius: 10px; }
    .row.me .bubble.tail::before { right: -7px; width: 18px; background: inherit; border-bottom-left-radius: 15px; }
    .row.me .bubble.tail::after { right: -10px; width: 10px; background: var(--bg); border-bottom-left-radius: 10px; }
    .bubble.bare { background: transparent !important; padding: 0; }
    .bubble.bare::before, .bubble.bare::after { display: none; }
    .bubble img.media { display: block; max-width: 100%; max-height: 320px; border-radius: 16px; background: var(--grey); }
    .file-chip, .link-card { display: flex; align-items: center; gap: 10px; text-decoration: none; color: var(--grey-ink);
      background: var(--card); border: 1px solid var(--rule); border-radius: 14px; padding: 8px 12px; min-width: 200px; }
    .file-chip .icon, .link-card .icon { font-size: 22px; }
    .file-chip .meta, .link-card .meta { display: grid; min-width: 0; }
    .file-chip strong, .link-card strong { font-size: 14px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .file-chip small, .link-card small { font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .bubble.card { background: var(--card) !important; color: var(--ink); border: 1px solid var(--rule); padding: 12px 14px; min-width: 240px; }
    .bubble.card::before, .bubble.card::after { display: none; }
    .card-top { display: flex; align-items: center; gap: 10px; }
    .card-top small { display: block; color: var(--muted); font-size: 12.5px; }
    .card-btn { border: 0; border-top: 1px solid var(--rule); background: none; color: var(--blue); font-weight: 600; padding: 8px 0 0; }
    .tapbacks { position: absolute; top: -16px; display: flex; gap: 2px; z-index: 2; }
    .row.them .tapbacks { right: -12px; } .row.me .tapbacks { left: -12px; }
    .tb { min-width: 28px; height: 26px; padding: 0 4px; border-radius: 14px; display: grid; place-items: center; font-size: 14px;
      background: var(--grey); border: 2px solid var(--bg); }
    .tb.mine { background: var(--blue); }
    .effect { font-size: 11.5px; color: var(--muted); margin: 3px 12px 0; }
    .effect.failed { color: var(--danger); font-weight: 600; }
    .receipt { font-size: 11.5px; color: var(--muted); margin: 3px 0 0 14px; font-weight: 600; }
    .typing-row { margin-top: 10px; }
    .typing-bubble { display: inline-flex; gap: 4px; padding: 12px 14px; border-radius: 18px; background: var(--grey); position: relative; }
    .typing-bubble span { width: 8px; height: 8px; border-radius: 50%; background: var(--muted); animation: blink 1.3s infinite ease-in-out; }
    .typing-bubble span:nth-child(2) { animation-delay: .18s; } .typing-bubble span:nth-child(3) { animation-delay: .36s; }
    .typing-bubble::after { content: ""; position: absolute; left: -4px; bottom: -2px; width: 11px; height: 11px; border-radius: 50%; background: var(--grey); }
    @keyframes blink { 0%, 60%, 100% { opacity: .35; transform: translateY(0); } 30% { opacity: 1; transform: translateY(-3px); } }
    @media (prefers-reduced-motion: reduce) { .typing-bubble span { animation: none; opacity: .7; } }
    .typing-who { font-size: 11.5px; color: var(--muted); margin: 2px 0 0 14px; }

    /* ---------- composer ---------- */
    .composer-bar { border-top: 1px solid var(--rule); padding: 8px 12px 12px; display: grid; gap: 6px; background: var(--bg); }
    .strip { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); padding: 0 4px; }
    .strip .grow { flex: 1; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
    .compose-row { display: flex; align-items: flex-end; gap: 8px; }
    .round { flex: none; width: 34px; height: 34px; border-radius: 50%; border: 0; display: grid; place-items: center; }
    #attach { background: var(--grey); color: var(--muted); font-size: 22px; line-height: 1; }
    #attach[aria-pressed="true"] { background: var(--blue); color: #fff; }
    .compose-box { flex: 1; display: flex; align-items: flex-end; border: 1px solid var(--rule); border-radius: 19px; padding: 3px 3px 3px 14px; background: var(--bg); }
    #composer { flex: 1; border: 0; outline: 0; resize: none; background: transparent; padding: 5px 0; max-height: 140px; line-height: 1.35; }
    #send { width: 28px; height: 28px; background: var(--blue); color: #fff; }
    #send.sms { background: var(--green); }
    #send:disabled { opacity: .35; cursor: default; }
    #send svg { width: 16px; height: 16px; fill: currentColor; }

    #tapback-picker { position: fixed; z-index: 20; display: flex; gap: 2px; padding: 5px; border-radius: 24px; background: var(--card);
      box-shadow: var(--shadow); border: 1px solid var(--rule); }
    #tapback-picker button { border: 0; background: transparent; min-width: 38px; height: 38px; border-radius: 19px; font-size: 20px; }
    #tapback-picker button:hover, #tapback-picker button[aria-pressed="true"] { background: var(--hover); }
    #tapback-picker button[aria-pressed="true"] { background: var(--blue); }
    #tapback-picker .word { font-size: 13px; font-weight: 600; color: var(--blue); padding: 0 10px; }
    #toast { position: fixed; left: 50%; bottom: 84px; transform: translateX(-50%); background: #1d1d1f; color: #fff; padding: 9px 16px;
      border-radius: 12px; font-size: 13.5px; box-shadow: var(--shadow); max-width: min(90vw, 520px); z-index: 30; }

    @media (max-width: 760px) {
      .app { grid-template-columns: 1fr; }
      .app:not(.in-chat) .conv { display: none; }
      .app.in-chat .side { display: none; }
      #back { display: inline-block; padding: 4px 2px; }
      #conv-avatar { display: none; }
      .conv-head { padding: 8px 12px; }
      .bubble, .reply-quote { max-width: 80%; }
      #messages { padding: 12px 12px 8px; }
    }
    </style>
    </head>
    <body>
    <div class="app" id="app">
      <aside class="side" aria-label="Lines and conversations">
        <div class="side-head">
          <h1>Messages</h1>
          <div>
            <label class="label" for="line-select">Line (the bot's number)</label>
            <div class="line-row">
              <select id="line-select" class="field"></select>
              <span id="line-flag" class="badge" hidden title="This line is flagged and refuses writes">FLAGGED</span>
            </div>
          </div>
          <form id="new-form" novalidate>
            <label class="label" for="new-handle">New conversation as</label>
            <div class="inline-form">
              <input id="new-handle" class="field" type="tel" inputmode="tel" autocomplete="off" placeholder="+15555550123" aria-describedby="new-hint">
              <button id="new-handle-go" class="btn" type="submit" aria-label="Start conversation as this number">Go</button>
            </div>
            <p id="new-hint" class="hint">Type any number in E.164 to play that person.</p>
          </form>
          <div class="side-tools">
            <span class="label" id="chats-label">Conversations</span>
            <button id="new-group" class="btn quiet" type="button" aria-expanded="false" aria-controls="group-form">+ New group</button>
          </div>
          <form id="group-form" class="group-form" hidden novalidate>
            <label class="label" for="group-handles">People in the group</label>
            <input id="group-handles" class="field" autocomplete="off" placeholder="+15555550123, +15555550124">
            <label class="label" for="group-name">Group name (optional)</label>
            <input id="group-name" class="field" autocomplete="off" placeholder="Weekend plans">
            <div class="inline-form"><button id="group-create" class="btn" type="submit">Start group</button>
              <button id="group-cancel" class="btn quiet" type="button">Cancel</button></div>
            <p id="group-hint" class="hint"></p>
          </form>
        </div>
        <ul id="chat-list" aria-labelledby="chats-label"></ul>
        <div id="conn" class="conn" role="status">Connecting…</div>
      </aside>

      <main class="conv" aria-label="Conversation">
        <header class="conv-head">
          <button id="back" class="btn quiet" type="button" aria-label="Back to conversations">‹ Back</button>
          <div id="conv-avatar" class="avatar" aria-hidden="true"></div>
          <div class="titles">
            <h2 id="conv-title">No conversation</h2>
            <div id="conv-sub" class="sub"></div>
          </div>
        </header>
        <div id="flag-banner" class="banner" hidden>This line is flagged: the bot can't send from it until it is unflagged.</div>
        <div id="messages" role="log" aria-live="polite" aria-label="Messages"></div>
        <footer class="composer-bar">
          <div id="reply-strip" class="strip" hidden>
            <span class="grow" id="reply-text"></span>
            <button id="reply-cancel" class="btn quiet" type="button" aria-label="Cancel reply">✕</button>
          </div>
          <div id="attach-strip" class="strip" hidden>
            <label for="media-url" class="sr-only">Media URL</label>
            <input id="media-url" class="field" type="url" placeholder="https://example.com/photo.jpg" autocomplete="off">
            <button id="media-cancel" class="btn quiet" type="button" aria-label="Remove attachment">✕</button>
          </div>
          <div class="compose-row">
            <button id="attach" class="round" type="button" aria-label="Attach media by URL" aria-pressed="false" aria-controls="attach-strip">+</button>
            <div class="compose-box">
              <textarea id="composer" rows="1" placeholder="iMessage" aria-label="Message" disabled></textarea>
              <button id="send" class="round" type="button" aria-label="Send" disabled>
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1.5 2.6 6.9l1.2 1.2L7.2 4.7V14h1.6V4.7l3.4 3.4 1.2-1.2z"/></svg>
              </button>
            </div>
          </div>
        </footer>
      </main>
    </div>
    <div id="tapback-picker" role="menu" aria-label="Tapback" hidden></div>
    <div id="toast" role="status" aria-live="polite" hidden></div>

    <script>
    "use strict";
    (() => {
    const $ = (sel) => document.querySelector(sel);
    const E164 = /^\+[1-9][0-9]{6,14}$/;
    const WEB_URL = /^https?:\/\/\S+$/i;
    const IMAGE_URL = /\.(jpe?g|png|gif|heic|webp)(?:[?#]|$)/i;
    const TAPBACKS = [
      ["love", "❤️", "Love"], ["like", "👍", "Like"], ["dislike", "👎", "Dislike"],
      ["laugh", "😂", "Ha ha"], ["emphasize", "‼️", "Emphasize"], ["question", "❓", "Question"],
    ];
    const PERSON_SVG = '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="8" r="4.2"/><path d="M3.5 21c.6-4.4 4-7 8.5-7s7.9 2.6 8.5 7z"/></svg>';
    // All page state lives here.
    const S = {
      version: 0, state: null, line: null, me: null, chatId: null, draft: null,
      messages: [], lineTyping: false, typing: [], replyTo: null, pinned: true, forceScroll: false,
      acked: new Set(), readBusy: false, sending: false,
    };
    const rowCache = new Map();

    // ---------- small helpers ----------
    function h(tag, props, ...kids) {
      const el = document.createElement(tag);
      for (const [key, val] of Object.entries(props || {})) {
        if (val == null || val === false) continue;
        if (key === "class") el.className = val;
        else if (key.startsWith("on")) el.addEventListener(key.slice(2), val);
        else el.setAttribute(key, val === true ? "" : String(val));
      }
      for (const kid of kids.flat(Infinity)) if (kid != null && kid !== false) el.append(kid);
      return el;
    }
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const handlePath = (handle) => "/sim/handles/" + encodeURIComponent(handle);
    const safeUrl = (u) => (typeof u === "string" && /^(https?:|data:image\/|blob:|\/(?!\/))/i.test(u.trim()) ? u.trim() : null);
    async function api(method, path, body) {
      const init = { method, cache: "no-store", headers: {} };
      if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
      const res = await fetch(path, init);
      let data = null;
      try { data = await res.json(); } catch (_) { /* empty or non-JSON body */ }
      if (!res.ok || (data && data.success === false)) {
        const err = new Error((data && data.error && data.error.message) || method + " " + path + " failed (" + res.status + ")");
        err.status = res.status;
        throw err;
      }
      return data || {};
    }
    function fmtHandle(handle) {
      const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(handle || "");
      return m ? "+1 (" + m[1] + ") " + m[2] + "-" + m[3] : handle || "";
    }
    function sameDay(a, b) { return a.toDateString() === b.toDateString(); }
    function fmtListTime(iso) {
      const d = new Date(iso);
      if (isNaN(d)) return "";
      const now = new Date(), yesterday = new Date(now.getTime() - 864e5);
      if (sameDay(d, now)) return d.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
      if (sameDay(d, yesterday)) return "Yesterday";
      return d.toLocaleDateString([], { month: "short", day: "numeric" });
    }
    function fmtStamp(iso) {
      const d = new Date(iso);
      if (isNaN(d)) return null;
      const time = d.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
      const now = new Date();
      const day = sameDay(d, now) ? "Today" : sameDay(d, new Date(now.getTime() - 864e5)) ? "Yesterday"
        : d.toLocaleDateString([], { weekday: "short", month: "short", day: "numeric" });
      return [h("b", {}, day), " " + time];
    }
    function minutesBetween(a, b) { return Math.abs(new Date(b.created_at) - new Date(a.created_at)) / 6e4 || 0; }
    function fileName(url) {
      try { return decodeURIComponent(new URL(url, location.href).pathname.split("/").pop()) || null; } catch (_) { return null; }
    }
    function titleCase(s) { return String(s).replace(/[_-]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()); }
    const isSmsLike = (service) => !!service && String(service).toLowerCase() !== "imessage";
    function serviceName(service) {
      const s = String(service || "iMessage").toLowerCase();
      return s === "imessage" ? "iMessage" : s === "rcs" ? "Text Message · RCS" : "Text Message · SMS";
    }
    function preview(m) {
      if (!m) return "No messages yet";
      if (m.kind === "contact_card") return "Contact card";
      const parts = m.parts || [];
      const text = parts.find((p) => p.type === "text" && p.value);
      if (text) return text.value;
      const media = parts.find((p) => p.type === "media");
      if (media) return "Attachment: " + (media.filename || fileName(media.url) || "file");
      const link = parts.find((p) => p.type === "link");
      return link ? link.value : "Message";
    }
    // `reply_to` is the replied-to message id (a string); an object with message_id is accepted too.
    const replyId = (m) => (typeof m.reply_to === "string" ? m.reply_to : (m.reply_to && m.reply_to.message_id) || null);
    function emojiFor(r) {
      if (r.type === "custom") return r.custom_emoji || "⭐";
      if (r.type === "sticker") return "🏷️";
      const t = TAPBACKS.find((x) => x[0] === r.type);
      return t ? t[1] : "❔";
    }
    let toastTimer = null;
    function toast(text) {
      const t = $("#toast");
      t.textContent = text; t.hidden = false;
      clearTimeout(toastTimer);
      toastTimer = setTimeout(() => { t.hidden = true; }, 4500);
    }

    // ---------- derived state ----------
    const lines = () => (S.state && S.state.lines) || [];
    const currentLine = () => lines().find((l) => l.phone_number === S.line) || null;
    const chatsOnLine = () => ((S.state && S.state.chats) || []).filter((c) => c.line === S.line)
      .sort((a, b) => String(b.updated_at || "").localeCompare(String(a.updated_at || "")));
    const openChat = () => ((S.state && S.state.chats) || []).find((c) => c.id === S.chatId) || null;
    const chatTitle = (c) => c.display_name || (c.handles || []).map(fmtHandle).join(", ") || "Conversation";
    function findDM(handle) {
      return chatsOnLine().find((c) => !c.is_group && (c.handles || []).length === 1 && c.handles[0] === handle) || null;
    }
    function draftService(handle) {
      const info = ((S.state && S.state.handles) || []).find((x) => x.handle === handle);
      if (!info || info.imessage) return "iMessage";
      return info.rcs ? "RCS" : "SMS";
    }
    function currentService() {
      const c = openChat();
      return c ? c.service : S.draft ? draftService(S.draft) : "iMessage";
    }
    function isMine(m) {
      if (m.direction !== "inbound") return false;
      const c = openChat();
      return m.sender ? m.sender === S.me : !(c && c.is_group);
    }
    function saveHash() {
      const p = new URLSearchParams();
      if (S.line) p.set("line", S.line);
      if (S.me) p.set("handle", S.me);
      if (S.chatId) p.set("chat", S.chatId);
      history.replaceState(null, "", "#" + p.toString());
    }

    // ---------- left column ----------
    function renderLines() {
      const select = $("#line-select");
      const key = JSON.stringify(lines().map((l) => [l.phone_number, l.status]));
      if (select.dataset.key !== key) {
        select.dataset.key = key;
        select.replaceChildren(...lines().map((l) => h("option", { value: l.phone_number },
          fmtHandle(l.phone_number) + (l.status === "FLAGGED" ? "  —  FLAGGED" : ""))));
        if (!lines().length) select.append(h("option", { value: "" }, "No lines"));
      }
      select.value = S.line || "";
      const flagged = (currentLine() || {}).status === "FLAGGED";
      $("#line-flag").hidden = !flagged;
      $("#flag-banner").hidden = !flagged || !(S.chatId || S.draft);
    }
    function renderChatList() {
      const list = $("#chat-list");
      const chats = chatsOnLine();
      if (!chats.length) {
        list.replaceChildren(h("li", { class: "empty-list" }, "No conversations on this line yet. Start one above."));
        return;
      }
      list.replaceChildren(...chats.map((c) => {
        const last = c.last_message;
        const unread = last && last.direction === "outbound" && last.status !== "read" && last.status !== "failed";
        const busy = c.line_typing;
        const avatar = h("span", { class: "avatar" + (c.is_group ? " group" : ""), "aria-hidden": "true" });
        avatar.innerHTML = PERSON_SVG;
        return h("li", {}, h("button", {
          class: "chat-item", type: "button", "data-chat-id": c.id, "aria-current": c.id === S.chatId ? "true" : "false",
          onclick: () => selectChat(c),
        }, avatar,
        h("span", { class: "name" }, chatTitle(c)),
        h("span", { class: "time" }, fmtListTime((last && last.created_at) || c.updated_at)),
        h("span", { class: "preview" }, unread ? [h("span", { class: "dot" }), h("span", { class: "sr-only" }, "Unread: ")] : null,
          busy ? "Typing…" : preview(last))));
      }));
    }

    // ---------- conversation ----------
    function renderHeader() {
      const c = openChat();
      const key = JSON.stringify([c && [c.id, c.handles, c.display_name, c.service], S.draft, S.me, S.line, currentService()]);
      if (renderHeader.key === key) return; // keep the "you are" picker alive between refreshes
      renderHeader.key = key;
      const title = $("#conv-title"), sub = $("#conv-sub"), avatar = $("#conv-avatar");
      avatar.className = "avatar" + (c && c.is_group ? " group" : "");
      avatar.innerHTML = PERSON_SVG;
      if (!c && !S.draft) { title.textContent = "No conversation"; sub.replaceChildren(); return; }
      title.textContent = c ? chatTitle(c) : fmtHandle(S.draft);
      const parts = [h("span", {}, serviceName(currentService()) + " · line " + fmtHandle(S.line))];
      if (c && c.is_group) {
        const pick = h("select", { id: "as-handle", "aria-label": "Person you are playing in this group",
          onchange: (e) => { stopTyping(); S.me = e.target.value; S.acked.clear(); saveHash(); renderAll(); maybeMarkRead(); } },
        c.handles.map((x) => h("option", { value: x }, fmtHandle(x))));
        pick.value = S.me;
        parts.push(h("label", { for: "as-handle" }, "· you are"), pick);
      } else {
        parts.push(h("span", {}, "· you are " + fmtHandle(S.me)));
      }
      sub.replaceChildren(...parts);
    }
    function mediaNode(p) {
      const url = p.url || p.value || "";
      const name = p.filename || fileName(url) || "Attachment";
      const isImage = String(p.mime_type || "").startsWith("image/") || IMAGE_URL.test(url);
      if (isImage && safeUrl(url)) {
        const img = h("img", { class: "media", src: safeUrl(url), alt: name });
        img.addEventListener("load", keepPinned);
        img.addEventListener("error", () => img.replaceWith(fileChip(name, url, p.mime_type)), { once: true });
        return img;
      }
      return fileChip(name, url, p.mime_type);
    }
    function fileChip(name, url, mime) {
      const href = safeUrl(url);
      return h(href ? "a" : "div", { class: "file-chip", href, target: href ? "_blank" : null, rel: href ? "noopener noreferrer" : null },
        h("span", { class: "icon", "aria-hidden": "true" }, "📄"),
        h("span", { class: "meta" }, h("strong", {}, name), h("small", {}, mime || "File")));
    }
    function linkCard(url) {
      let host = url;
      try { host = new URL(url).hostname.replace(/^www\./, ""); } catch (_) { /* keep raw */ }
      const href = safeUrl(url);
      return h(href ? "a" : "div", { class: "link-card", href, target: href ? "_blank" : null, rel: href ? "noopener noreferrer" : null },
        h("span", { class: "icon", "aria-hidden": "true" }, "🔗"),
        h("span", { class: "meta" }, h("strong", {}, host), h("small", {}, url)));
    }
    function linkify(text) {
      const out = [], re = /https?:\/\/[^\s<>"']+/g;
      let last = 0, m;
      while ((m = re.exec(text))) {
        if (m.index > last) out.push(text.slice(last, m.index));
        out.push(h("a", { href: m[0], target: "_blank", rel: "noopener noreferrer" }, m[0]));
        last = m.index + m[0].length;
      }
      if (last < text.length) out.push(text.slice(last));
      return out;
    }
    function buildRow(m, ctx) {
      const mine = isMine(m);
      const reactions = m.reactions || [];
      const row = h("div", { class: ["row", mine ? "me" : "them", ctx.sms ? "sms" : "", ctx.first ? "first" : "",
        reactions.length ? "has-tb" : ""].join(" ") });
      if (ctx.group && ctx.first && !mine) {
        row.append(h("div", { class: "sender" }, m.direction === "outbound" ? fmtHandle(m.sender || S.line) + " (line)" : fmtHandle(m.sender)));
      }
      if (replyId(m)) {
        const target = ctx.byId.get(replyId(m));
        row.append(h("div", { class: "reply-quote" }, target ? preview(target) : "Reply to an earlier message"));
      }
      const bubble = h("div", { class: "bubble" + (ctx.last ? " tail" : ""), "data-message-id": m.id, "data-direction": m.direction });
      if (m.kind === "contact_card") {
        bubble.classList.add("card");
        const who = m.direction === "outbound" ? fmtHandle(m.sender || S.line) : mine ? "You" : fmtHandle(m.sender);
        const avatar = h("span", { class: "avatar", "aria-hidden": "true" });
        avatar.innerHTML = PERSON_SVG;
        bubble.append(h("div", { class: "card-top" }, avatar, h("div", {},
          h("strong", {}, who + (mine ? " shared your contact" : " shared their contact")), h("small", {}, "Contact card"))),
        h("button", { class: "card-btn", type: "button", "aria-label": "Add contact (display only)", onclick: (e) => e.stopPropagation() }, "Add contact"));
      } else {
        const parts = m.parts || [];
        for (const p of parts) {
          if (p.type === "text") bubble.append(h("div", { class: "text" }, linkify(String(p.value || ""))));
          else if (p.type === "media") bubble.append(mediaNode(p));
          else if (p.type === "link") bubble.append(linkCard(String(p.value || p.url || "")));
        }
        if (parts.length && parts.every((p) => p.type !== "text")) bubble.classList.add("bare");
      }
      if (reactions.length) {
        bubble.append(h("div", { class: "tapbacks", role: "img", "aria-label": "Tapbacks: " + reactions.map((r) => r.type).join(", ") },
          reactions.map((r) => h("span", { class: "tb" + (r.handle === S.me ? " mine" : ""), title: fmtHandle(r.handle) + " · " + r.type }, emojiFor(r)))));
      }
      if (m.direction === "outbound") {
        bubble.tabIndex = 0;
        bubble.setAttribute("role", "button");
        bubble.setAttribute("aria-haspopup", "menu");
        bubble.setAttribute("aria-label", "Message from the line: " + preview(m) + ". Activate to react or reply.");
        attachPickerHandlers(bubble, m.id);
      }
      row.append(bubble);
      if (m.effect && (m.effect.name || m.effect.type)) row.append(h("div", { class: "effect" }, "Sent with " + titleCase(m.effect.name || m.effect.type)));
      if (mine && m.status === "failed") row.append(h("div", { class: "effect failed" }, "Not Delivered"));
      return row;
    }
    function receiptText(m) {
      return { delivered: "Delivered", read: "Read", failed: "Not Delivered", sent: "Sent" }[m.status] || "";
    }
    function renderMessages() {
      const box = $("#messages");
      const c = openChat();
      if (!c && !S.draft) {
        box.replaceChildren(h("div", { class: "empty" }, h("strong", {}, "Play the phone"),
          "Pick a conversation on the left, or type a phone number to message the line as that person."));
        return;
      }
      const group = !!(c && c.is_group);
      const service = currentService();
      const byId = new Map(S.messages.map((m) => [m.id, m]));
      const kids = [h("div", { class: "service-label" }, serviceName(service), h("br"),
        group ? "Group with " + c.handles.length + " people and the line" : "with " + fmtHandle(S.line))];
      const who = (m) => (m.direction === "outbound" ? "@line" : m.sender || "@me");
      const lastOut = [...S.messages].reverse().find((m) => m.direction === "outbound");
      const seen = new Set();
      S.messages.forEach((m, i) => {
        const prev = S.messages[i - 1], next = S.messages[i + 1];
        const stamp = !prev || minutesBetween(prev, m) > 30;
        if (stamp) { const s = fmtStamp(m.created_at); if (s) kids.push(h("div", { class: "stamp" }, s)); }
        const first = stamp || who(prev) !== who(m) || m.kind === "contact_card" || prev.kind === "contact_card";
        const last = !next || who(next) !== who(m) || minutesBetween(m, next) > 30 || next.kind === "contact_card";
        const sms = isSmsLike(m.service || service);
        const replyKey = byId.has(replyId(m)) ? preview(byId.get(replyId(m))) : null;
        const sig = JSON.stringify([m, first, last, sms, group, S.me, S.line, replyKey]);
        let cached = rowCache.get(m.id);
        if (!cached || cached.sig !== sig) {
          cached = { sig, node: buildRow(m, { first, last, sms, group, byId }) };
          rowCache.set(m.id, cached);
        }
        seen.add(m.id);
        kids.push(cached.node);
        if (m === lastOut) kids.push(h("div", { class: "receipt", "aria-label": "Status of the line's last message" }, receiptText(m)));
      });
      for (const id of rowCache.keys()) if (!seen.has(id)) rowCache.delete(id);
      if (S.lineTyping) {
        kids.push(h("div", { id: "typing-indicator", class: "row them typing-row", role: "status", "aria-label": "The line is typing" },
          h("div", { class: "typing-bubble", "aria-hidden": "true" }, h("span"), h("span"), h("span"))));
      }
      const others = (S.typing || []).filter((x) => x !== S.me);
      if (others.length) kids.push(h("div", { class: "typing-who" }, others.map(fmtHandle).join(", ") + (others.length > 1 ? " are" : " is") + " typing…"));
      box.replaceChildren(...kids);
      if (S.forceScroll || S.pinned) { box.scrollTop = box.scrollHeight; S.pinned = true; }
      S.forceScroll = false;
    }
    function keepPinned() { if (S.pinned) { const box = $("#messages"); box.scrollTop = box.scrollHeight; } }
    function renderComposer() {
      const active = !!(S.chatId || S.draft) && !!S.me;
      const composer = $("#composer");
      const sms = isSmsLike(currentService());
      composer.disabled = !active;
      composer.placeholder = active ? (sms ? serviceName(currentService()) : "iMessage") : "Pick a conversation first";
      $("#send").classList.toggle("sms", sms);
      $("#attach").disabled = !active;
      updateSendState();
      $("#reply-strip").hidden = !S.replyTo;
      if (S.replyTo) $("#reply-text").textContent = "Replying to: " + preview(S.replyTo);
    }
    function updateSendState() {
      const hasMedia = !$("#attach-strip").hidden && WEB_URL.test($("#media-url").value.trim());
      $("#send").disabled = $("#composer").disabled || S.sending || (!$("#composer").value.trim() && !hasMedia);
    }
    function renderAll() {
      renderLines();
      renderChatList();
      renderHeader();
      renderMessages();
      renderComposer();
      document.getElementById("app").classList.toggle("in-chat", !!(S.chatId || S.draft));
    }

    // ---------- data flow ----------
    let refreshing = null, refreshAgain = false, typingRecheck = null;
    function refresh() {
      if (refreshing) { refreshAgain = true; return refreshing; }
      refreshing = (async () => {
        do { refreshAgain = false; await refreshOnce(); } while (refreshAgain);
      })().finally(() => { refreshing = null; });
      return refreshing;
    }
    async function refreshOnce() {
      try {
        const st = await api("GET", "/sim/state");
        S.state = st;
        if (typeof st.version === "number" && st.version > S.version) S.version = st.version;
        if (!lines().some((l) => l.phone_number === S.line)) S.line = lines().length ? lines()[0].phone_number : null;
        if (S.draft) {
          const dm = findDM(S.draft);
          if (dm) { S.chatId = dm.id; S.draft = null; saveHash(); }
        }
        const open = openChat();
        if (open) { // keep line and person consistent with the open chat (deep links, group changes)
          S.line = open.line;
          if (!open.is_group || !open.handles.includes(S.me)) S.me = open.handles[0];
        }
        if (S.chatId) {
          const id = S.chatId;
          try {
            const r = await api("GET", "/sim/chats/" + encodeURIComponent(id) + "/messages");
            if (id === S.chatId) { S.messages = r.messages || []; S.lineTyping = !!r.line_typing; S.typing = r.typing || []; }
          } catch (e) {
            if (e.status !== 404) throw e;
            S.chatId = null; S.messages = []; saveHash();
          }
        } else {
          S.messages = []; S.lineTyping = false; S.typing = [];
        }
        renderAll();
        setConnected(true);
        // line_typing can lapse on a timer without a new version: look again while it shows.
        clearTimeout(typingRecheck);
        if (S.lineTyping || chatsOnLine().some((c) => c.line_typing)) typingRecheck = setTimeout(refresh, 5000);
        maybeMarkRead();
      } catch (e) {
        setConnected(false, e.message);
      }
    }
    function setConnected(ok, why) {
      const el = $("#conn");
      el.classList.toggle("down", !ok);
      el.textContent = ok ? "Live · simulator connected" : "Reconnecting…" + (why ? " (" + why + ")" : "");
    }
    async function pollLoop() {
      for (;;) {
        const started = Date.now();
        try {
          const r = await api("GET", "/sim/changes?after=" + encodeURIComponent(S.version));
          if (typeof r.version === "number" && r.version !== S.version) {
            S.version = r.version;
            await refresh();
          } else if (Date.now() - started < 300) {
            await sleep(1000); // the server answered at once without news: don't spin
          }
        } catch (e) {
          setConnected(false, e.message);
          await sleep(1000);
        }
      }
    }
    // The person "opens" the chat: new outbound messages become Read.
    async function maybeMarkRead() {
      const c = openChat();
      if (!c || !S.me || document.visibilityState !== "visible" || S.readBusy) return;
      if (!(c.handles || []).includes(S.me)) return;
      const fresh = S.messages.filter((m) => m.direction === "outbound" && !S.acked.has(S.me + " " + m.id));
      if (!fresh.length) return;
      if (fresh.every((m) => m.status === "read")) { fresh.forEach((m) => S.acked.add(S.me + " " + m.id)); return; }
      S.readBusy = true;
      try {
        await api("POST", handlePath(S.me) + "/read", { chat_id: c.id });
        fresh.forEach((m) => S.acked.add(S.me + " " + m.id));
      } catch (_) { /* try again on the next change */ } finally { S.readBusy = false; }
    }

    // ---------- selection ----------
    function resetConversationUI() {
      stopTyping();
      closePicker();
      S.replyTo = null; S.messages = []; S.lineTyping = false; S.typing = []; S.forceScroll = true;
      rowCache.clear();
    }
    function selectChat(c) {
      resetConversationUI();
      S.chatId = c.id; S.draft = null;
      if (!c.is_group) S.me = c.handles[0];
      else if (!c.handles.includes(S.me)) S.me = c.handles[0];
      saveHash(); renderAll(); refresh();
      $("#composer").focus();
    }
    function startAs(handle) {
      resetConversationUI();
      S.me = handle;
      const dm = findDM(handle);
      if (dm) { selectChat(dm); return; }
      S.chatId = null; S.draft = handle;
      saveHash(); renderAll();
      $("#composer").focus();
    }

    // ---------- person typing ----------
    let typingAt = 0, typingIdle = null, typingOn = null;
    function noteTyping() {
      if (!S.me || !(S.chatId || S.draft)) return;
      if (!$("#composer").value) { stopTyping(); return; }
      const now = Date.now();
      if (!typingOn || now - typingAt >= 3000) {
        typingAt = now;
        typingOn = { handle: S.me, target: S.chatId ? { chat_id: S.chatId } : { line: S.line } };
        api("POST", handlePath(typingOn.handle) + "/typing", Object.assign({}, typingOn.target, { typing: true })).catch(() => {});
      }
      clearTimeout(typingIdle);
      typingIdle = setTimeout(stopTyping, 4000);
    }
    function stopTyping() {
      clearTimeout(typingIdle); typingIdle = null;
      if (!typingOn) return;
      const t = typingOn;
      typingOn = null; typingAt = 0;
      api("POST", handlePath(t.handle) + "/typing", Object.assign({}, t.target, { typing: false })).catch(() => {});
    }

    // ---------- sending ----------
    async function send() {
      const composer = $("#composer");
      const text = composer.value.replace(/\s+$/, "");
      const mediaOpen = !$("#attach-strip").hidden;
      const media = mediaOpen ? $("#media-url").value.trim() : "";
      if (S.sending || !S.me || !S.line || !(S.chatId || S.draft)) return;
      if (media && !WEB_URL.test(media)) { toast("The media URL must start with http:// or https://"); return; }
      if (!text.trim() && !media) return;
      const body = { line: S.line };
      if (text.trim()) body.text = text;
      if (media) body.media_url = media;
      if (S.replyTo) body.reply_to = S.replyTo.id;
      const c = openChat();
      if (c && c.is_group) body.chat_id = c.id;
      stopTyping();
      S.sending = true; updateSendState();
      try {
        const r = await api("POST", handlePath(S.me) + "/messages", body);
        composer.value = ""; autosize();
        $("#media-url").value = ""; toggleAttach(false);
        S.replyTo = null;
        if (r.chat_id && r.chat_id !== S.chatId) { S.chatId = r.chat_id; S.draft = null; saveHash(); }
        S.forceScroll = true;
      } catch (e) {
        toast(e.message);
      } finally {
        S.sending = false;
        await refresh();
        composer.focus();
      }
    }
    function autosize() {
      const t = $("#composer");
      t.style.height = "auto";
      t.style.height = Math.min(t.scrollHeight, 140) + "px";
    }
    function toggleAttach(open) {
      $("#attach-strip").hidden = !open;
      $("#attach").setAttribute("aria-pressed", String(open));
      if (open) $("#media-url").focus();
      updateSendState();
    }

    // ---------- tapbacks ----------
    let pickerFor = null, pickerOpenedAt = 0;
    function attachPickerHandlers(bubble, id) {
      let pressTimer = null;
      const open = () => { const m = S.messages.find((x) => x.id === id); if (m) openPicker(bubble, m); };
      bubble.addEventListener("click", (e) => { if (!e.target.closest("a, button")) open(); });
      bubble.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
      bubble.addEventListener("contextmenu", (e) => { e.preventDefault(); open(); });
      bubble.addEventListener("pointerdown", () => { pressTimer = setTimeout(open, 450); });
      for (const ev of ["pointerup", "pointerleave", "pointercancel"]) bubble.addEventListener(ev, () => clearTimeout(pressTimer));
    }
    function openPicker(bubble, m) {
      const picker = $("#tapback-picker");
      if (pickerFor === m.id && !picker.hidden) return;
      pickerFor = m.id; pickerOpenedAt = Date.now();
      const mineOf = (type) => (m.reactions || []).some((r) => r.handle === S.me && r.type === type);
      picker.replaceChildren(
        ...TAPBACKS.map(([type, emoji, label]) => h("button", { type: "button", role: "menuitemcheckbox", "aria-label": label,
          "aria-checked": String(mineOf(type)), "aria-pressed": String(mineOf(type)), onclick: () => react(m, type) }, emoji)),
        h("button", { type: "button", role: "menuitem", "aria-label": "React with another emoji", onclick: () => {
          const emoji = (prompt("React with which emoji?", "🔥") || "").trim();
          if (emoji) react(m, "custom", emoji); else closePicker();
        } }, "+"),
        h("button", { type: "button", role: "menuitem", class: "word", onclick: () => { S.replyTo = m; closePicker(); renderComposer(); $("#composer").focus(); } }, "Reply"));
      picker.hidden = false;
      const r = bubble.getBoundingClientRect();
      const w = picker.offsetWidth, ph = picker.offsetHeight;
      picker.style.left = Math.max(8, Math.min(r.left, innerWidth - w - 8)) + "px";
      picker.style.top = (r.top - ph - 10 >= 8 ? r.top - ph - 10 : Math.min(r.bottom + 10, innerHeight - ph - 8)) + "px";
      picker.querySelector("button").focus({ preventScroll: true });
    }
    function closePicker() { $("#tapback-picker").hidden = true; pickerFor = null; }
    async function react(m, type, emoji) {
      closePicker();
      const existing = (m.reactions || []).find((r) => r.handle === S.me && r.type === type && (type !== "custom" || r.custom_emoji === emoji));
      const body = { message_id: m.id, type };
      if (type === "custom") body.custom_emoji = emoji;
      if (existing) body.operation = "remove";
      try { await api("POST", handlePath(S.me) + "/reactions", body); } catch (e) { toast(e.message); }
      refresh();
    }

    // ---------- wiring ----------
    function bind() {
      $("#line-select").addEventListener("change", (e) => {
        resetConversationUI();
        S.line = e.target.value; S.chatId = null; S.draft = null;
        saveHash(); renderAll();
      });
      $("#new-form").addEventListener("submit", (e) => {
        e.preventDefault();
        const input = $("#new-handle"), hint = $("#new-hint");
        const value = input.value.replace(/[\s().-]/g, "");
        if (!E164.test(value)) {
          input.setAttribute("aria-invalid", "true");
          hint.textContent = "Use E.164: a + then 7 to 15 digits, e.g. +15555550123.";
          hint.classList.add("error");
          return;
        }
        if (!S.line) { toast("There is no line to talk to yet."); return; }
        input.removeAttribute("aria-invalid"); hint.classList.remove("error");
        hint.textContent = "Type any number in E.164 to play that person.";
        input.value = "";
        startAs(value);
      });
      $("#new-handle").addEventListener("input", () => {
        if ($("#new-handle").getAttribute("aria-invalid") !== "true") return;
        $("#new-handle").removeAttribute("aria-invalid"); $("#new-hint").classList.remove("error");
        $("#new-hint").textContent = "Type any number in E.164 to play that person.";
      });
      $("#new-group").addEventListener("click", () => {
        const form = $("#group-form"), open = form.hidden;
        form.hidden = !open;
        $("#new-group").setAttribute("aria-expanded", String(open));
        if (open) { if (!$("#group-handles").value && S.me) $("#group-handles").value = S.me + ", "; $("#group-handles").focus(); }
      });
      $("#group-cancel").addEventListener("click", () => { $("#group-form").hidden = true; $("#new-group").setAttribute("aria-expanded", "false"); });
      $("#group-form").addEventListener("submit", async (e) => {
        e.preventDefault();
        const hint = $("#group-hint");
        const handles = [...new Set($("#group-handles").value.split(/[\s,;]+/).filter(Boolean))];
        const bad = handles.filter((x) => !E164.test(x));
        hint.classList.add("error");
        if (bad.length) { hint.textContent = "Not E.164: " + bad.join(", "); return; }
        if (handles.length < 2) { hint.textContent = "A group needs at least two people."; return; }
        if (!S.line) { hint.textContent = "There is no line yet."; return; }
        const body = { line: S.line, handles };
        const name = $("#group-name").value.trim();
        if (name) body.display_name = name;
        try {
          const r = await api("POST", "/sim/groups", body);
          hint.textContent = ""; hint.classList.remove("error");
          $("#group-handles").value = ""; $("#group-name").value = "";
          $("#group-form").hidden = true; $("#new-group").setAttribute("aria-expanded", "false");
          resetConversationUI();
          S.me = handles[0]; S.chatId = r.chat_id; S.draft = null;
          saveHash(); await refresh();
          $("#composer").focus();
        } catch (err) { hint.textContent = err.message; }
      });
      const composer = $("#composer");
      composer.addEventListener("input", () => { autosize(); updateSendState(); noteTyping(); });
      composer.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
      });
      $("#send").addEventListener("click", send);
      $("#attach").addEventListener("click", () => toggleAttach($("#attach-strip").hidden));
      $("#media-cancel").addEventListener("click", () => { $("#media-url").value = ""; toggleAttach(false); composer.focus(); });
      $("#media-url").addEventListener("input", updateSendState);
      $("#media-url").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); send(); } });
      $("#reply-cancel").addEventListener("click", () => { S.replyTo = null; renderComposer(); composer.focus(); });
      $("#back").addEventListener("click", () => { resetConversationUI(); S.chatId = null; S.draft = null; saveHash(); renderAll(); });
      $("#messages").addEventListener("scroll", (e) => {
        const box = e.target;
        S.pinned = box.scrollHeight - box.scrollTop - box.clientHeight < 48;
        if (Date.now() - pickerOpenedAt > 400) closePicker(); // ignore the scroll that brought the bubble into view
      });
      document.addEventListener("pointerdown", (e) => {
        if (!$("#tapback-picker").hidden && !e.target.closest("#tapback-picker, .bubble")) closePicker();
      });
      document.addEventListener("keydown", (e) => { if (e.key === "Escape") closePicker(); });
      document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") maybeMarkRead(); });
      window.addEventListener("resize", closePicker);
    }
    async function start() {
      const p = new URLSearchParams(location.hash.slice(1));
      S.line = p.get("line"); S.me = p.get("handle"); S.chatId = p.get("chat");
      if (!S.chatId && S.me && E164.test(S.me)) S.draft = S.me;
      bind();
      renderAll();
      await refresh();
      saveHash();
      pollLoop();
    }
    start();
    })();
    </script>
    </body>
    </html>

    """#
}
