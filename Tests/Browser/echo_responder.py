#!/usr/bin/env python3
"""Plays the bot for the chat page test until the LinqBot runtime can: a webhook receiver that
answers every inbound message with "You said: …" through the official linq-python SDK.

Usage: echo_responder.py ORIGIN API_KEY SECONDS    (e.g. http://127.0.0.1:7717 ci_sim_key 120)

It subscribes to message.received with a target on 127.0.0.1, verifies each delivery with the
SDK's webhooks.unwrap, shows the typing indicator, replies, and exits after SECONDS.
Prints "ready" once subscribed.
"""
from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import linq

origin, api_key, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
client = linq.LinqAPIV3(api_key=api_key, base_url=origin + "/api/partner")
secret_box: dict[str, str] = {}
answered: set[str] = set()
lock = threading.Lock()


def answer(body: bytes, headers: dict[str, str]) -> None:
    client.webhooks.unwrap(body.decode("utf-8"), headers=headers, key=secret_box["secret"])
    event = json.loads(body)
    data = event.get("data", {})
    if event.get("event_type") != "message.received" or data.get("direction") != "inbound":
        return
    with lock:
        if data["id"] in answered:
            return
        answered.add(data["id"])
    chat_id = data["chat"]["id"]
    text = " ".join(part.get("value", "") for part in data.get("parts", []) if part.get("type") == "text") or "(media)"
    client.chats.typing.start(chat_id)
    client.chats.messages.send(chat_id, message={"parts": [{"type": "text", "value": f"You said: {text}"}]})


class Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            answer(body, {name.lower(): value for name, value in self.headers.items()})
            self.send_response(200)
        except Exception as error:  # a bad delivery is refused; Linq (the simulator) retries 5xx only
            print(f"refused delivery: {error}", flush=True)
            self.send_response(400)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
port = server.server_address[1]
subscription = client.webhook_subscriptions.create(
    target_url=f"http://127.0.0.1:{port}/hook?version=2026-02-03", subscribed_events=["message.received"]
)
secret_box["secret"] = subscription.signing_secret
threading.Thread(target=server.serve_forever, daemon=True).start()
print("ready", flush=True)
time.sleep(seconds)
server.shutdown()
client.webhook_subscriptions.delete(subscription.id)
