// Generated from console.html (the editable source beside this file); do not edit by hand.
// Regenerate from the package root with: python3 Tests/Browser/make_console_page.py

extension ConsolePage {
    /// The page's markup, with a place for the style and one for the scripts.
    static let markup = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>Console · LinqBot</title>
        <style>
        /*console.css*/
        </style>
        </head>
        <body>
        <form id="gate" class="gate" hidden>
          <h1>LinqBot console</h1>
          <label class="label" for="token">Admin token</label>
          <input id="token" class="field" type="password" autocomplete="off" spellcheck="false" required
                 placeholder="the bot's LINQBOT_ADMIN_TOKEN">
          <p id="gate-hint" class="hint">Kept in this tab only (sessionStorage) and sent as a bearer header.</p>
          <button class="btn" type="submit">Open</button>
        </form>

        <div id="app" class="app" hidden>
          <aside class="side">
            <div class="side-head">
              <div class="side-tools">
                <h1>Console</h1>
                <button id="sign-out" class="btn quiet" type="button">Sign out</button>
              </div>
              <nav class="tabs" role="tablist" aria-label="Views">
                <button role="tab" class="tab" data-tab="chats" aria-selected="true">Chats</button>
                <button role="tab" class="tab" data-tab="dead">Dead letters <span id="dead-count" class="count"></span></button>
                <button role="tab" class="tab" data-tab="optouts">Opt-outs</button>
                <button role="tab" class="tab" data-tab="backlog">Backlog <span id="backlog-count" class="count"></span></button>
              </nav>
            </div>
            <ul id="chat-list" class="list" aria-label="Chats"></ul>
            <button id="more-chats" class="btn quiet more" type="button" hidden>More chats</button>
            <div id="status" class="conn">Connecting…</div>
          </aside>

          <main class="main">
            <section id="view-chats" class="view" aria-label="Chat">
              <div id="chat-empty" class="empty">Choose a chat on the left.</div>
              <div id="chat-view" hidden>
                <header class="conv-head">
                  <div class="titles">
                    <h2 id="chat-title"></h2>
                    <div id="chat-sub" class="sub"></div>
                  </div>
                  <div class="actions">
                    <button id="hand-off" class="btn" type="button">Hand off</button>
                    <button id="hand-back" class="btn" type="button">Hand back</button>
                    <button id="end-flow" class="btn danger" type="button">End flow</button>
                  </div>
                </header>
                <p id="chat-note" class="hint" role="status"></p>
                <div id="timers" class="timers"></div>
                <ol id="messages" class="messages" aria-label="Conversation"></ol>
              </div>
            </section>

            <section id="view-dead" class="view" aria-label="Dead letters" hidden>
              <h2>Dead letters</h2>
              <p class="hint">Events the bot gave up on. Replay puts one back into its chat's queue with its event id, so replies already sent are not sent again.</p>
              <p id="dead-note" class="hint" role="status"></p>
              <table class="grid">
                <thead><tr><th>Failed</th><th>Chat</th><th>Event</th><th>Attempts</th><th>Reason</th><th></th></tr></thead>
                <tbody id="dead-rows"></tbody>
              </table>
            </section>

            <section id="view-optouts" class="view" aria-label="Opt-outs" hidden>
              <h2>Opt-outs</h2>
              <p class="hint">People who asked not to be written to. Nothing reaches them until they write START.</p>
              <table class="grid">
                <thead><tr><th>Handle</th><th>Opted out</th></tr></thead>
                <tbody id="optout-rows"></tbody>
              </table>
            </section>

            <section id="view-backlog" class="view" aria-label="Backlog" hidden>
              <h2>Inbox backlog</h2>
              <p id="backlog-total" class="hint"></p>
              <div id="charts" class="charts" aria-label="The last hour, minute by minute"></div>
              <table class="grid">
                <thead><tr><th>Chat</th><th>Events</th><th>Waiting since</th><th>State</th></tr></thead>
                <tbody id="backlog-rows"></tbody>
              </table>
            </section>
          </main>
        </div>
        <script>
        //console.js
        </script>
        </body>
        </html>

        """#
}
