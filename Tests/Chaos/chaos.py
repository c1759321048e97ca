#!/usr/bin/env python3
"""Chaos driver: durability and effectively-once delivery of LinqBot under kill -9 (suite B) and
through a Linq outage (D3).

Runs `linqbot simulator` (the fake Linq, never killed) and EchoBot in remote mode against it,
both as child processes on 127.0.0.1, then breaks EchoBot on purpose and checks what survived.
See Tests/Chaos/README.md for what each scenario proves.

Usage:
    python3 Tests/Chaos/chaos.py --bin-dir "$(swift build --show-bin-path)" --size ci all
    python3 Tests/Chaos/chaos.py --bin-dir .build/debug --size full b1

Scenarios: b1 (random kill -9), b3 (crash points), b4 (ack latency), b6 (fsync before ack),
b8 (restart backlog), d3 (Linq outage: 503s, timeouts and resets against the circuit breaker);
`all` runs every one of them. Exit status: 0 when every scenario passed,
1 when one failed, 2 when the run cannot start (a missing binary; strace not installed for b6).

Standard library only (Python 3.11).
"""
import argparse
import atexit
import base64
import collections
import concurrent.futures
import dataclasses
import datetime
import hashlib
import hmac
import http.client
import http.server
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import uuid
from pathlib import Path

LINE = "+15555550100"
API_KEY = "chaos_sim_key"
CRASH_POINTS = ("after-body-read", "after-inbox-commit", "before-handler", "after-send", "mid-transaction", "after-commit")
SCENARIOS = ("b1", "b3", "b4", "b6", "b8", "d3")

# Defaults per size; every value can be overridden on the command line.
SIZES = {
    "ci": dict(
        b1_events=1_000, b1_chats=200, b1_kills=5, b1_kill_min=1.0, b1_kill_max=3.0,
        b3_rounds=3, b4_seconds=20, b4_rate=50, b6_webhooks=100, b8_webhooks=2_000,
        d3_people=20, d3_replies=10, d3_seconds=30,
    ),
    "full": dict(
        b1_events=10_000, b1_chats=200, b1_kills=50, b1_kill_min=2.0, b1_kill_max=10.0,
        b3_rounds=100, b4_seconds=300, b4_rate=50, b6_webhooks=100, b8_webhooks=10_000,
        d3_people=50, d3_replies=10, d3_seconds=300,
    ),
}


class Violation(Exception):
    """A scenario cannot go on: a broken promise, or a process or request that misbehaved."""


# MARK: - Child processes


class Children:
    """Every child process the driver started, so that none outlives it, even on a failure."""

    def __init__(self):
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen] = set()

    def spawn(self, argv: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
        """Starts `argv` in its own process group, its output appended to `log_path`."""
        with open(log_path, "ab") as log:
            process = subprocess.Popen(
                argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        with self._lock:
            self._processes.add(process)
        return process

    def kill_all(self):
        """Kills every child still running, with its process group."""
        with self._lock:
            processes = list(self._processes)
            self._processes.clear()
        for process in processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass


CHILDREN = Children()


HANDED_OUT_PORTS: set[int] = set()


def free_port() -> int:
    """A port that is free on 127.0.0.1 right now (the kernel picks it) and that this run has not
    handed out before: the kernel may offer a port again once its probe is closed, and two
    processes given one port would race to bind it (the loser exits, the winner answers for
    both)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in HANDED_OUT_PORTS:
            HANDED_OUT_PORTS.add(port)
            return port


def wait_for_port(port: int, process: subprocess.Popen, timeout: float, what: str, log_path: Path, may_crash: bool = False):
    """Waits until `port` accepts connections; fails if `process` exits or `timeout` passes.

    With `may_crash`, an exit by SIGKILL is a normal end: an armed crash point can fire as soon as
    the process listens, on a webhook retry, before this check connects.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if may_crash and process.returncode == -signal.SIGKILL:
                return
            raise Violation(f"{what} exited with status {process.returncode} while starting\n{log_tail(log_path)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise Violation(f"{what} did not listen on port {port} within {timeout:.0f} s\n{log_tail(log_path)}")


def log_tail(path: Path, lines: int = 30) -> str:
    """The last lines of a log file, indented, for a failure message."""
    try:
        text = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return f"    (no log at {path})"
    return "\n".join(f"    | {line}" for line in [f"last lines of {path}:"] + text)


# MARK: - HTTP


def http_request(port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                 timeout: float = 15) -> tuple[int, bytes]:
    """One HTTP/1.1 request to 127.0.0.1:`port` on a fresh connection; answers (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def json_request(port: int, method: str, path: str, payload=None, headers: dict[str, str] | None = None,
                 timeout: float = 15):
    """A JSON request; answers the decoded body, or raises Violation on a non-2xx answer."""
    body = None if payload is None else json.dumps(payload).encode()
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    status, data = http_request(port, method, path, body, all_headers, timeout)
    if not 200 <= status < 300:
        raise Violation(f"{method} {path} answered {status}: {data[:300]!r}")
    return json.loads(data) if data else None


def sign_webhook(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    """The Standard Webhooks `webhook-signature` value for a `whsec_` secret."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


# MARK: - The simulator and the bot


class Simulator:
    """`linqbot simulator` as a child process, with its control API and Partner API."""

    def __init__(self, bin_dir: Path, workdir: Path, flags: list[str]):
        self.port = free_port()
        self.log_path = workdir / "simulator.log"
        argv = [str(bin_dir / "linqbot"), "simulator", "--port", str(self.port), "--api-key", API_KEY, "--line", LINE, *flags]
        self.process = CHILDREN.spawn(argv, dict(os.environ), self.log_path)
        wait_for_port(self.port, self.process, 60, "linqbot simulator", self.log_path)

    @property
    def api_base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/partner"

    def subscribe(self, target_url: str) -> tuple[str, str]:
        """Subscribes `target_url` to message.received; answers (subscription id, signing secret)."""
        answer = json_request(
            self.port, "POST", "/api/partner/v3/webhook-subscriptions",
            {"target_url": target_url, "subscribed_events": ["message.received"]},
            {"Authorization": f"Bearer {API_KEY}"},
        )
        return answer["id"], answer["signing_secret"]

    def unsubscribe(self, subscription_id: str):
        http_request(self.port, "DELETE", f"/api/partner/v3/webhook-subscriptions/{subscription_id}",
                     headers={"Authorization": f"Bearer {API_KEY}"})

    def person_says(self, handle: str, text: str) -> tuple[str, str]:
        """The person texts our line; answers (chat id, message id)."""
        answer = json_request(self.port, "POST", f"/sim/handles/{handle}/messages", {"line": LINE, "text": text})
        return answer["chat_id"], answer["message_id"]

    def sent_texts(self) -> list[str]:
        """The text of every message our line sent, oldest first."""
        answer = json_request(self.port, "GET", f"/sim/lines/{urllib.parse.quote(LINE)}/sent", timeout=60)
        return [part["value"] for message in answer["messages"] for part in message["parts"][:1] if part["type"] == "text"]

    def deliveries(self) -> list[dict]:
        """Every webhook delivery attempt the simulator made."""
        return json_request(self.port, "GET", "/sim/deliveries", timeout=60)["deliveries"]


def stop_process(process: subprocess.Popen, timeout: float, pid: int | None = None) -> int:
    """SIGTERM (to `pid`, default the process itself), then SIGKILL to the process group after
    `timeout`; answers the exit status."""
    if process.poll() is None:
        os.kill(pid or process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    return process.returncode


class EchoBot:
    """EchoBot in remote mode against a simulator, restartable on one port and one SQLite file."""

    def __init__(self, bin_dir: Path, workdir: Path, simulator: Simulator, port: int, secret: str,
                 wrapper: list[str] | None = None):
        self.binary = bin_dir / "EchoBot"
        self.port = port
        self.db_path = workdir / "bot.sqlite"
        self.log_path = workdir / "echobot.log"
        self.wrapper = wrapper or []
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.env = dict(
            os.environ, LINQ_API_V3_API_KEY=API_KEY, LINQ_API_V3_BASE_URL=simulator.api_base_url,
            LINQ_WEBHOOK_SECRET=secret, LINQBOT_PORT=str(port), LINQBOT_DATABASE_URL=f"sqlite:{self.db_path}",
        )
        self.env.pop("LINQBOT_CRASH_POINT", None)

    def start(self, crash_point: str | None = None):
        """Starts the bot (armed at `crash_point`, `name:N`, if given) and waits until it listens
        (or, armed, until it crashed)."""
        env = dict(self.env)
        if crash_point:
            env["LINQBOT_CRASH_POINT"] = crash_point
        self.starts += 1
        with open(self.log_path, "a") as log:
            log.write(f"\n===== chaos: start {self.starts}, crash point {crash_point or 'none'} =====\n")
        self.process = CHILDREN.spawn([*self.wrapper, str(self.binary)], env, self.log_path)
        wait_for_port(self.port, self.process, 60, "EchoBot", self.log_path, may_crash=crash_point is not None)

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """kill -9, and waits until the process is gone."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, grace: float) -> int:
        """SIGTERM to the bot itself (not to a wrapper), kill -9 after `grace` seconds; answers the exit status."""
        if self.process.poll() is not None:
            return self.process.returncode
        return stop_process(self.process, grace, self.traced_pid() if self.wrapper else None)

    def traced_pid(self) -> int:
        """The bot's pid when it runs under a wrapper such as strace (the wrapper's child)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        if not children:
            raise Violation(f"{self.wrapper[0]} has no child process\n{log_tail(self.log_path)}")
        return int(children[0])


# MARK: - Webhooks posted straight to the bot


class CaptureServer:
    """A tiny HTTP server that keeps every webhook body the simulator POSTs to it."""

    def __init__(self):
        bodies: list[bytes] = []
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with lock:
                    bodies.append(body)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.bodies = bodies
        self.lock = lock
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class WebhookForge:
    """Signed `message.received` webhooks for real simulator chats, to POST straight to the bot.

    Each chat's template is a real webhook the simulator sent for that chat; a forged event
    changes only the event id, the message id, the text and the times.
    """

    def __init__(self, simulator: Simulator, people: int):
        """Creates `people` chats (one person each) and captures one webhook per chat."""
        capture = CaptureServer()
        try:
            subscription, _ = simulator.subscribe(f"http://127.0.0.1:{capture.port}/capture")
            for index in range(people):
                simulator.person_says(person_handle(index), "hello")
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with capture.lock:
                    if len(capture.bodies) >= people:
                        break
                time.sleep(0.05)
            simulator.unsubscribe(subscription)
            with capture.lock:
                templates = [json.loads(body) for body in capture.bodies]
        finally:
            capture.close()
        self.templates = {template["data"]["chat"]["id"]: template for template in templates}
        if len(self.templates) != people:
            raise Violation(f"captured webhooks for {len(self.templates)} of {people} chats from the simulator")
        self.chat_ids = list(self.templates)

    def forge(self, chat_id: str, text: str, secret: str) -> tuple[str, bytes, dict[str, str]]:
        """A new signed event in `chat_id`; answers (event id, body, headers)."""
        event = json.loads(json.dumps(self.templates[chat_id]))
        now = datetime.datetime.now(datetime.timezone.utc)
        stamp = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
        event_id = str(uuid.uuid4())
        event["event_id"] = event_id
        event["created_at"] = stamp
        event["trace_id"] = uuid.uuid4().hex
        event["data"]["id"] = str(uuid.uuid4())
        event["data"]["sent_at"] = stamp
        event["data"]["parts"] = [{"type": "text", "value": text}]
        body = json.dumps(event).encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json", "webhook-id": event_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": sign_webhook(secret, event_id, timestamp, body),
        }
        return event_id, body, headers


def person_handle(index: int) -> str:
    """The phone number of the index-th person: +1555000XXXX."""
    return f"+1555000{index:04d}"


def post_webhook(bot: EchoBot, body: bytes, headers: dict[str, str], timeout: float = 30) -> int:
    """POSTs one webhook to the bot; answers the HTTP status."""
    status, _ = http_request(bot.port, "POST", "/webhooks/linq", body, headers, timeout)
    return status


# MARK: - Reading the bot's store


def open_store(db_path: Path) -> sqlite3.Connection:
    """The bot's SQLite file, read-only (WAL lets us read while the bot writes)."""
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)


def inbox_status_counts(db_path: Path) -> collections.Counter:
    """Inbox rows by status (pending, claimed, done, dead)."""
    with open_store(db_path) as db:
        return collections.Counter(dict(db.execute("SELECT status, COUNT(*) FROM inbox GROUP BY status")))


def open_inbox_count(db_path: Path) -> int:
    """Inbox rows still pending or claimed."""
    counts = inbox_status_counts(db_path)
    return counts["pending"] + counts["claimed"]


@dataclasses.dataclass
class StoreSnapshot:
    """What the invariants need from the bot's store."""
    received: dict[str, int]
    open_rows: int
    dead_letters: int
    status_by_event: dict[str, str]


def read_store(db_path: Path) -> StoreSnapshot:
    """Session counters per chat, open inbox rows, dead letters and every event's status."""
    with open_store(db_path) as db:
        received = {chat: json.loads(data).get("received", 0) for chat, data in db.execute("SELECT chat_key, data FROM sessions")}
        open_rows = db.execute("SELECT COUNT(*) FROM inbox WHERE status IN ('pending', 'claimed')").fetchone()[0]
        dead = db.execute("SELECT COUNT(*) FROM dead_letters").fetchone()[0]
        status_by_event = dict(db.execute("SELECT event_id, status FROM inbox"))
    return StoreSnapshot(received, open_rows, dead, status_by_event)


# MARK: - The three invariants


@dataclasses.dataclass
class Conversation:
    """What the people sent: texts per chat, in order."""
    texts_by_chat: dict[str, list[str]] = dataclasses.field(default_factory=lambda: collections.defaultdict(list))
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def record(self, chat_id: str, text: str):
        with self.lock:
            self.texts_by_chat[chat_id].append(text)

    def all_texts(self) -> list[str]:
        with self.lock:
            return [text for texts in self.texts_by_chat.values() for text in texts]


def missing_replies(simulator: Simulator, conversation: Conversation) -> list[str]:
    """Texts the bot has not answered yet."""
    replied = set(simulator.sent_texts())
    return [text for text in conversation.all_texts() if f"You said: {text}" not in replied]


def wait_for_drain(simulator: Simulator, conversation: Conversation, bot: EchoBot, timeout: float) -> list[str]:
    """Waits (at most `timeout`) until every text has its reply and no inbox row is open;
    answers the texts still unanswered.

    A reply can exist before its event is done (a crash after the send), so both are needed.
    """
    deadline = time.monotonic() + timeout
    while True:
        started = time.monotonic()
        missing = missing_replies(simulator, conversation)
        if (not missing and open_inbox_count(bot.db_path) == 0) or time.monotonic() >= deadline or not bot.is_running():
            return missing
        time.sleep(max(0.5, 3 * (time.monotonic() - started)))


def wait_for_quiet_deliveries(simulator: Simulator, quiet: float = 3, timeout: float = 40):
    """Waits until the simulator made no new delivery attempt for `quiet` seconds (late duplicates, retries)."""
    deadline = time.monotonic() + timeout
    count, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        current = len(simulator.deliveries())
        if current != count:
            count, since = current, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.5)


def check_invariants(simulator: Simulator, db_path: Path, conversation: Conversation) -> tuple[list[str], list[str]]:
    """0 lost, 0 duplicate replies, 0 double-processed, nothing open or dead in the store.

    Answers (figures, violations). Run it once the bot is idle (WAL lets us read while it runs).
    """
    replies = collections.Counter(simulator.sent_texts())
    texts = conversation.all_texts()
    lost = [text for text in texts if replies[f"You said: {text}"] == 0]
    duplicated = [text for text in texts if replies[f"You said: {text}"] > 1]
    store = read_store(db_path)
    with conversation.lock:
        expected = {chat: len(texts) for chat, texts in conversation.texts_by_chat.items()}
    double = {chat: (store.received.get(chat, 0), want) for chat, want in expected.items() if store.received.get(chat, 0) != want}
    figures = [
        f"messages sent by people: {len(texts)} in {len(expected)} chats; replies seen: {sum(replies.values())}",
        f"lost: {len(lost)}; duplicate replies: {len(duplicated)}; double-processed chats: {len(double)}",
        f"inbox pending/claimed: {store.open_rows}; dead letters: {store.dead_letters}",
    ]
    violations = []
    if lost:
        violations.append(f"{len(lost)} messages lost (no reply), e.g. {lost[:5]}")
    if duplicated:
        violations.append(f"{len(duplicated)} messages answered more than once, e.g. {duplicated[:5]}")
    if double:
        sample = [f"{chat}: received={got}, sent={want}" for chat, (got, want) in list(double.items())[:5]]
        violations.append(f"{len(double)} chats whose session counter differs from the messages sent, e.g. {sample}")
    if store.open_rows:
        violations.append(f"{store.open_rows} inbox rows still pending or claimed")
    if store.dead_letters:
        violations.append(f"{store.dead_letters} dead letters")
    return figures, violations


def delivery_figures(deliveries: list[dict]) -> list[str]:
    """Raw webhook delivery attempts: reported, never limited."""
    by_event = collections.defaultdict(list)
    for attempt in deliveries:
        by_event[attempt["event_id"]].append(attempt)
    acknowledged = {event: sum(1 for a in attempts if a.get("status") and 200 <= a["status"] < 300) for event, attempts in by_event.items()}
    failed = sum(1 for a in deliveries if not (a.get("status") and 200 <= a["status"] < 300))
    repeated = sum(count - 1 for count in acknowledged.values() if count > 1)
    never = sorted(event for event, count in acknowledged.items() if count == 0)
    lines = [
        f"webhook attempts: {len(deliveries)} for {len(by_event)} events; failed attempts (bot down, retried): {failed}",
        f"duplicate deliveries acknowledged again: {repeated} (events delivered 2+ times: "
        f"{sum(1 for count in acknowledged.values() if count > 1)})",
    ]
    if never:
        lines.append(f"events never acknowledged (the simulator gave up): {len(never)}, e.g. {never[:3]}")
    return lines


# MARK: - Scenarios


@dataclasses.dataclass
class Outcome:
    """A scenario's figures and violations."""
    name: str
    figures: list[str] = dataclasses.field(default_factory=list)
    violations: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0

    @property
    def passed(self) -> bool:
        return not self.violations


@dataclasses.dataclass
class Run:
    """Settings shared by the scenarios."""
    bin_dir: Path
    root: Path
    seed: int
    settings: argparse.Namespace

    def workdir(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def random(self, name: str) -> random.Random:
        """A generator per scenario, so one scenario's choices do not shift another's."""
        return random.Random(f"{self.seed}-{name}")


def subscribed_bot(run: Run, workdir: Path, simulator: Simulator, wrapper: list[str] | None = None) -> EchoBot:
    """An EchoBot (not started yet) on a free port, subscribed to the simulator's message.received."""
    port = free_port()
    _, secret = simulator.subscribe(f"http://127.0.0.1:{port}/webhooks/linq")
    return EchoBot(run.bin_dir, workdir, simulator, port, secret, wrapper)


def stop_bot(bot: EchoBot, outcome: Outcome, grace: float):
    """SIGTERM, then kill -9 after `grace` seconds; not exiting cleanly in time is a violation."""
    status = bot.stop(grace)
    if status != 0:
        outcome.violations.append(f"graceful stop: EchoBot did not exit cleanly within {grace:g} s of SIGTERM "
                                  f"(status {status}; killed with SIGKILL)")


def drain_check_and_stop(simulator: Simulator, bot: EchoBot, conversation: Conversation, outcome: Outcome, run: Run):
    """After the last restart: waits for the drain and for late deliveries, checks the three
    invariants on the idle bot, then stops it gracefully; adds the figures to `outcome`."""
    started = time.monotonic()
    missing = wait_for_drain(simulator, conversation, bot, run.settings.reply_timeout)
    drained = time.monotonic() - started
    if not bot.is_running():
        outcome.violations.append(f"EchoBot exited on its own with status {bot.process.returncode}\n{log_tail(bot.log_path)}")
    wait_for_quiet_deliveries(simulator)
    figures, violations = check_invariants(simulator, bot.db_path, conversation)
    stop_bot(bot, outcome, run.settings.stop_grace)
    outcome.figures.append(f"not drained {run.settings.reply_timeout:g} s after the last restart ({len(missing)} unanswered)"
                           if drained >= run.settings.reply_timeout else f"drained {drained:.1f} s after the last restart")
    outcome.figures += [*figures, *delivery_figures(simulator.deliveries())]
    outcome.violations += violations


def scenario_b1(run: Run) -> Outcome:
    """B1: N events over C chats, 20 % duplicates, 5 % reordered, K random kill -9 with restarts."""
    s = run.settings
    outcome = Outcome("b1")
    workdir = run.workdir("b1")
    rng = run.random("b1")
    simulator = Simulator(run.bin_dir, workdir, [
        "--duplicate-rate", "0.2", "--reorder-rate", "0.05", "--no-rate-limit", "--retry-scale", "60",
    ])
    bot = subscribed_bot(run, workdir, simulator)
    conversation = Conversation()
    unexpected_exits: list[str] = []
    killer_errors: list[str] = []
    stop_killing = threading.Event()
    kill_times = [rng.uniform(s.b1_kill_min, s.b1_kill_max) for _ in range(s.b1_kills)]
    # Injection is spread over the kill window, so kills hit ingest and processing alike.
    pace = sum(kill_times) / s.b1_events

    def killer():
        try:
            for pause in kill_times:
                if stop_killing.wait(pause):
                    return
                if not bot.is_running():
                    unexpected_exits.append(f"status {bot.process.returncode}")
                else:
                    bot.kill()
                bot.start()
        except Violation as error:
            killer_errors.append(str(error))

    thread = threading.Thread(target=killer, daemon=True)
    bot.start()
    started = time.monotonic()
    thread.start()
    try:
        for index in range(s.b1_events):
            due = started + index * pace
            time.sleep(max(0.0, due - time.monotonic()))
            text = f"chaos-{index}"
            chat_id, _ = simulator.person_says(person_handle(index % s.b1_chats), text)
            conversation.record(chat_id, text)
        thread.join(timeout=sum(kill_times) + 120)
    finally:
        # On a failure, no restart may race the cleanup.
        stop_killing.set()
        thread.join(timeout=120)
    outcome.figures.append(
        f"events: {s.b1_events} over {s.b1_chats} chats in {time.monotonic() - started:.1f} s; kill -9: {len(kill_times)} "
        f"(every {s.b1_kill_min:g}–{s.b1_kill_max:g} s); starts: {bot.starts}"
    )
    outcome.violations += killer_errors
    if unexpected_exits:
        outcome.violations.append(f"EchoBot died on its own {len(unexpected_exits)} times ({', '.join(unexpected_exits)})\n"
                                  f"{log_tail(bot.log_path)}")
    drain_check_and_stop(simulator, bot, conversation, outcome, run)
    return outcome


def crash_point_run(run: Run, point: str) -> Outcome:
    """B3 for one crash point: R rounds of arm, send until the bot kills itself, restart."""
    s = run.settings
    outcome = Outcome(f"b3 {point}")
    workdir = run.workdir(f"b3-{point}")
    rng = run.random(f"b3-{point}")
    simulator = Simulator(run.bin_dir, workdir, ["--no-rate-limit", "--retry-scale", "60"])
    bot = subscribed_bot(run, workdir, simulator)
    conversation = Conversation()
    people = 20
    sent = 0
    hits = []
    try:
        for round_index in range(s.b3_rounds):
            hit = rng.randint(1, 5)
            hits.append(hit)
            bot.start(f"{point}:{hit}")
            for _ in range(60):
                if not bot.is_running():
                    break
                text = f"chaos-{point}-{sent}"
                chat_id, _ = simulator.person_says(person_handle(sent % people), text)
                conversation.record(chat_id, text)
                sent += 1
                deadline = time.monotonic() + 0.3
                while time.monotonic() < deadline and bot.is_running():
                    time.sleep(0.02)
            if bot.is_running():
                bot.kill()
                raise Violation(f"round {round_index + 1}: {point}:{hit} armed, but the bot was still running after 60 messages")
            bot.process.wait(timeout=30)
            if bot.process.returncode != -signal.SIGKILL:
                raise Violation(f"round {round_index + 1}: EchoBot exited with status {bot.process.returncode}, "
                                f"not by the crash point\n{log_tail(bot.log_path)}")
        bot.start()
        hit_counts = collections.Counter(hits)
        outcome.figures.append(
            f"rounds: {len(hits)} (crash at hit {', '.join(f'{k}: {v}x' for k, v in sorted(hit_counts.items()))}); messages: {sent}"
        )
        drain_check_and_stop(simulator, bot, conversation, outcome, run)
    finally:
        # The points run side by side: free this one's processes now, not when b3 ends.
        for process in (bot.process, simulator.process):
            if process and process.poll() is None:
                process.kill()
    return outcome


def scenario_b3(run: Run) -> Outcome:
    """B3: every crash point, R rounds each; points run side by side, each with its own simulator and store.

    A crash while a chat is leased no longer blocks that chat: the next start frees the dead
    process's leases as it registers. The points still run side by side, to save time.
    """
    outcome = Outcome("b3")
    points = run.settings.b3_points
    with concurrent.futures.ThreadPoolExecutor(max_workers=run.settings.b3_jobs) as pool:
        futures = {point: pool.submit(crash_point_run, run, point) for point in points}
        results = {}
        for point, future in futures.items():
            try:
                results[point] = future.result()
            except Exception as error:
                results[point] = Outcome(f"b3 {point}", violations=[describe(error)])
    for point in points:
        result = results[point]
        outcome.figures.append(f"{point}: {'PASS' if result.passed else 'FAIL'}")
        outcome.figures += [f"  {line}" for line in result.figures]
        outcome.violations += [f"{point}: {line}" for line in result.violations]
    return outcome


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = math.ceil(fraction * len(sorted_values))
    return sorted_values[min(len(sorted_values), max(1, rank)) - 1]


def scenario_b4(run: Run) -> Outcome:
    """B4: ack latency at a fixed rate (open loop), measured from each request's scheduled time."""
    s = run.settings
    outcome = Outcome("b4")
    workdir = run.workdir("b4")
    simulator = Simulator(run.bin_dir, workdir, ["--no-rate-limit"])
    forge = WebhookForge(simulator, 50)
    bot = subscribed_bot(run, workdir, simulator)
    bot.start()
    secret = bot.env["LINQ_WEBHOOK_SECRET"]
    total = int(s.b4_rate * s.b4_seconds)
    latencies: list[float] = []
    statuses = collections.Counter()
    lock = threading.Lock()

    def fire(index: int, due: float):
        _, body, headers = forge.forge(forge.chat_ids[index % len(forge.chat_ids)], f"load-{index}", secret)
        try:
            status = post_webhook(bot, body, headers, timeout=30)
        except OSError as error:
            status = f"error {type(error).__name__}"
        with lock:
            latencies.append(time.monotonic() - due)
            statuses[status] += 1

    started = time.monotonic() + 0.5
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        for index in range(total):
            due = started + index / s.b4_rate
            time.sleep(max(0.0, due - time.monotonic()))
            pool.submit(fire, index, due)
    latencies.sort()
    p50, p99, worst = percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[-1]
    over_ten = sum(1 for latency in latencies if latency > 10)
    stop_bot(bot, outcome, s.stop_grace)
    outcome.figures += [
        f"{total} webhooks at {s.b4_rate:g}/s for {s.b4_seconds:g} s into {len(forge.chat_ids)} chats; answers: "
        + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str)),
        f"ack latency p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {worst * 1000:.1f} ms; over 10 s: {over_ten}",
    ]
    if p99 >= 1:
        outcome.violations.append(f"p99 {p99:.3f} s is not under 1 s")
    if worst >= 5:
        outcome.violations.append(f"max {worst:.3f} s is not under 5 s")
    if over_ten:
        outcome.violations.append(f"{over_ten} answers took over 10 s")
    if statuses.get(200, 0) != total:
        outcome.violations.append(f"only {statuses.get(200, 0)} of {total} webhooks were answered 200")
    return outcome


# strace -f -tt -y lines: "PID HH:MM:SS.micro syscall(fd<path>, ..." (or "<... name resumed> ...");
# a socket's path is "socket:[inode]", which names one connection.
TRACE_CALL = re.compile(r"^(\d+)\s+\S+\s+(?:<\.\.\. (\w+) resumed>|(\w+)\()(.*)$")
TRACE_FD = re.compile(r"^(\d+)<([^>]*)>")


def check_fsync_before_ack(trace_path: Path) -> tuple[int, int, int, list[str]]:
    """Every `HTTP/1.1 200` written on a socket after a `POST /webhooks/linq` was read from it
    follows, in trace order, a completed fsync or fdatasync of the `-wal` file issued after
    the socket's last read.

    Answers (webhook 200s, of which preceded by a sync, wal syncs seen, problems).
    """
    pending_by_thread: dict[str, tuple[str, str]] = {}
    # Per socket: whether a webhook request is open, and whether a wal sync completed since its last read.
    open_request: dict[str, bool] = {}
    synced: dict[str, bool] = {}
    answers = preceded = syncs = 0
    problems = []
    for number, line in enumerate(trace_path.read_text(errors="replace").splitlines(), 1):
        match = TRACE_CALL.match(line)
        if not match:
            continue
        pid, resumed, call, rest = match.groups()
        if resumed:
            call, head = pending_by_thread.pop(pid, (resumed, ""))
            rest = head + rest
        elif rest.endswith("<unfinished ...>"):
            pending_by_thread[pid] = (call, rest.removesuffix("<unfinished ...>"))
            # A write is ordered at its start; reads and syncs count once they completed.
            if call not in ("write", "writev", "sendmsg"):
                continue
        fd = TRACE_FD.match(rest)
        target = fd.group(2) if fd else ""
        if call in ("fsync", "fdatasync"):
            if target.endswith("-wal") and re.search(r"= 0\s*$", rest):
                syncs += 1
                for socket_name in synced:
                    synced[socket_name] = True
        elif not target.startswith(("socket:", "TCP:")):
            continue
        elif call in ("read", "recvfrom"):
            if "POST /webhooks/linq" in rest:
                open_request[target] = True
            if open_request.get(target):
                synced[target] = False
        elif call in ("write", "writev", "sendmsg") and '"HTTP/1.1 200' in rest and open_request.get(target):
            answers += 1
            if synced.get(target):
                preceded += 1
            else:
                problems.append(f"trace line {number}: 200 on {target} with no -wal sync since the request was read")
            open_request[target] = False
    return answers, preceded, syncs, problems


def scenario_b6(run: Run) -> Outcome:
    """B6: under strace, every webhook 200 follows a sync of the -wal file; the store is in WAL mode."""
    s = run.settings
    outcome = Outcome("b6")
    strace = shutil.which("strace")
    workdir = run.workdir("b6")
    trace_path = workdir / "echobot.strace"
    wrapper = [strace, "-f", "-tt", "-y", "-s", "80", "-e", "trace=fsync,fdatasync,write,writev,sendmsg,read,recvfrom",
               "-o", str(trace_path)]
    simulator = Simulator(run.bin_dir, workdir, ["--no-rate-limit"])
    forge = WebhookForge(simulator, 10)
    bot = subscribed_bot(run, workdir, simulator, wrapper)
    bot.start()
    secret = bot.env["LINQ_WEBHOOK_SECRET"]
    statuses = collections.Counter()
    for index in range(s.b6_webhooks):
        _, body, headers = forge.forge(forge.chat_ids[index % len(forge.chat_ids)], f"sync-{index}", secret)
        statuses[post_webhook(bot, body, headers)] += 1
    deadline = time.monotonic() + 60
    while open_inbox_count(bot.db_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    with open_store(bot.db_path) as db:
        journal_mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    stop_bot(bot, outcome, s.stop_grace)
    answers, preceded, syncs, problems = check_fsync_before_ack(trace_path)
    outcome.figures += [
        f"{s.b6_webhooks} webhooks one at a time; answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())),
        f"webhook 200s in the trace: {answers}; preceded by a -wal fsync/fdatasync: {preceded}; -wal syncs in all: {syncs}",
        f"PRAGMA journal_mode: {journal_mode}",
    ]
    if statuses.get(200, 0) != s.b6_webhooks:
        outcome.violations.append(f"only {statuses.get(200, 0)} of {s.b6_webhooks} webhooks were answered 200")
    if answers != s.b6_webhooks:
        outcome.violations.append(f"found {answers} webhook 200s in the trace, expected {s.b6_webhooks} ({trace_path})")
    outcome.violations += problems[:10]
    if journal_mode.lower() != "wal":
        outcome.violations.append(f"journal_mode is {journal_mode}, not wal")
    return outcome


def scenario_b8(run: Run) -> Outcome:
    """B8: a backlog of acknowledged events, kill -9, restart: drained in under 60 s with nothing lost."""
    s = run.settings
    outcome = Outcome("b8")
    workdir = run.workdir("b8")
    simulator = Simulator(run.bin_dir, workdir, ["--no-rate-limit"])
    forge = WebhookForge(simulator, 200)
    bot = subscribed_bot(run, workdir, simulator)
    bot.start()
    secret = bot.env["LINQ_WEBHOOK_SECRET"]
    acknowledged: list[tuple[str, str]] = []
    refused = collections.Counter()
    lock = threading.Lock()

    def fire(index: int):
        chat_id = forge.chat_ids[index % len(forge.chat_ids)]
        event_id, body, headers = forge.forge(chat_id, f"backlog-{index}", secret)
        try:
            status = post_webhook(bot, body, headers)
        except OSError as error:
            status = f"error {type(error).__name__}"
        with lock:
            if status == 200:
                acknowledged.append((event_id, chat_id))
            else:
                refused[status] += 1

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(fire, range(s.b8_webhooks)))
    posted = time.monotonic() - started
    bot.kill()
    at_kill = inbox_status_counts(bot.db_path)
    backlog = at_kill["pending"] + at_kill["claimed"]
    restarted = time.monotonic()
    bot.start()
    deadline = restarted + s.b8_drain_timeout
    remaining = backlog
    while remaining and time.monotonic() < deadline and bot.is_running():
        time.sleep(0.2)
        remaining = open_inbox_count(bot.db_path)
    drained = time.monotonic() - restarted
    stop_bot(bot, outcome, s.stop_grace)
    store = read_store(bot.db_path)
    lost = [event for event, _ in acknowledged if store.status_by_event.get(event) != "done"]
    per_chat = collections.Counter(chat for _, chat in acknowledged)
    double = [chat for chat, count in per_chat.items() if store.received.get(chat, 0) != count]
    outcome.figures += [
        f"{s.b8_webhooks} webhooks posted in {posted:.1f} s ({s.b8_webhooks / posted:.0f}/s, 32 at a time); "
        f"acknowledged: {len(acknowledged)}" + (f"; refused: {dict(refused)}" if refused else ""),
        f"open at kill -9: {backlog} ({at_kill['pending']} pending, {at_kill['claimed']} claimed: the restart frees "
        f"those chats' leases as it registers); drained {drained:.1f} s after the restart"
        + (f" ({remaining} still open)" if remaining else ""),
        f"lost: {len(lost)}; double-processed chats: {len(double)}; dead letters: {store.dead_letters}",
    ]
    if remaining:
        outcome.violations.append(f"{remaining} inbox rows still open {s.b8_drain_timeout:.0f} s after the restart")
    elif drained >= 60:
        outcome.violations.append(f"the backlog took {drained:.1f} s to drain, not under 60 s")
    if lost:
        outcome.violations.append(f"{len(lost)} acknowledged events are not done in the inbox, e.g. {lost[:5]}")
    if double:
        outcome.violations.append(f"{len(double)} chats whose session counter differs from the events acknowledged")
    if refused:
        outcome.violations.append(f"{sum(refused.values())} webhooks were not answered 200: {dict(refused)}")
    if store.dead_letters:
        outcome.violations.append(f"{store.dead_letters} dead letters")
    return outcome


# MARK: - D3: a Linq outage

D3_RATES = {"unavailable_rate": 0.30, "timeout_rate": 0.10, "reset_rate": 0.05}
# Requests per message: 1, then 2 in-call retries, then 8 durable attempts (RELIABILITY.md D3).
D3_MAX_REQUESTS = 1 + 2 + 8


def bot_metrics(bot: EchoBot) -> dict[tuple[str, frozenset], float]:
    """The bot's /metrics as {(name, labels): value}."""
    status, body = http_request(bot.port, "GET", "/metrics", timeout=10)
    if status != 200:
        raise Violation(f"GET /metrics answered {status}")
    samples = {}
    for line in body.decode().splitlines():
        match = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$', line)
        if not match or line.startswith("#"):
            continue
        labels = frozenset(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
        samples[(match.group(1), labels)] = float(match.group(3))
    return samples


def metric_sum(samples: dict[tuple[str, frozenset], float], name: str, **labels: str) -> float:
    """The sum of `name` over the samples whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(value for (metric, found), value in samples.items() if metric == name and wanted <= set(found))


def scenario_d3(run: Run) -> Outcome:
    """D3: 30 % 503, 10 % timeouts, 5 % resets while people get their replies: every reply
    once, 0 dead letters, the breaker opens and closes, requests per message bounded."""
    s = run.settings
    outcome = Outcome("d3")
    workdir = run.workdir("d3")
    rng = run.random("d3")
    # A hanging call is held 30 s, longer than the bot's 20 s request timeout.
    simulator = Simulator(run.bin_dir, workdir, ["--retry-scale", "60", "--fault-hang-seconds", "30"])
    bot = subscribed_bot(run, workdir, simulator)
    bot.start()
    conversation = Conversation()
    states_seen: collections.Counter = collections.Counter()
    watching = threading.Event()

    def watch():
        # The breaker's state gauge, once a second: 0 closed, 1 half-open, 2 open.
        while not watching.wait(1):
            try:
                samples = bot_metrics(bot)
            except (OSError, Violation):
                continue
            for (name, _), value in samples.items():
                if name == "linqbot_linq_circuit_state":
                    states_seen[int(value)] += 1

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    messages = [(person, index) for person in range(s.d3_people) for index in range(s.d3_replies)]
    moments = sorted(rng.uniform(0, s.d3_seconds * 0.9) for _ in messages)
    rng.shuffle(messages)
    # Each person's messages in order, at the drawn moments.
    per_person = collections.defaultdict(int)
    ordered = []
    for person, _ in messages:
        ordered.append((person, per_person[person]))
        per_person[person] += 1
    json_request(simulator.port, "POST", "/sim/faults", {**D3_RATES, "seconds": s.d3_seconds, "hang_seconds": 30})
    started = time.monotonic()
    for (person, index), moment in zip(ordered, moments):
        time.sleep(max(0.0, started + moment - time.monotonic()))
        text = f"outage-{person}-{index}"
        chat_id, _ = simulator.person_says(person_handle(person), text)
        conversation.record(chat_id, text)
    time.sleep(max(0.0, started + s.d3_seconds - time.monotonic()))
    healthy = time.monotonic()
    missing = wait_for_drain(simulator, conversation, bot, run.settings.reply_timeout)
    drained = time.monotonic() - healthy
    watching.set()
    watcher.join(timeout=15)
    samples = bot_metrics(bot)
    if not bot.is_running():
        outcome.violations.append(f"EchoBot exited on its own with status {bot.process.returncode}\n{log_tail(bot.log_path)}")
    figures, violations = check_invariants(simulator, bot.db_path, conversation)
    requests = json_request(simulator.port, "GET", "/sim/requests", timeout=60)["requests"]
    stop_bot(bot, outcome, run.settings.stop_grace)

    sends = [request for request in requests if request["kind"] == "message"]
    per_key = collections.Counter(request.get("idempotency_key") for request in sends)
    faults = collections.Counter(request.get("fault") or "none" for request in requests)
    unkeyed = per_key.pop(None, 0)
    most = max(per_key.values(), default=0)
    spread = collections.Counter(per_key.values())
    opened = metric_sum(samples, "linqbot_linq_circuit_transitions_total", to="open")
    half = metric_sum(samples, "linqbot_linq_circuit_transitions_total", to="half_open")
    closed = metric_sum(samples, "linqbot_linq_circuit_transitions_total", to="closed")
    state = metric_sum(samples, "linqbot_linq_circuit_state")
    held = metric_sum(samples, "linqbot_events_total", outcome="circuit_open")
    retried = metric_sum(samples, "linqbot_events_total", outcome="retried")
    refused = metric_sum(samples, "linqbot_linq_circuit_refused_total")
    outcome.figures += [
        f"outage: {s.d3_seconds:g} s of {int(D3_RATES['unavailable_rate'] * 100)} % 503, {int(D3_RATES['timeout_rate'] * 100)} % timeouts, "
        f"{int(D3_RATES['reset_rate'] * 100)} % resets; {s.d3_people} people x {s.d3_replies} messages",
        f"drained {drained:.1f} s after Linq recovered" + (f" ({len(missing)} unanswered)" if missing else ""),
        *figures,
        f"writes that reached people or chats: {len(requests)}; faults met: " + ", ".join(f"{name} {count}" for name, count in sorted(faults.items())),
        f"message requests: {len(sends)} for {len(per_key)} idempotency keys; most for one key: {most} (limit {D3_MAX_REQUESTS}); "
        f"keys by request count: " + ", ".join(f"{count}x{keys}" for count, keys in sorted(spread.items())),
        f"breaker transitions: open {opened:g}, half-open {half:g}, closed {closed:g}; state at the end: {state:g}; "
        f"state samples (0 closed, 1 half-open, 2 open): {dict(sorted(states_seen.items()))}",
        f"events held by the open breaker: {held:g} (writes refused: {refused:g}); events retried after a failure: {retried:g}",
    ]
    outcome.violations += violations
    if unkeyed:
        outcome.violations.append(f"{unkeyed} message requests carried no idempotency key")
    if most > D3_MAX_REQUESTS:
        outcome.violations.append(f"a message took {most} requests, more than {D3_MAX_REQUESTS}")
    if opened < 1:
        outcome.violations.append("the circuit breaker never opened (linqbot_linq_circuit_transitions_total{to=\"open\"} is 0)")
    if closed < 1 or state != 0:
        outcome.violations.append(f"the circuit breaker did not close again after the outage (closed {closed:g}, state {state:g})")
    return outcome


def describe(error: Exception) -> str:
    """A violation's own message, or the traceback of an error the driver did not expect."""
    if isinstance(error, Violation):
        return str(error)
    return "unexpected error in the driver:\n" + "".join(traceback.format_exception(error)).rstrip()


RUNNERS = {"b1": scenario_b1, "b3": scenario_b3, "b4": scenario_b4, "b6": scenario_b6, "b8": scenario_b8, "d3": scenario_d3}


# MARK: - Command line


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Scenario details: Tests/Chaos/README.md")
    parser.add_argument("scenarios", nargs="+", choices=(*SCENARIOS, "all"), help="what to run; all = every scenario")
    parser.add_argument("--bin-dir", required=True, type=Path, help="folder with the built EchoBot and linqbot")
    parser.add_argument("--size", choices=tuple(SIZES), default="ci", help="default sizes: ci (PR) or full (nightly)")
    parser.add_argument("--seed", type=int, help="seed of the random choices (printed; default: from the clock)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, SQLite files, traces)")
    parser.add_argument("--reply-timeout", type=float, default=180, help="seconds to wait for every reply (b1, b3)")
    parser.add_argument("--stop-grace", type=float, default=10, help="seconds EchoBot gets to exit after SIGTERM")
    sizes = parser.add_argument_group("sizes (defaults from --size)")
    sizes.add_argument("--b1-events", type=int, help="b1: events injected")
    sizes.add_argument("--b1-chats", type=int, help="b1: people, one chat each")
    sizes.add_argument("--b1-kills", type=int, help="b1: kill -9 count")
    sizes.add_argument("--b1-kill-min", type=float, help="b1: shortest pause before a kill (s)")
    sizes.add_argument("--b1-kill-max", type=float, help="b1: longest pause before a kill (s)")
    sizes.add_argument("--b3-rounds", type=int, help="b3: rounds per crash point")
    sizes.add_argument("--b3-points", nargs="+", choices=CRASH_POINTS, default=list(CRASH_POINTS), help="b3: crash points")
    sizes.add_argument("--b3-jobs", type=int, default=len(CRASH_POINTS), help="b3: crash points run side by side")
    sizes.add_argument("--b4-seconds", type=float, help="b4: duration of the load (s)")
    sizes.add_argument("--b4-rate", type=float, help="b4: webhooks per second")
    sizes.add_argument("--b6-webhooks", type=int, help="b6: webhooks sent under strace")
    sizes.add_argument("--b8-webhooks", type=int, help="b8: webhooks in the backlog")
    sizes.add_argument("--b8-drain-timeout", type=float, default=120, help="b8: seconds to wait for the drain")
    sizes.add_argument("--d3-people", type=int, help="d3: people, one chat each")
    sizes.add_argument("--d3-replies", type=int, help="d3: messages (so replies) per person")
    sizes.add_argument("--d3-seconds", type=float, help="d3: length of the outage (s); the messages are spread over it")
    settings = parser.parse_args(argv)
    for name, value in SIZES[settings.size].items():
        if getattr(settings, name) is None:
            setattr(settings, name, value)
    if "all" in settings.scenarios:
        settings.scenarios = list(SCENARIOS)
    return settings


def install_exit_handlers():
    """Children die with the driver: at exit, and on SIGTERM, SIGINT or SIGHUP (turned into an exit)."""
    atexit.register(CHILDREN.kill_all)

    def leave(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, leave)


def main(argv: list[str]) -> int:
    settings = parse_arguments(argv)
    install_exit_handlers()
    bin_dir = settings.bin_dir.resolve()
    for name in ("EchoBot", "linqbot"):
        if not os.access(bin_dir / name, os.X_OK):
            print(f"chaos: {bin_dir / name} is missing or not executable; build first (swift build)", file=sys.stderr)
            return 2
    if "b6" in settings.scenarios and not shutil.which("strace"):
        print("chaos: strace not installed (apt-get install -y strace); scenario b6 needs it", file=sys.stderr)
        return 2
    seed = settings.seed if settings.seed is not None else int(time.time())
    root = Path(tempfile.mkdtemp(prefix="linqbot-chaos-"))
    run = Run(bin_dir, root, seed, settings)
    print(f"chaos: size {settings.size}, seed {seed}, scenarios {' '.join(settings.scenarios)}, work folder {root}", flush=True)
    outcomes = []
    try:
        for name in settings.scenarios:
            print(f"\n== {name}", flush=True)
            started = time.monotonic()
            try:
                outcome = RUNNERS[name](run)
            except Exception as error:
                outcome = Outcome(name, violations=[describe(error)])
            finally:
                CHILDREN.kill_all()
            outcome.seconds = time.monotonic() - started
            outcomes.append(outcome)
            for line in outcome.figures:
                print(f"  {line}")
            for line in outcome.violations:
                print(f"  VIOLATION: {line}")
            print(f"  {name}: {'PASS' if outcome.passed else 'FAIL'} ({outcome.seconds:.0f} s)", flush=True)
    finally:
        failed = any(not outcome.passed for outcome in outcomes)
        if settings.keep or failed:
            print(f"\nchaos: work folder kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print("\nSummary (seed %d):" % seed)
    for outcome in outcomes:
        print(f"  {outcome.name}: {'PASS' if outcome.passed else 'FAIL'} ({outcome.seconds:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
