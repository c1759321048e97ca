#!/usr/bin/env python3
"""Drive the official linq-python SDK against a running LinqSimulator.

Usage: linq_python_conformance.py ORIGIN API_KEY     (e.g. http://127.0.0.1:7700 sim_local_key)

Needs `pip install "linq-python[webhooks]"` (unwrap uses `standardwebhooks`).
Every SDK call goes through the SDK unchanged; a step fails when the simulator answers in a way
the SDK (or its response models, checked strictly) does not expect. Each failure line carries the
last HTTP exchange of that step. Ends with `N passed, M failed`; exits 1 if anything failed.
"""
from __future__ import annotations

import json
import random
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import linq
from linq.types import MessageReceivedWebhookEvent


# ---------------------------------------------------------------- harness

class Recorder:
    """httpx event hooks that remember the HTTP exchanges of the current step."""

    def __init__(self) -> None:
        self.exchanges: list[dict] = []

    def on_request(self, request: httpx.Request) -> None:
        body = request.content.decode("utf-8", "replace") if request.content else ""
        self.exchanges.append({"method": request.method, "url": str(request.url), "body": body})

    def on_response(self, response: httpx.Response) -> None:
        response.read()
        if self.exchanges:
            self.exchanges[-1].update(status=response.status_code, answer=response.text)

    def last_json(self):
        return json.loads(self.exchanges[-1]["answer"])

    def describe(self) -> str:
        if not self.exchanges:
            return "no HTTP request"
        x = self.exchanges[-1]
        answer = " ".join(x.get("answer", "").split())[:400]
        return f"{x['method']} {x['url']} body={x['body'] or '-'} -> {x.get('status')} {answer}"


class Check(Exception):
    """A step's expectation did not hold."""


def expect(condition, message: str) -> None:
    if not condition:
        raise Check(message)


def strict(model_cls, value) -> None:
    """Validate raw JSON against the SDK's response model (the SDK itself only `construct`s)."""
    try:
        model_cls.model_validate(value)
    except Exception as exc:  # pydantic.ValidationError
        raise Check(f"response does not match {model_cls.__name__}: " + " | ".join(str(exc).splitlines()[:6]))


class Runner:
    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.passed = 0
        self.failures: list[str] = []

    def step(self, name: str, fn, *args):
        self.recorder.exchanges.clear()
        try:
            result = fn(*args)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            self.failures.append(f"FAIL {name}: {reason} [{self.recorder.describe()}]")
            print(self.failures[-1], flush=True)
            return None
        self.passed += 1
        return result if result is not None else True

    def sdk(self, method, *args, **kwargs):
        """Call an SDK method; hold the raw answer to the SDK's own response model, strictly."""
        result = method(*args, **kwargs)
        if isinstance(result, linq.BaseModel):
            strict(type(result), self.recorder.last_json())
        return result


_handles = iter(range(random.randrange(2_000_000, 9_000_000), 10_000_000))


def fresh_handle() -> str:
    """A phone number no earlier run is likely to have used (opt-outs and blocks persist)."""
    return f"+1202{next(_handles)}"


def say(text: str) -> dict:
    """Message content with one text part."""
    return {"parts": [{"type": "text", "value": text}]}


def text_of(parts) -> str:
    return "".join(getattr(p, "value", "") or "" for p in (parts or []) if getattr(p, "type", "") == "text")


def person_says(ctx: dict, handle: str, text: str) -> dict:
    """The person texts our line, through the simulator's control API."""
    url = f"{ctx['origin']}/sim/handles/{urllib.parse.quote(handle)}/messages"
    req = urllib.request.Request(url, data=json.dumps({"line": ctx["line"], "text": text}).encode(),
                                 method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read() or b"{}")


# ---------------------------------------------------------------- REST areas

def check_account(run: Runner, client: linq.LinqAPIV3, ctx: dict) -> None:
    def phone_numbers():
        resp = run.sdk(client.phone_numbers.list)
        expect(resp.phone_numbers, "no phone numbers")
        ctx["line"] = resp.phone_numbers[0].phone_number

    def webhook_events():
        resp = run.sdk(client.webhook_events.list)
        expect("message.received" in resp.events, f"message.received not listed: {resp.events}")

    if not run.step("phone_numbers.list", phone_numbers):
        ctx["line"] = "+15555550100"
    run.step("webhook_events.list", webhook_events)


def check_chats_and_messages(run: Runner, client: linq.LinqAPIV3, ctx: dict) -> None:
    line, person = ctx["line"], fresh_handle()
    ctx["person"] = person

    def create():
        resp = run.sdk(client.chats.create, from_=line, to=[person],
                       message=say("Hello from the SDK"))
        expect(resp.chat.id and not resp.chat.is_group, "no chat id / DM flagged as group")
        expect(person in [h.handle for h in resp.chat.handles], f"{person} not among chat handles")
        expect(text_of(resp.chat.message.parts) == "Hello from the SDK", "first message text differs")
        ctx["chat_id"] = resp.chat.id

    if not run.step("chats.create (DM)", create):
        return
    chat_id = ctx["chat_id"]

    def send():
        resp = run.sdk(client.chats.messages.send, chat_id, message=say("second"))
        expect(resp.chat_id == chat_id, f"chat_id {resp.chat_id} != {chat_id}")
        ctx["message_id"] = resp.message.id

    def retrieve_chat():
        chat = run.sdk(client.chats.retrieve, chat_id)
        expect(chat.id == chat_id, "wrong chat returned")

    def list_messages():
        page = run.sdk(client.chats.messages.list, chat_id)
        texts = [text_of(m.parts) for m in page.messages]
        expect("second" in texts, f"sent message not listed: {texts}")

    run.step("chats.messages.send", send)
    run.step("chats.retrieve", retrieve_chat)
    run.step("chats.messages.list", list_messages)
    message_id = ctx.get("message_id")
    if message_id:
        def retrieve_message():
            msg = run.sdk(client.messages.retrieve, message_id)
            expect(msg.id == message_id and msg.is_from_me, "wrong message or not from me")
            expect(text_of(msg.parts) == "second", f"text is {text_of(msg.parts)!r}")

        def edit():
            msg = run.sdk(client.messages.update, message_id, text="second, edited")
            expect(text_of(msg.parts) == "second, edited", f"text after edit is {text_of(msg.parts)!r}")

        def react():
            run.sdk(client.messages.add_reaction, message_id, operation="add", type="love")

        run.step("messages.retrieve", retrieve_message)
        run.step("messages.update (edit)", edit)
        run.step("messages.add_reaction", react)

    run.step("chats.typing.start", lambda: client.chats.typing.start(chat_id))
    run.step("chats.typing.stop", lambda: client.chats.typing.stop(chat_id))
    run.step("chats.mark_as_read", lambda: client.chats.mark_as_read(chat_id))
    run.step("chats.share_contact_card", lambda: client.chats.share_contact_card(chat_id))


def check_pagination(run: Runner, client: linq.LinqAPIV3, ctx: dict) -> None:
    mine = {ctx["chat_id"]} if ctx.get("chat_id") else set()

    def create_more():
        while len(mine) < 3:
            resp = run.sdk(client.chats.create, from_=ctx["line"], to=[fresh_handle()],
                           message=say("page me"))
            mine.add(resp.chat.id)

    def walk():
        first = run.sdk(client.chats.list_chats, limit=1)
        pages, seen = 0, []
        for page in first.iter_pages():
            pages += 1
            expect(len(page.chats) <= 1, f"limit=1 page has {len(page.chats)} chats")
            strict(type(page), run.recorder.last_json())
            seen += [c.id for c in page.chats]
            expect(pages < 5000, "pagination does not end")
        expect(len(seen) == len(set(seen)), "a chat appeared on two pages")
        expect(mine <= set(seen), f"missing chats after {pages} pages: {mine - set(seen)}")
        expect(pages >= 3, f"only {pages} pages for >= 3 chats")

    if run.step("chats.create x3 for pagination", create_more):
        run.step("chats.list_chats limit=1 + next_cursor", walk)


def check_capability_and_attachments(run: Runner, client: linq.LinqAPIV3, ctx: dict) -> None:
    address = ctx.get("person") or fresh_handle()

    def imessage():
        resp = run.sdk(client.capability.check_i_message, address=address, from_=ctx["line"])
        expect(resp.available is True, f"unknown handle should be an iMessage user, got {resp}")

    def rcs():
        resp = run.sdk(client.capability.check_RCS, address=address, from_=ctx["line"])
        expect(resp.address, "no address in answer")

    def attachment():
        created = run.sdk(client.attachments.create, content_type="image/png", filename="pixel.png", size_bytes=68)
        expect(created.http_method == "PUT" and created.upload_url, "no PUT upload url")
        got = run.sdk(client.attachments.retrieve, created.attachment_id)
        expect(got.id == created.attachment_id and got.filename == "pixel.png", f"retrieved {got}")

    run.step("capability.check_i_message", imessage)
    run.step("capability.check_RCS", rcs)
    run.step("attachments.create + retrieve", attachment)


def check_blocked_handles(run: Runner, client: linq.LinqAPIV3, ctx: dict) -> None:
    handle = fresh_handle()

    def block():
        resp = run.sdk(client.blocked_handles.block, handle=handle, reason="conformance")
        expect(resp.blocked_handle.handle == handle, f"blocked {resp.blocked_handle.handle}")

    def listed(should_be: bool):
        resp = run.sdk(client.blocked_handles.list)
        present = handle in [b.handle for b in resp.blocked_handles]
        expect(present == should_be, f"{handle} listed={present}, expected {should_be}")

    run.step("blocked_handles.block", block)
    run.step("blocked_handles.list (blocked)", listed, True)
    run.step("blocked_handles.unblock", lambda: client.blocked_handles.unblock(handle=handle))
    run.step("blocked_handles.list (unblocked)", listed, False)


def check_subscription_crud(run: Runner, client: linq.LinqAPIV3) -> None:
    ctx: dict = {}

    def create():
        sub = run.sdk(client.webhook_subscriptions.create, target_url="https://example.invalid/crud",
                      subscribed_events=["message.sent"])
        expect(sub.signing_secret.startswith("whsec_"), "secret lacks whsec_ prefix")
        ctx["id"] = sub.id

    if not run.step("webhook_subscriptions.create", create):
        return
    sid = ctx["id"]

    def listed():
        resp = run.sdk(client.webhook_subscriptions.list)
        expect(sid in [s.id for s in resp.subscriptions], "new subscription not listed")

    def retrieve():
        sub = run.sdk(client.webhook_subscriptions.retrieve, sid)
        expect(sub.id == sid and sub.target_url == "https://example.invalid/crud", f"got {sub}")

    def update():
        sub = run.sdk(client.webhook_subscriptions.update, sid, is_active=False,
                      subscribed_events=["message.sent", "message.delivered"])
        expect(sub.is_active is False and "message.delivered" in sub.subscribed_events, f"got {sub}")

    def delete():
        client.webhook_subscriptions.delete(sid)
        try:
            client.webhook_subscriptions.retrieve(sid)
        except linq.NotFoundError:
            return
        raise Check("subscription still retrievable after delete")

    run.step("webhook_subscriptions.list", listed)
    run.step("webhook_subscriptions.retrieve", retrieve)
    run.step("webhook_subscriptions.update", update)
    run.step("webhook_subscriptions.delete", delete)


def check_errors(run: Runner, client: linq.LinqAPIV3, ctx: dict) -> None:
    def opted_out():
        person = fresh_handle()
        chat = client.chats.create(from_=ctx["line"], to=[person], message=say("hi there")).chat
        person_says(ctx, person, "STOP")
        try:
            client.chats.messages.send(chat.id, message=say("still there?"))
        except linq.PermissionDeniedError as exc:
            code = exc.body.get("code") if isinstance(exc.body, dict) else None
            expect(code == 2024, f"403 with code {code!r}, expected 2024")
            return
        raise Check("send to an opted-out handle succeeded")

    def bad_key():
        bad = client.with_options(api_key="definitely-wrong", max_retries=0)
        try:
            bad.phone_numbers.list()
        except linq.AuthenticationError as exc:
            code = exc.body.get("code") if isinstance(exc.body, dict) else None
            expect(code == 2004, f"401 with code {code!r}, expected 2004")
            return
        raise Check("bad API key was accepted")

    run.step("error: send to opted-out handle -> PermissionDeniedError 2024", opted_out)
    run.step("error: bad API key -> AuthenticationError", bad_key)


# ---------------------------------------------------------------- webhooks

class Receiver:
    """A tiny webhook endpoint that records every POST and answers 200."""

    def __init__(self) -> None:
        deliveries = self.deliveries = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                deliveries.append({"path": self.path, "headers": dict(self.headers.items()),
                                   "body": body.decode("utf-8")})
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, version: str, text: str, timeout: float = 15.0) -> dict:
        deadline = time.time() + timeout
        while time.time() < deadline:
            for d in list(self.deliveries):
                if f"version={version}" in d["path"] and text in d["body"] and "message.received" in d["body"]:
                    return d
            time.sleep(0.2)
        raise Check(f"no message.received delivery for version {version} within {timeout:.0f}s "
                    f"({len(self.deliveries)} deliveries seen)")


def check_webhooks(run: Runner, client: linq.LinqAPIV3, ctx: dict, receiver: Receiver, version: str) -> None:
    state: dict = {}
    person, text = fresh_handle(), f"ping {version} {random.randint(0, 10**6)}"

    def subscribe():
        sub = run.sdk(client.webhook_subscriptions.create,
                      target_url=f"http://127.0.0.1:{receiver.port}/hook?version={version}",
                      subscribed_events=["message.received", "message.sent"])
        state["secret"], state["id"] = sub.signing_secret, sub.id

    def deliver():
        person_says(ctx, person, text)
        state["delivery"] = receiver.wait_for(version, text)

    def unwrap():
        d = state["delivery"]
        event = client.webhooks.unwrap(d["body"], headers=d["headers"], key=state["secret"])
        raw = json.loads(d["body"])
        expect(raw.get("event_type") == "message.received", f"event_type {raw.get('event_type')!r}")
        if version == "2026-02-03":
            # Every event model types event_type as the full WebhookEventType enum, so the SDK's union
            # cannot discriminate and may hand back a look-alike class (MessageSentWebhookEvent): check
            # the field and validate the payload against the received model ourselves.
            expect(event.event_type == "message.received", f"unwrapped event_type {event.event_type!r}")
            strict(MessageReceivedWebhookEvent, raw)
            expect(event.data.direction == "inbound", f"direction {event.data.direction!r}")
            expect(text_of(event.data.parts) == text, f"text {text_of(event.data.parts)!r}")
            expect(event.data.sender_handle.handle == person, f"sender {event.data.sender_handle.handle}")
        else:  # the SDK models only the 2026-02-03 layout; check the nested 2025-01-01 one by hand
            data = raw.get("data") or {}
            expect(data.get("is_from_me") is False, f"is_from_me {data.get('is_from_me')!r}")
            parts = (data.get("message") or {}).get("parts") or []
            got = "".join(p.get("value", "") for p in parts if p.get("type") == "text")
            expect(got == text, f"data.message.parts text {got!r}")

    def legacy_headers():
        h = {k.lower(): v for k, v in state["delivery"]["headers"].items()}
        expect(h.get("x-webhook-event") == "message.received", f"X-Webhook-Event {h.get('x-webhook-event')!r}")
        expect(h.get("x-webhook-subscription-id") == state["id"], "X-Webhook-Subscription-ID is not ours")
        expect(h.get("x-webhook-timestamp") and h.get("x-webhook-signature"), "X-Webhook-Timestamp/Signature missing")

    def tampered():
        d = state["delivery"]
        try:
            client.webhooks.unwrap(d["body"].replace("ping", "pong"), headers=d["headers"], key=state["secret"])
        except Exception as exc:
            expect(type(exc).__name__ == "WebhookVerificationError", f"unexpected {type(exc).__name__}")
            return
        raise Check("tampered body passed unwrap")

    name = f"webhooks {version}"
    if run.step(f"{name}: subscribe", subscribe) and run.step(f"{name}: delivery of message.received", deliver):
        run.step(f"{name}: unwrap verifies and parses", unwrap)
        run.step(f"{name}: tampered body rejected", tampered)
        run.step(f"{name}: legacy X-Webhook-* headers", legacy_headers)
    if "id" in state:
        run.step(f"{name}: unsubscribe", lambda: client.webhook_subscriptions.delete(state["id"]))


# ---------------------------------------------------------------- main

def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    origin, api_key = sys.argv[1].rstrip("/"), sys.argv[2]
    recorder = Recorder()
    http = linq.DefaultHttpxClient(event_hooks={"request": [recorder.on_request],
                                                "response": [recorder.on_response]})
    client = linq.LinqAPIV3(api_key=api_key, base_url=origin + "/api/partner", http_client=http, max_retries=0)
    run, ctx = Runner(recorder), {"origin": origin}

    check_account(run, client, ctx)
    check_chats_and_messages(run, client, ctx)
    check_pagination(run, client, ctx)
    check_capability_and_attachments(run, client, ctx)
    check_blocked_handles(run, client, ctx)
    check_subscription_crud(run, client)
    check_errors(run, client, ctx)
    receiver = Receiver()
    for version in ("2026-02-03", "2025-01-01"):
        check_webhooks(run, client, ctx, receiver, version)
    receiver.server.shutdown()

    print(f"{run.passed} passed, {len(run.failures)} failed")
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
