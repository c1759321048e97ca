#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (Fuzz/Corpus/<target>/) in the harnesses' input
format: a flags byte, three lines, then the body (see the comment at the top of each harness).

The webhook seeds are the recorded Linq deliveries of Tests/LinqFixtures, signed by the harness
with the test secret, Linq's answer to a text send, and a few signed here in full (Standard Webhooks and the deprecated hex
scheme) so the fuzzer starts from valid raw headers too. Run from anywhere; it rewrites the seeds.
"""
import base64
import hashlib
import hmac
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent
fixtures = root.parent / "Tests" / "LinqFixtures" / "Fixtures" / "linq-webhooks"
secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="
now = 1_773_157_330


def seed(flags, lines, body=b""):
    return bytes([flags]) + b"".join(line.encode() + b"\n" for line in lines) + body


def write(target, name, data):
    folder = root / "Corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def standard(event_id, timestamp, body):
    key = base64.b64decode(secret[len("whsec_"):])
    mac = hmac.new(key, f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def legacy(timestamp, body):
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


for path in sorted(fixtures.glob("*.json")):
    body = path.read_bytes()
    stem = path.stem
    # Signed by the harness, id from the body, delivered twice.
    write("FuzzWebhook", f"{stem}.signed", seed(0x84, ["", "", ""], body))
    event_id = json.loads(body).get("event_id", "")
    if stem.startswith("message.received"):
        write("FuzzWebhook", f"{stem}.raw", seed(0x03, [event_id, str(now), standard(event_id, now, body)], body))
        write("FuzzWebhook", f"{stem}.legacy-raw", seed(0x33, ["", str(now), legacy(now, body)], body))
        write("FuzzWebhook", f"{stem}.legacy", seed(0x02, ["", "", ""], body))
        write("FuzzWebhook", f"{stem}.stale", seed(0x0C, ["", str(now - 301), ""], body))
        write("FuzzWebhook", f"{stem}.unsigned", seed(0x03, [event_id, str(now), "v1,AAAA"], body))
write("FuzzWebhook", "deep.signed", seed(0x04, ["deep", "", ""], b"[" * 40 + b"]" * 40))
# Linq's answer to a text send, which the harness also reads with the byte-level reader of answers.
answer = json.loads((fixtures.parent / "linq-api" / "chats.messages.send.202.json").read_bytes())
answer["message"]["reply_to"] = None
write("FuzzWebhook", "send-answer.raw", seed(0x03, ["", "", ""], json.dumps(answer, indent=1).encode()))
write("FuzzWebhook", "empty.signed", seed(0x00, ["", "", ""]))

full = {"handle": "+15551234567", "line": "+15557654321", "data": {"what": "a cleaning", "count": 2},
        "time_zone": "America/New_York", "at": "2026-03-10T15:00:00Z", "key": "start-1"}
admin = {
    "list": seed(0x00, ["", "", "limit=10&after=chat-0"]),
    "read": seed(0x01, ["", "chat-1", ""]),
    "hand-off": seed(0x02, ["", "chat-1", ""], b'{"reason":"asked for a person","key":"h1"}'),
    "hand-back": seed(0x03, ["", "chat%2F1", ""], b'{"key":"h2"}'),
    "end-flow": seed(0x04, ["", "chat-1", ""], b"{}"),
    "timers": seed(0x05, ["", "chat-1", ""]),
    "timer": seed(0x06, ["", "chat-1", "reminder.timeout"]),
    "start-handle": seed(0x07, ["", "reminder", ""], json.dumps(full).encode()),
    "start-chat": seed(0x07, ["", "reminder", ""], b'{"chat_id":"chat-1","data":{"what":"x"},"key":null}'),
    "send-chat": seed(0x08, ["", "", ""], b'{"chat_id":"chat-1","text":"See you at 3","at":"2026-03-11T15:00:00Z","key":"m1"}'),
    "send-handle": seed(0x08, ["", "", ""], b'{"handle":"+15551234567","line":"+15557654321","text":"Hi"}'),
    "raw": seed(0x09, ["", "GET", "/admin/chats/chat-1"]),
    "wrong-token": seed(0x18, ["Bearer not-the-token", "", ""], b'{"chat_id":"c","text":"t"}'),
}
for name, data in admin.items():
    write("FuzzAdminAPI", name, data)
