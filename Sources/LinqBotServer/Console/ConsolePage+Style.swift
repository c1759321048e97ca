// Generated from console.css (the editable source beside this file); do not edit by hand.
// Regenerate from the package root with: python3 Tests/Browser/make_console_page.py

extension ConsolePage {
    /// The page's style sheet.
    static let style = #"""
        :root {
          --bg: #ffffff; --side: #f4f4f6; --rule: #dcdce1; --ink: #1d1d1f; --muted: #62626a;
          --blue: #0b6ef5; --green: #217f39; --grey: #e9e9eb; --grey-ink: #111; --hover: #e6e6ea;
          --danger: #c4271d; --card: #ffffff; --amber: #a15c00;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #111113; --side: #1c1c1f; --rule: #333338; --ink: #f2f2f5; --muted: #a3a3ab;
            --grey: #2e2e32; --grey-ink: #f2f2f5; --hover: #2a2a2e; --card: #232327; --danger: #ff6b60; --amber: #f0a341; }
        }
        * { box-sizing: border-box; }
        html, body { height: 100%; }
        body { margin: 0; background: var(--bg); color: var(--ink); overflow: hidden;
          font: 15px/1.35 -apple-system, BlinkMacSystemFont, "SF Pro Text", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        button, input { font: inherit; color: inherit; }
        button { cursor: pointer; }
        :focus-visible { outline: 2px solid var(--blue); outline-offset: 2px; }
        [hidden] { display: none !important; }
        h2 { margin: 0 0 6px; font-size: 18px; }

        .gate { max-width: 380px; margin: 14vh auto; display: grid; gap: 10px; padding: 24px; border: 1px solid var(--rule);
          border-radius: 16px; background: var(--side); }
        .gate h1 { margin: 0 0 6px; font-size: 22px; }
        .label { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .field { width: 100%; border: 1px solid var(--rule); border-radius: 10px; padding: 8px 10px; background: var(--bg); }
        .btn { border: 0; border-radius: 10px; padding: 7px 13px; background: var(--blue); color: #fff; font-weight: 600; }
        .btn:disabled { opacity: .45; cursor: default; }
        .btn.quiet { background: transparent; color: var(--blue); padding: 4px 6px; }
        .btn.danger { background: var(--danger); }
        .btn.small { padding: 3px 9px; font-size: 13px; }
        .hint { margin: 0; font-size: 13px; color: var(--muted); min-height: 1em; }
        .hint.error { color: var(--danger); }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px; }
        .chart { margin: 0; padding: 8px 10px; border: 1px solid var(--rule); border-radius: 8px; background: var(--card); }
        .chart figcaption { font-size: 13px; margin-bottom: 4px; }
        .chart svg { width: 100%; height: 48px; display: block; }
        .chart polyline { fill: none; stroke: var(--blue); stroke-width: 1.5; }

        .app { display: grid; grid-template-columns: 340px minmax(0, 1fr); height: 100vh; height: 100dvh; }
        .side { background: var(--side); border-right: 1px solid var(--rule); display: flex; flex-direction: column; min-height: 0; }
        .side-head { padding: 14px 14px 8px; display: grid; gap: 10px; }
        .side-head h1 { margin: 0; font-size: 22px; }
        .side-tools { display: flex; justify-content: space-between; align-items: center; }
        .tabs { display: flex; flex-wrap: wrap; gap: 4px; }
        .tab { border: 1px solid var(--rule); background: var(--bg); border-radius: 999px; padding: 4px 10px; font-size: 13px; }
        .tab[aria-selected="true"] { background: var(--blue); border-color: var(--blue); color: #fff; }
        .count:not(:empty) { display: inline-block; min-width: 18px; padding: 0 5px; border-radius: 999px; background: var(--danger);
          color: #fff; font-size: 11px; font-weight: 700; text-align: center; }
        .list { list-style: none; margin: 0; padding: 2px 8px 8px; overflow-y: auto; flex: 1; min-height: 0; }
        .item { width: 100%; display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 8px; text-align: left; border: 0;
          background: transparent; padding: 9px 10px; border-radius: 12px; }
        .item:hover { background: var(--hover); }
        .item[aria-current="true"] { background: var(--blue); color: #fff; }
        .item[aria-current="true"] .muted { color: rgba(255,255,255,.85); }
        .item .name { font-weight: 600; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-family: ui-monospace, monospace; font-size: 13px; }
        .muted { color: var(--muted); font-size: 12.5px; }
        .pill { display: inline-block; font-size: 11px; font-weight: 700; padding: 1px 7px; border-radius: 999px; background: var(--amber); color: #fff; }
        .more { margin: 0 14px 8px; }
        .empty { color: var(--muted); padding: 40px; text-align: center; }
        .conn { font-size: 12px; color: var(--muted); padding: 8px 16px; border-top: 1px solid var(--rule); }
        .conn::before { content: ""; display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: #2fb84f; margin-right: 6px; }
        .conn.down::before { background: var(--danger); }

        .main { min-width: 0; min-height: 0; overflow-y: auto; }
        .view { padding: 16px 20px; display: grid; gap: 10px; align-content: start; }
        #view-chats { padding: 0; }
        #chat-view { display: flex; flex-direction: column; min-height: 100vh; }
        .conv-head { display: flex; align-items: center; gap: 10px; padding: 10px 16px; border-bottom: 1px solid var(--rule);
          position: sticky; top: 0; background: var(--bg); }
        .conv-head .titles { min-width: 0; flex: 1; }
        .conv-head h2 { margin: 0; font-size: 15px; font-family: ui-monospace, monospace; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .sub { font-size: 12.5px; color: var(--muted); display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
        .actions { display: flex; gap: 6px; flex-wrap: wrap; }
        #chat-note, .timers { padding: 0 16px; }
        .timers { font-size: 12.5px; color: var(--muted); }
        .messages { list-style: none; margin: 0; padding: 12px 16px 24px; display: flex; flex-direction: column; gap: 4px; }
        .bubble { max-width: 70%; padding: 7px 12px; border-radius: 18px; background: var(--grey); color: var(--grey-ink);
          align-self: flex-start; white-space: pre-wrap; overflow-wrap: anywhere; }
        .bubble.mine { align-self: flex-end; background: var(--blue); color: #fff; }
        .stamp { font-size: 11px; color: var(--muted); align-self: center; margin-top: 6px; }

        .grid { width: 100%; border-collapse: collapse; font-size: 13.5px; }
        .grid th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--rule); padding: 6px 8px; }
        .grid td { border-bottom: 1px solid var(--rule); padding: 7px 8px; vertical-align: top; overflow-wrap: anywhere; }
        .grid td.mono { font-family: ui-monospace, monospace; font-size: 12.5px; }
        .grid td.buttons { white-space: nowrap; text-align: right; }
        .grid td.buttons .btn { margin-left: 4px; }

        @media (max-width: 760px) {
          .app { grid-template-columns: 1fr; grid-template-rows: 45vh 1fr; }
          .side { border-right: 0; border-bottom: 1px solid var(--rule); }
        }

        """#
}
