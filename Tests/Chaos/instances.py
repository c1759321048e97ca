#!/usr/bin/env python3
"""Suite C chaos driver: several LinqBot instances on one PostgreSQL, plus kill -9 and restart.

Runs `linqbot simulator` (the fake Linq) and several EchoBot processes in remote mode, all
sharing one PostgreSQL database, behind a round-robin proxy that the simulator delivers
webhooks to; then breaks instances on purpose and checks what survived. It reuses chaos.py's
simulator, process and invariant helpers. See Tests/Chaos/README.md for what each scenario proves.

Usage:
    python3 Tests/Chaos/instances.py --bin-dir "$(swift build --show-bin-path)" \\
        --postgres-url "postgres://USER:PASSWORD@127.0.0.1:5432/DATABASE?sslmode=disable" \\
        --pg-stop-command "..." --pg-start-command "..." --size ci all

Scenarios: b2 (B2: 2 instances behind HAProxy, duplicates, kill -9 of either with an immediate
restart, and the PostgreSQL server stopped and started in the middle: 0 lost, 0 double-processed,
0 duplicate replies, orphaned leases retaken within 45 s), c1 (3 instances, interleaved load: no
overlapping handlers per chat, order kept, and C2: per-chat counters exact), c3 (kill -9 of the
lease holder mid-handler, 2 instances: takeover within 10 s), c4 (SIGSTOP of the holder past the instance timeout, SIGCONT: its late commit fenced off),
c5 (poison event: dead-lettered, the chat moves on), c6 (20 instances started at once),
restart (kill -9 mid-handler and immediate restart, SQLite and PostgreSQL: replies within 5 s).
Each scenario works in a PostgreSQL schema of its own (`?schema=`), dropped afterwards.

Exit status: 0 when every scenario passed, 1 when one failed, 2 when the run cannot start.
Standard library only (Python 3.11), plus the `psql` command to read the shared store and, for
b2, `haproxy` and the commands that stop and start the PostgreSQL server.
"""
import argparse
import collections
import concurrent.futures
import http.client
import http.server
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chaos  # noqa: E402  (the suite B driver, beside this file)
from chaos import (  # noqa: E402
    API_KEY, CHILDREN, Conversation, Outcome, Simulator, Violation, describe, free_port, log_tail, open_inbox_count,
    person_handle, read_store, wait_for_port, wait_for_quiet_deliveries,
)

SCENARIOS = ("b2", "c1", "c3", "c4", "c5", "c6", "restart")

SIZES = {
    "ci": dict(
        b2_events=1_000, b2_chats=200, b2_kills=5, b2_kill_min=1.0, b2_kill_max=3.0, b2_outage=5.0,
        c1_chats=30, c1_messages=8, c1_instances=3, c1_retry_scale=10, c3_chats=20, c6_instances=20, restart_chats=10,
    ),
    "full": dict(
        b2_events=10_000, b2_chats=200, b2_kills=50, b2_kill_min=2.0, b2_kill_max=10.0, b2_outage=10.0,
        c1_chats=200, c1_messages=50, c1_instances=3, c1_retry_scale=2, c3_chats=50, c6_instances=20, restart_chats=30,
    ),
}

# The instance heartbeat the bots run with (the defaults): takeover of a dead instance's chats
# within about timeout + one heartbeat.
HEARTBEAT = 2.0
INSTANCE_TIMEOUT = 6.0
# With two instances, the survivor must take a killed one's chats over within this (c3): the
# timeout plus a heartbeat, and 2 s for the claims, the handler and a loaded machine.
TAKEOVER_LIMIT = 10.0


# MARK: - PostgreSQL


class Database:
    """One scenario's schema in the shared PostgreSQL database, read with `psql`."""

    def __init__(self, base_url: str, schema: str, pool: int):
        self.schema = schema
        parts = urllib.parse.urlsplit(base_url)
        query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k not in ("schema", "max_connections")]
        self.admin_url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
        bot_query = query + [("schema", schema), ("max_connections", str(pool))]
        self.url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(bot_query)))
        self.drop()

    def psql(self, sql: str) -> list[list[str]]:
        """Runs `sql` in the schema; answers its rows as lists of text."""
        url = self.admin_url
        result = subprocess.run(
            ["psql", url, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", f"SET search_path TO {self.schema}", "-c", sql],
            capture_output=True, text=True, timeout=60,
        )
        if result.returncode != 0:
            raise Violation(f"psql failed on {sql[:80]!r}: {result.stderr.strip()}")
        return [line.split("\t") for line in result.stdout.splitlines() if line and line != "SET"]

    def drop(self):
        subprocess.run(["psql", self.admin_url, "-X", "-q", "-c", f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"],
                       capture_output=True, text=True, timeout=60)

    def open_rows(self, chats: list[str] | None = None, up_to: int | None = None) -> int:
        """Inbox rows pending or claimed (in `chats`, stored no later than sequence `up_to`, when given)."""
        where = "" if chats is None else " AND chat_key IN (" + ",".join(quote(chat) for chat in chats) + ")"
        where += "" if up_to is None else f" AND sequence <= {up_to}"
        return int(self.psql(f"SELECT count(*) FROM linqbot_inbox WHERE status IN ('pending', 'claimed'){where}")[0][0])

    def last_sequence(self) -> int:
        return int(self.psql("SELECT coalesce(max(sequence), 0) FROM linqbot_inbox")[0][0])

    def leased_chats(self, instance: str) -> list[str]:
        return [row[0] for row in self.psql(
            f"SELECT chat_key FROM linqbot_leases WHERE worker IS NOT NULL AND starts_with(worker, {quote(instance + '/')})")]

    def snapshot(self) -> tuple[dict[str, int], int, int]:
        """Session counters per chat, open inbox rows, dead letters."""
        received = {row[0]: json.loads(row[1]).get("received", 0)
                    for row in self.psql("SELECT chat_key, convert_from(data, 'UTF8') FROM linqbot_sessions")}
        dead = int(self.psql("SELECT count(*) FROM linqbot_dead_letters")[0][0])
        return received, self.open_rows(), dead


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# MARK: - Instances behind a round-robin proxy


class RoundRobinProxy:
    """An HTTP proxy that hands each webhook to the next instance, skipping any that refuses
    the connection or does not answer in time (a load balancer in front of the instances)."""

    def __init__(self, timeout: float = 3.0):
        self.backends: list[int] = []
        self.answered = collections.Counter()
        self.lock = threading.Lock()
        self.turn = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
                status, data = proxy.forward(self.path, body, headers, timeout)
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forward(self, path: str, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, bytes]:
        with self.lock:
            backends = list(self.backends)
            start = self.turn
            self.turn += 1
        for offset in range(len(backends)):
            port = backends[(start + offset) % len(backends)]
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                with self.lock:
                    self.answered[(port, response.status)] += 1
                return response.status, data
            except OSError:
                continue
            finally:
                connection.close()
        return 502, b"no instance answered"

    def use(self, backends: list[int]):
        """Hands the webhooks to the instances on these ports, in turn."""
        self.backends = list(backends)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class HAProxy:
    """HAProxy (Debian's `haproxy` package) in front of the instances, as a deployment's load
    balancer: round robin, a liveness check every 500 ms that takes a dead instance out of the
    rotation, and retries on another instance (`option redispatch`) when a connection is refused
    or dropped without an answer (an instance killed mid-request).

    The check asks `/healthz`, not `/readyz`: while the database is down the instances are alive
    and must answer the webhooks 503 themselves (a readiness check would take both out of the
    rotation and HAProxy would answer for them)."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    def config(self, backends: list[int]) -> str:
        servers = "\n".join(f"    server i{index} 127.0.0.1:{port}" for index, port in enumerate(backends))
        return f"""global
    maxconn 1024

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 15s
    timeout check 1s
    option http-buffer-request
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend webhooks
    bind 127.0.0.1:{self.port}
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /healthz
    default-server check inter 500ms fall 1 rise 1
{servers}
"""

    def use(self, backends: list[int]):
        """Writes the configuration for the instances on these ports, checks it and starts HAProxy."""
        path = self.workdir / "haproxy.cfg"
        path.write_text(self.config(backends))
        check = subprocess.run(["haproxy", "-c", "-q", "-f", str(path)], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise Violation(f"haproxy refused its configuration {path}: {check.stderr.strip() or check.stdout.strip()}")
        self.process = CHILDREN.spawn(["haproxy", "-db", "-f", str(path)], dict(os.environ), self.workdir / "haproxy.log")
        wait_for_port(self.port, self.process, 30, "haproxy", self.workdir / "haproxy.log")

    def close(self):
        if self.process is not None:
            chaos.stop_process(self.process, 5)


class Instance:
    """One EchoBot process in remote mode, restartable with the same id, port and store."""

    def __init__(self, run, workdir: Path, simulator: Simulator, secret: str, database_url: str, instance_id: str):
        self.id = instance_id
        self.port = free_port()
        self.log_path = workdir / f"{instance_id}.log"
        self.trace_path = workdir / f"{instance_id}.trace.jsonl"
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.started_at = 0.0
        self.binary = run.bin_dir / "EchoBot"
        self.env = dict(
            os.environ, LINQ_API_V3_API_KEY=API_KEY, LINQ_API_V3_BASE_URL=simulator.api_base_url, LINQ_WEBHOOK_SECRET=secret,
            LINQBOT_PORT=str(self.port), LINQBOT_DATABASE_URL=database_url, LINQBOT_INSTANCE_ID=instance_id,
            LINQBOT_HANDLER_TRACE=str(self.trace_path),
        )
        for name in ("LINQBOT_CRASH_POINT", "LINQBOT_CRASH_SIGNAL"):
            self.env.pop(name, None)

    def spawn(self, crash_point: str | None = None, crash_signal: str | None = None):
        env = dict(self.env)
        if crash_point:
            env["LINQBOT_CRASH_POINT"] = crash_point
        if crash_signal:
            env["LINQBOT_CRASH_SIGNAL"] = crash_signal
        self.starts += 1
        with open(self.log_path, "a") as log:
            log.write(f"\n===== instances: start {self.starts}, crash point {crash_point or 'none'} =====\n")
        self.started_at = time.monotonic()
        self.process = CHILDREN.spawn([str(self.binary)], env, self.log_path)

    def wait_listening(self, timeout: float = 90):
        wait_for_port(self.port, self.process, timeout, f"EchoBot {self.id}", self.log_path, may_crash=True)

    def start(self, crash_point: str | None = None, crash_signal: str | None = None):
        self.spawn(crash_point, crash_signal)
        self.wait_listening()

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def is_stopped(self) -> bool:
        """Whether the process is paused by SIGSTOP (state T in /proc)."""
        try:
            stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] == "T"

    def kill(self):
        if self.is_running():
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self, grace: float) -> int:
        return chaos.stop_process(self.process, grace)

    def trace(self) -> list[dict]:
        try:
            lines = self.trace_path.read_text().splitlines()
        except OSError:
            return []
        records = []
        for line in lines:
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                pass  # a line cut by kill -9
        return records


class Cluster:
    """A simulator, a proxy subscribed to it, and N instances sharing one store."""

    def __init__(self, run, name: str, count: int, simulator_flags: list[str], database_url: str | None = None, pool: int = 10,
                 haproxy: bool = False):
        self.workdir = run.workdir(name)
        self.database = Database(run.settings.postgres_url, f"chaos_{name.replace('-', '_')}_{run.seed % 100000}", pool)
        self.simulator = Simulator(run.bin_dir, self.workdir, simulator_flags)
        self.proxy = HAProxy(self.workdir) if haproxy else RoundRobinProxy()
        _, self.secret = self.simulator.subscribe(f"http://127.0.0.1:{self.proxy.port}/webhooks/linq")
        url = database_url or self.database.url
        self.instances = [Instance(run, self.workdir, self.simulator, self.secret, url, f"{name}-i{index}") for index in range(count)]
        self.proxy.use([instance.port for instance in self.instances])
        self.conversation = Conversation()

    def start_all(self, armed: dict[str, tuple[str, str | None]] | None = None):
        """Starts every instance at once (the armed ones with a crash point and signal), then waits for all."""
        for instance in self.instances:
            point, sig = (armed or {}).get(instance.id, (None, None))
            instance.spawn(point, sig)
        for instance in self.instances:
            instance.wait_listening()

    def say(self, chat_index: int, text: str) -> str:
        chat_id, _ = self.simulator.person_says(person_handle(chat_index), text)
        self.conversation.record(chat_id, text)
        return chat_id

    def wait_for_replies(self, timeout: float, texts: list[str] | None = None) -> list[str]:
        """Waits until every text (or `texts`) has its reply and no inbox row is open; answers the missing."""
        deadline = time.monotonic() + timeout
        while True:
            replied = set(self.simulator.sent_texts())
            wanted = texts if texts is not None else self.conversation.all_texts()
            missing = [text for text in wanted if f"You said: {text}" not in replied]
            if (not missing and (texts is not None or self.database.open_rows() == 0)) or time.monotonic() >= deadline:
                return missing
            time.sleep(0.25)

    def close(self, outcome: Outcome, grace: float, keep_schema: bool):
        for instance in self.instances:
            if instance.is_stopped():
                instance.process.send_signal(signal.SIGCONT)
            if instance.is_running():
                status = instance.stop(grace)
                if status != 0:
                    outcome.violations.append(
                        f"{instance.id} did not exit cleanly within {grace:g} s of SIGTERM (status {status})\n{log_tail(instance.log_path)}"
                    )
        self.proxy.close()
        if not keep_schema:
            self.database.drop()


# MARK: - Checks


def handler_intervals(instances: list[Instance]) -> dict[str, list[tuple[float, float, str, int]]]:
    """Per chat, every handler run that ended: (start, end, instance, token)."""
    opened: dict[tuple, dict] = {}
    by_chat = collections.defaultdict(list)
    for instance in instances:
        for record in instance.trace():
            key = (record["instance"], record["worker"], record["event"], record["token"])
            if record["phase"] == "start":
                opened[key] = record
            elif record["phase"] in ("end", "failed", "cancelled") and key in opened:
                start = opened.pop(key)
                by_chat[record["chat"]].append((start["at"], record["at"], record["instance"], record["token"]))
    return by_chat


def count_overlaps(by_chat: dict[str, list[tuple[float, float, str, int]]]) -> tuple[int, list[str]]:
    overlaps, samples = 0, []
    for chat, intervals in by_chat.items():
        intervals.sort()
        latest_end, latest = float("-inf"), None
        for interval in intervals:
            if interval[0] < latest_end:
                overlaps += 1
                if len(samples) < 5:
                    samples.append(f"{chat}: {latest[2]} token {latest[3]} and {interval[2]} token {interval[3]}")
            if interval[1] > latest_end:
                latest_end, latest = interval[1], interval
    return overlaps, samples


def order_violations(cluster: Cluster) -> list[str]:
    """Per chat, events whose committed runs started in an order other than their inbox order.

    A run's start is written before its handler, its commit after; the next event's claim
    waits for that commit: so start times order a chat's committed runs across processes
    (commit records, written after the commit returned, may not).
    """
    sequence = {row[0]: int(row[1]) for row in cluster.database.psql("SELECT event_id, sequence FROM linqbot_inbox")}
    problems = []
    for chat, runs in committed_runs(cluster.instances).items():
        order = [sequence.get(event, -1) for _, event in sorted(runs)]
        if order != sorted(order):
            problems.append(chat)
    return problems


def committed_runs(instances: list[Instance]) -> dict[str, list[tuple[float, str]]]:
    """Per chat, the (start time, event id) of every handler run whose commit held."""
    runs = collections.defaultdict(list)
    for instance in instances:
        started = {}
        for record in instance.trace():
            key = (record["worker"], record["event"], record["token"])
            if record["phase"] == "start":
                started[key] = record["at"]
            elif record["phase"] == "committed" and key in started:
                runs[record["chat"]].append((started[key], record["event"]))
    return runs


def check_outcome(cluster: Cluster, outcome: Outcome, allow_dead: int = 0):
    """Lost, duplicate replies, per-chat counters (C2), open rows, dead letters."""
    replies = collections.Counter(cluster.simulator.sent_texts())
    texts = cluster.conversation.all_texts()
    lost = [text for text in texts if replies[f"You said: {text}"] == 0]
    duplicated = [text for text in texts if replies[f"You said: {text}"] > 1]
    received, open_rows, dead = cluster.database.snapshot()
    # Events no instance ever acknowledged (the simulator ran out of retries): their texts count
    # as lost above; this says how many of the lost never reached a store.
    outcome.figures += [line for line in chaos.delivery_figures(cluster.simulator.deliveries()) if "never acknowledged" in line]
    with cluster.conversation.lock:
        expected = {chat: len(chat_texts) for chat, chat_texts in cluster.conversation.texts_by_chat.items()}
    wrong = {chat: (received.get(chat, 0), want) for chat, want in expected.items() if received.get(chat, 0) != want}
    outcome.figures += [
        f"messages: {len(texts)} in {len(expected)} chats; replies seen: {sum(replies.values())}",
        f"lost: {len(lost)}; duplicate replies: {len(duplicated)}; chats whose counter is off (C2): {len(wrong)} "
        f"of {len(expected)}; open inbox rows: {open_rows}; dead letters: {dead}",
    ]
    if lost:
        outcome.violations.append(f"{len(lost)} messages lost (no reply), e.g. {lost[:5]}")
    if duplicated:
        outcome.violations.append(f"{len(duplicated)} messages answered more than once, e.g. {duplicated[:5]}")
    if wrong:
        sample = [f"{chat}: received={got}, sent={want}" for chat, (got, want) in list(wrong.items())[:5]]
        outcome.violations.append(f"{len(wrong)} chats whose session counter differs from the messages sent, e.g. {sample}")
    if open_rows:
        outcome.violations.append(f"{open_rows} inbox rows still pending or claimed")
    if dead != allow_dead:
        outcome.violations.append(f"{dead} dead letters, expected {allow_dead}")


def lease_losses(instance: Instance) -> int:
    return sum(1 for record in instance.trace() if record["phase"] == "lease_lost")


# MARK: - Scenarios


def scenario_c1(run) -> Outcome:
    """C1 and C2: interleaved load over 3 instances with 10 % duplicates; no overlapping
    handler intervals per chat, commits in inbox order, counters exact."""
    s = run.settings
    outcome = Outcome("c1")
    # Every message is injected at once, so the last webhooks wait their turn for many seconds:
    # Linq's retry schedule (25 minutes in all) is shortened less than in the other scenarios, so
    # a delivery that timed out on a busy instance is retried for as long as the instances take
    # to work through the load, as Linq would: by 10 at the CI size (2.5 minutes), by 2 at full
    # size (12.5 minutes), where 10,000 messages keep three instances busy for minutes.
    cluster = Cluster(run, "c1", s.c1_instances, ["--duplicate-rate", "0.1", "--no-rate-limit", "--retry-scale", str(s.c1_retry_scale)])
    try:
        cluster.start_all()
        started = time.monotonic()
        for message in range(s.c1_messages):
            for chat in range(s.c1_chats):
                cluster.say(chat, f"c1-{chat}-{message}")
        injected = time.monotonic() - started
        missing = cluster.wait_for_replies(s.reply_timeout)
        drained = time.monotonic() - started
        wait_for_quiet_deliveries(cluster.simulator)
        by_chat = handler_intervals(cluster.instances)
        overlaps, samples = count_overlaps(by_chat)
        out_of_order = order_violations(cluster)
        per_instance = collections.Counter(i[2] for runs in by_chat.values() for i in runs)
        outcome.figures += [
            f"{s.c1_chats} chats × {s.c1_messages} messages over {len(cluster.instances)} instances, 10 % duplicate deliveries; "
            f"injected in {injected:.1f} s, all answered {drained:.1f} s after the first",
            f"handler runs per instance: {dict(sorted(per_instance.items()))}",
            f"overlapping handler intervals within a chat (C1): {overlaps}; chats committed out of inbox order: {len(out_of_order)}",
        ]
        if missing:
            outcome.violations.append(f"{len(missing)} messages unanswered after {s.reply_timeout:g} s")
        if overlaps:
            outcome.violations.append(f"{overlaps} overlapping handler intervals, e.g. {samples}")
        if out_of_order:
            outcome.violations.append(f"{len(out_of_order)} chats committed out of order, e.g. {out_of_order[:5]}")
        if len(per_instance) < len(cluster.instances):
            outcome.violations.append(f"only {len(per_instance)} of {len(cluster.instances)} instances ran handlers")
        check_outcome(cluster, outcome)
    finally:
        cluster.close(outcome, s.stop_grace, run.keep)
    return outcome


def takeover(cluster: Cluster, victim: Instance, outcome: Outcome, what: str, timeout: float, limit: float = 45) -> float | None:
    """After `victim` stopped working mid-handler: the seconds until every chat it held is
    done, measured from now; records the figure, and a violation past `limit` seconds."""
    since = time.monotonic()
    held = cluster.database.leased_chats(victim.id)
    stored = cluster.database.last_sequence()
    if not held:
        outcome.violations.append(f"{victim.id} held no chat lease when it {what}: nothing to take over")
        return None
    # Only the events stored before: later deliveries to those chats are not the takeover's.
    while cluster.database.open_rows(held, stored) and time.monotonic() - since < timeout:
        time.sleep(0.1)
    taken = time.monotonic() - since
    if cluster.database.open_rows(held, stored):
        outcome.violations.append(f"the chats {victim.id} held were not taken over within {timeout:g} s")
        return None
    outcome.figures.append(f"{victim.id} {what} holding {len(held)} chat(s); taken over and done {taken:.1f} s later "
                           f"(limit {limit:g} s; instance timeout {INSTANCE_TIMEOUT:g} s + heartbeat {HEARTBEAT:g} s)")
    if taken > limit:
        outcome.violations.append(f"takeover took {taken:.1f} s, more than {limit:g} s")
    return taken


def traffic_until(cluster: Cluster, chats: int, prefix: str, stop, pace: float = 0.02, limit: int = 2000) -> int:
    """Sends messages round the chats until `stop()` holds; answers how many."""
    sent = 0
    while not stop() and sent < limit:
        cluster.say(sent % chats, f"{prefix}-{sent}")
        sent += 1
        time.sleep(pace)
    return sent


def scenario_c3(run) -> Outcome:
    """C3: kill -9 of the lease holder in the middle of a handler (after Linq accepted the
    reply), with three instances as the plan asks, then with two (the other one, running
    alone): the others take the chat over within 10 s (about 8 s with the sweep; the plan
    allows 45 s); 0 lost, 0 duplicate replies."""
    s = run.settings
    outcome = Outcome("c3")
    rng = run.random("c3")
    for count in (3, 2):
        cluster = Cluster(run, f"c3x{count}", count, ["--no-rate-limit", "--retry-scale", "60"])
        try:
            victim = cluster.instances[0]
            hit = rng.randint(3, 8)
            cluster.start_all({victim.id: (f"after-send:{hit}", None)})
            sent = traffic_until(cluster, s.c3_chats, f"c3x{count}", lambda: not victim.is_running())
            if victim.is_running():
                raise Violation(f"{victim.id} armed at after-send:{hit} was still running after {sent} messages")
            outcome.figures.append(f"{count} instances: {sent} messages before {victim.id} died at its after-send crash point (hit {hit})")
            takeover(cluster, victim, outcome, "was killed (SIGKILL)", s.reply_timeout, limit=TAKEOVER_LIMIT)
            missing = cluster.wait_for_replies(s.reply_timeout)
            if missing:
                outcome.violations.append(f"{count} instances: {len(missing)} messages unanswered")
            wait_for_quiet_deliveries(cluster.simulator)
            check_outcome(cluster, outcome)
        finally:
            cluster.close(outcome, s.stop_grace, run.keep)
    return outcome


def scenario_c4(run) -> Outcome:
    """C4: the holder pauses (SIGSTOP) right after Linq accepted a reply, past the instance
    timeout; another instance takes over; SIGCONT: the paused one's commit is refused by the
    fence, and the resend collapses through the idempotency key (0 duplicate replies)."""
    s = run.settings
    outcome = Outcome("c4")
    rng = run.random("c4")
    cluster = Cluster(run, "c4", 3, ["--no-rate-limit", "--retry-scale", "60"])
    try:
        victim = cluster.instances[0]
        hit = rng.randint(3, 8)
        cluster.start_all({victim.id: (f"after-send:{hit}", "SIGSTOP")})
        sent = traffic_until(cluster, s.c3_chats, "c4", victim.is_stopped)
        if not victim.is_stopped():
            raise Violation(f"{victim.id} armed to stop at after-send:{hit} was not stopped after {sent} messages")
        paused_at = time.monotonic()
        taken = takeover(cluster, victim, outcome, "was paused (SIGSTOP)", s.reply_timeout)
        # Paused for twice the instance timeout at least, and until the others took over.
        time.sleep(max(0.0, 2 * INSTANCE_TIMEOUT - (time.monotonic() - paused_at)))
        victim.process.send_signal(signal.SIGCONT)
        outcome.figures.append(f"paused {time.monotonic() - paused_at:.1f} s, then SIGCONT"
                               + ("" if taken is None else f" ({taken:.1f} s after the takeover began)"))
        missing = cluster.wait_for_replies(s.reply_timeout)
        if missing:
            outcome.violations.append(f"{len(missing)} messages unanswered")
        deadline = time.monotonic() + 30
        while lease_losses(victim) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        refused = lease_losses(victim)
        outcome.figures.append(f"late commits of {victim.id} refused by the fence: {refused}")
        if refused < 1:
            outcome.violations.append(f"{victim.id} resumed, but no late commit of its was refused by the fence")
        wait_for_quiet_deliveries(cluster.simulator)
        check_outcome(cluster, outcome)
    finally:
        cluster.close(outcome, s.stop_grace, run.keep)
    return outcome


def scenario_c5(run) -> Outcome:
    """C5: a poison message (EchoBot's reply to it is too long to send, every time) is
    dead-lettered after the retries, and its chat and the others move on. The other chats'
    throughput is measured without the poison, beside it, and without it again, and reported
    against the mean of the two rounds without. It is a figure, not a check: a round's pace is
    mostly the driver's."""
    s = run.settings
    outcome = Outcome("c5")
    cluster = Cluster(run, "c5", 3, ["--no-rate-limit", "--retry-scale", "60"])
    count = 4 * s.c3_chats

    def others_round(prefix: str, first: int) -> tuple[float, list[str]]:
        """Sends `count` messages round `c3_chats` other chats from chat `first` on (new people
        each round, 4 messages each, so the pair pacing's burst of 5 never holds one back); the
        seconds until all are answered."""
        started = time.monotonic()
        for index in range(count):
            cluster.say(first + index % s.c3_chats, f"{prefix}-{index}")
        texts = [text for text in cluster.conversation.all_texts() if text.startswith(f"{prefix}-")]
        missing = cluster.wait_for_replies(s.reply_timeout, texts)
        return time.monotonic() - started, missing

    try:
        cluster.start_all()
        before, missing_before = others_round("base", 1)
        started = time.monotonic()
        poison_chat = cluster.say(0, "before-poison")
        poison = "x" * 9_995  # "You said: " + this is over the 10,000-character limit of a text
        cluster.simulator.person_says(person_handle(0), poison)
        cluster.say(0, "after-poison")
        beside, missing_others = others_round("c5", 1 + s.c3_chats)
        after, missing_after = others_round("again", 1 + 2 * s.c3_chats)
        missing_alone = missing_before + missing_after
        alone = (before + after) / 2
        missing = cluster.wait_for_replies(s.reply_timeout)
        dead = cluster.database.psql("SELECT chat_key, attempts, length(body) FROM linqbot_dead_letters")
        drop = (beside - alone) / alone if alone > 0 else 0.0
        outcome.figures += [
            f"other chats' {count} messages answered in {before:.2f} s and {after:.2f} s without the poison and {beside:.2f} s "
            f"beside it: {count / alone:.1f} and {count / beside:.1f} messages/s, a drop of {100 * drop:.1f} %",
            f"the poisoned chat's next message answered {time.monotonic() - started:.1f} s after the poison; dead letters: "
            + ", ".join(f"chat {row[0][:8]}… after {row[1]} attempts" for row in dead),
        ]
        if missing_alone or missing_others or missing:
            lost = set(missing_alone) | set(missing_others) | set(missing)
            outcome.violations.append(f"{len(lost)} messages unanswered, e.g. {sorted(lost)[:3]}")
        if len(dead) != 1 or dead[0][0] != poison_chat:
            outcome.violations.append(f"expected the poison event alone in the dead letters, found {dead}")
        wait_for_quiet_deliveries(cluster.simulator)
        check_outcome(cluster, outcome, allow_dead=1)
    finally:
        cluster.close(outcome, s.stop_grace, run.keep)
    return outcome


def scenario_c6(run) -> Outcome:
    """C6: 20 instances started at once on an empty schema: migrations applied once, no
    start-up error, every instance serves."""
    s = run.settings
    outcome = Outcome("c6")
    # Twenty pools of 4 connections: a server's default max_connections (100) holds them.
    cluster = Cluster(run, "c6", s.c6_instances, ["--no-rate-limit"], pool=4)
    try:
        started = time.monotonic()
        cluster.start_all()
        up = time.monotonic() - started
        exited = [instance.id for instance in cluster.instances if not instance.is_running()]
        migrations = [row[0] for row in cluster.database.psql("SELECT name FROM linqbot_migrations ORDER BY name")]
        migrated_logs = sum(instance.log_path.read_text(errors="replace").count("Migrated the PostgreSQL store")
                            for instance in cluster.instances)
        for index in range(3 * len(cluster.instances)):
            cluster.say(index % 10, f"c6-{index}")
        missing = cluster.wait_for_replies(s.reply_timeout)
        serving = {port for (port, status) in cluster.proxy.answered if status == 200}
        erring = [instance for instance in cluster.instances
                  if re.search(r"\s(error|critical)\s", instance.log_path.read_text(errors="replace"))]
        errors = [instance.id for instance in erring]
        outcome.figures += [
            f"{len(cluster.instances)} instances listening {up:.1f} s after starting together; exited: {len(exited)}",
            f"migrations recorded: {len(migrations)} ({', '.join(migrations)}); instances that logged applying them: {migrated_logs}",
            f"instances that acknowledged webhooks: {len(serving)} of {len(cluster.instances)}; logs with errors: {len(errors)}",
        ]
        if exited:
            outcome.violations.append(f"instances exited: {exited}")
        if len(migrations) != len(set(migrations)) or migrated_logs > len(migrations):
            outcome.violations.append("a migration was applied more than once")
        if len(serving) != len(cluster.instances):
            outcome.violations.append(f"only {len(serving)} instances served")
        if errors:
            outcome.violations.append(f"errors in the logs of {errors[:5]}\n{log_tail(erring[0].log_path)}")
        if len(serving) != len(cluster.instances):
            silent = [instance for instance in cluster.instances if instance.port not in serving]
            outcome.violations += [f"{instance.id} acknowledged no webhook\n{log_tail(instance.log_path)}" for instance in silent[:2]]
        if missing:
            outcome.violations.append(f"{len(missing)} messages unanswered")
        check_outcome(cluster, outcome)
    finally:
        cluster.close(outcome, s.stop_grace, run.keep)
    return outcome


def restart_run(run, store: str, same_id: bool) -> Outcome:
    """kill -9 in the middle of a handler, immediate restart: every message answered within
    5 s of the restart (SQLite; PostgreSQL with the same instance id), or within the instance
    timeout plus a heartbeat (PostgreSQL with a new id)."""
    s = run.settings
    name = f"restart-{store}" + ("" if same_id else "-new-id")
    outcome = Outcome(name)
    rng = run.random(name)
    database_url = None
    if store == "sqlite":
        database_url = f"sqlite:{run.workdir(name) / 'bot.sqlite'}"
    cluster = Cluster(run, name, 1, ["--no-rate-limit", "--retry-scale", "60"], database_url)
    limit = 5.0 if same_id else INSTANCE_TIMEOUT + HEARTBEAT + 2
    try:
        bot = cluster.instances[0]
        hit = rng.randint(3, 8)
        bot.start(f"before-handler:{hit}")
        sent = traffic_until(cluster, s.restart_chats, name, lambda: not bot.is_running(), pace=0.05)
        if bot.is_running():
            raise Violation(f"armed at before-handler:{hit}, the bot was still running after {sent} messages")
        if store == "sqlite":
            with chaos.open_store(Path(database_url.removeprefix("sqlite:"))) as db:
                held = [row[0] for row in db.execute("SELECT chat_key FROM leases WHERE worker IS NOT NULL")]
                stored = db.execute("SELECT COALESCE(MAX(sequence), 0) FROM inbox").fetchone()[0]
        else:
            held = cluster.database.leased_chats(bot.id)
            stored = cluster.database.last_sequence()
        if not same_id:
            bot.env["LINQBOT_INSTANCE_ID"] = bot.id + "-next"
        bot.start()
        restarted = bot.started_at

        def open_rows() -> int:
            # The events stored before the kill: deliveries the simulator retries later are not mid-handler.
            if store != "sqlite":
                return cluster.database.open_rows(held, stored)
            with chaos.open_store(Path(database_url.removeprefix("sqlite:"))) as db:
                marks = ",".join("?" for _ in held)
                return db.execute(
                    f"SELECT COUNT(*) FROM inbox WHERE status IN ('pending', 'claimed') AND chat_key IN ({marks}) AND sequence <= ?",
                    [*held, stored]).fetchone()[0]

        while held and open_rows() and time.monotonic() - restarted < 30:
            time.sleep(0.05)
        took = time.monotonic() - restarted
        missing = [] if not held or not open_rows() else held
        outcome.figures.append(
            f"{sent} messages; the bot died mid-handler (before-handler:{hit}) holding {len(held)} chat(s); "
            f"their events done {took:.1f} s after the restart, process start included (limit {limit:g} s)"
        )
        if not held:
            outcome.violations.append("the bot held no chat lease when it died: nothing was mid-handler")
        if missing:
            outcome.violations.append(f"the chats it held were not done 30 s after the restart")
        elif took > limit:
            outcome.violations.append(f"the replies took {took:.1f} s after the restart, more than {limit:g} s")
        if store == "sqlite":
            db_path = Path(database_url.removeprefix("sqlite:"))
            replies = set()
            deadline = time.monotonic() + s.reply_timeout
            while time.monotonic() < deadline:
                replies = set(cluster.simulator.sent_texts())
                if open_inbox_count(db_path) == 0 and all(f"You said: {t}" in replies for t in cluster.conversation.all_texts()):
                    break
                time.sleep(0.25)
            snapshot = read_store(db_path)
            lost = [t for t in cluster.conversation.all_texts() if f"You said: {t}" not in replies]
            if lost or snapshot.open_rows or snapshot.dead_letters:
                outcome.violations.append(f"lost {len(lost)}, open rows {snapshot.open_rows}, dead letters {snapshot.dead_letters}")
        else:
            cluster.wait_for_replies(s.reply_timeout)
            wait_for_quiet_deliveries(cluster.simulator)
            check_outcome(cluster, outcome)
    finally:
        cluster.close(outcome, s.stop_grace, run.keep)
    return outcome


def scenario_restart(run) -> Outcome:
    outcome = Outcome("restart")
    runs = [("sqlite", True), ("postgres", True), ("postgres", False)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(runs)) as pool:
        futures = [pool.submit(restart_run, run, store, same) for store, same in runs]
        for future in futures:
            try:
                part = future.result()
            except Exception as error:
                part = Outcome("restart part", violations=[describe(error)])
            outcome.figures += [f"{part.name}: {line}" for line in part.figures]
            outcome.violations += [f"{part.name}: {line}" for line in part.violations]
    return outcome


class PostgresControl:
    """Stops and starts the PostgreSQL server with the commands the run was given
    (`--pg-stop-command`, `--pg-start-command`); each must return once done (`pg_ctl -w`)."""

    def __init__(self, stop_command: str, start_command: str):
        self.stop_command, self.start_command = stop_command, start_command

    @staticmethod
    def run(command: str, what: str):
        result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise Violation(f"{what} the PostgreSQL server failed (status {result.returncode}): {command}\n"
                            f"{(result.stderr or result.stdout).strip()[-800:]}")

    def stop(self):
        self.run(self.stop_command, "stopping")

    def start(self):
        self.run(self.start_command, "starting")


def held_leases(database: Database, instance: str) -> dict[str, int]:
    """The chats the instance's workers hold, with each lease's fencing token."""
    return {row[0]: int(row[1]) for row in database.psql(
        f"SELECT chat_key, token FROM linqbot_leases WHERE worker IS NOT NULL AND starts_with(worker, {quote(instance + '/')})")}


def retake_seconds(database: Database, held: dict[str, int], stored: int, since: float, limit: float) -> float | None:
    """Waits until every chat in `held` was claimed again (a newer fencing token) or has no
    open event stored up to sequence `stored`; answers the seconds since `since`, or None
    after `limit` seconds."""
    chats = ",".join(quote(chat) for chat in held)
    while True:
        try:
            rows = database.psql(
            f"SELECT l.chat_key, l.token, (SELECT count(*) FROM linqbot_inbox AS i WHERE i.chat_key = l.chat_key "
            f"AND i.status IN ('pending', 'claimed') AND i.sequence <= {stored}) FROM linqbot_leases AS l WHERE l.chat_key IN ({chats})")
        except Violation:
            rows = None  # the database is down (the outage): look again
        if rows is not None and not [row for row in rows if int(row[1]) <= held[row[0]] and int(row[2]) > 0]:
            return time.monotonic() - since
        if time.monotonic() - since > limit:
            return None
        time.sleep(0.2)


def scenario_b2(run) -> Outcome:
    """B2: B1 on PostgreSQL with 2 instances behind HAProxy: N events, 20 % duplicates, 5 %
    reordered, kill -9 of either instance at random intervals with an immediate restart, and a
    PostgreSQL outage in the middle (503 while down, work resumes by itself). 0 lost, 0
    double-processed, 0 duplicate replies; orphaned chat leases retaken within 45 s."""
    s = run.settings
    outcome = Outcome("b2")
    rng = run.random("b2")
    control = PostgresControl(s.pg_stop_command, s.pg_start_command) if not s.skip_pg_restart else None
    # Linq's retry schedule (about 30 minutes) scaled down 10 times, not 60 as elsewhere: its
    # three minutes outlast the outage and the slow answers around it, where 30 s would let the
    # simulator give up on events that no instance could take while the database was down.
    cluster = Cluster(run, "b2", 2, ["--duplicate-rate", "0.2", "--reorder-rate", "0.05", "--no-rate-limit", "--retry-scale", "10"],
                      haproxy=True)
    kill_times = [rng.uniform(s.b2_kill_min, s.b2_kill_max) for _ in range(s.b2_kills)]
    # Injection spans the kill window; the outage starts half way through it.
    pace = sum(kill_times) / s.b2_events
    outage_at = sum(kill_times) / 2
    stop_killing = threading.Event()
    # Held while an instance is killed and restarted, and while the database is down: a
    # restart needs the database, and an outage must not meet a half-started instance.
    turn = threading.Lock()
    takeovers: list[tuple[str, int, float | None]] = []
    watchers: list[threading.Thread] = []
    errors: list[str] = []
    outage: dict[str, float] = {}

    def killer():
        try:
            for pause in kill_times:
                if stop_killing.wait(pause):
                    return
                victim = rng.choice(cluster.instances)
                with turn:
                    if not victim.is_running():
                        errors.append(f"{victim.id} died on its own (status {victim.process.returncode})\n{log_tail(victim.log_path)}")
                        victim.start()
                        continue
                    victim.kill()
                    killed_at = time.monotonic()
                    held = held_leases(cluster.database, victim.id)
                    stored = cluster.database.last_sequence()
                    victim.start()
                if held:
                    def watch(victim=victim, held=held, stored=stored, killed_at=killed_at):
                        takeovers.append((victim.id, len(held), retake_seconds(cluster.database, held, stored, killed_at, 60)))
                    watchers.append(threading.Thread(target=watch, daemon=True))
                    watchers[-1].start()
        except Exception as error:  # a failed restart or psql call ends the kills; the checks report it
            errors.append(describe(error))

    def outage_maker():
        if control is None or stop_killing.wait(outage_at):
            return
        try:
            with turn:
                started = time.monotonic()
                control.stop()
                outage["stopped"] = time.monotonic() - started
                stop_killing.wait(s.b2_outage)
                control.start()
                outage["down"] = time.monotonic() - started
                outage["at"] = started
        except Violation as error:
            errors.append(str(error))

    threads = [threading.Thread(target=killer, daemon=True), threading.Thread(target=outage_maker, daemon=True)]
    try:
        cluster.start_all()
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for index in range(s.b2_events):
            time.sleep(max(0.0, started + index * pace - time.monotonic()))
            cluster.say(index % s.b2_chats, f"b2-{index}")
        injected = time.monotonic() - started
        for thread in threads:
            thread.join(timeout=sum(kill_times) + s.b2_outage + 120)
        stop_killing.set()
        starts = sum(instance.starts for instance in cluster.instances)
        outcome.figures.append(
            f"events: {s.b2_events} over {s.b2_chats} chats injected in {injected:.1f} s, 2 instances behind HAProxy; kill -9: {len(kill_times)} "
            f"(every {s.b2_kill_min:g}–{s.b2_kill_max:g} s, either instance, restarted at once); starts: {starts}")
        if control is None:
            outcome.figures.append("PostgreSQL restart skipped (--skip-pg-restart)")
        elif "down" in outage:
            outcome.figures.append(f"PostgreSQL stopped {outage['at'] - started:.1f} s in, down {outage['down']:.1f} s "
                                   f"(stop took {outage['stopped']:.1f} s)")
        else:
            outcome.violations.append("the PostgreSQL outage did not happen")
        missing = cluster.wait_for_replies(s.reply_timeout)
        drained = time.monotonic() - started
        outcome.figures.append(f"all answered {drained:.1f} s after the first event" if not missing else
                               f"{len(missing)} unanswered {s.reply_timeout:g} s after the injection")
        for watcher in list(watchers):
            watcher.join(timeout=65)
        timed = [seconds for _, _, seconds in takeovers if seconds is not None]
        outcome.figures.append(
            f"kills that left chat leases: {len(takeovers)}; orphaned leases retaken (claimed again or their events done) within "
            + (f"{min(timed):.1f}–{max(timed):.1f} s (median {sorted(timed)[len(timed) // 2]:.1f} s; limit 45 s)" if timed else "—"))
        late = [f"{victim} ({count} chats)" for victim, count, seconds in takeovers if seconds is None or seconds > 45]
        if late:
            outcome.violations.append(f"orphaned leases not retaken within 45 s after killing {late}")
        outcome.violations += errors
        wait_for_quiet_deliveries(cluster.simulator)
        deliveries = cluster.simulator.deliveries()
        statuses = collections.Counter(str(attempt.get("status") or attempt.get("error") or "no answer")[:80] for attempt in deliveries)
        outcome.figures.append("webhook attempts by answer: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
        outcome.figures += chaos.delivery_figures(deliveries)[1:]
        if control is not None and not statuses.get("503"):
            outcome.violations.append("no webhook was answered 503 while the database was down")
        check_outcome(cluster, outcome)
    finally:
        stop_killing.set()
        for thread in threads:
            thread.join(timeout=120)
        cluster.close(outcome, s.stop_grace, run.keep)
    return outcome


RUNNERS = {"b2": scenario_b2, "c1": scenario_c1, "c3": scenario_c3, "c4": scenario_c4, "c5": scenario_c5, "c6": scenario_c6, "restart": scenario_restart}


# MARK: - Command line


class Run:
    def __init__(self, bin_dir: Path, root: Path, seed: int, settings: argparse.Namespace):
        self.bin_dir, self.root, self.seed, self.settings = bin_dir, root, seed, settings
        self.keep = settings.keep

    def workdir(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def random(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}-{name}")


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Scenario details: Tests/Chaos/README.md")
    parser.add_argument("scenarios", nargs="+", choices=(*SCENARIOS, "all"), help="what to run; all = every scenario")
    parser.add_argument("--bin-dir", required=True, type=Path, help="folder with the built EchoBot and linqbot")
    parser.add_argument("--postgres-url", default=os.environ.get("LINQBOT_TEST_POSTGRES_URL"),
                        help="a scratch PostgreSQL database (default: $LINQBOT_TEST_POSTGRES_URL); each scenario uses a schema of its own")
    parser.add_argument("--size", choices=tuple(SIZES), default="ci", help="default sizes: ci (PR) or full (nightly)")
    parser.add_argument("--jobs", type=int, default=2, help="scenarios run side by side (b2, c1 and c6 always run alone)")
    parser.add_argument("--seed", type=int, help="seed of the random choices (printed; default: from the clock)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and the schemas")
    parser.add_argument("--reply-timeout", type=float, default=120, help="seconds to wait for every reply")
    parser.add_argument("--stop-grace", type=float, default=10, help="seconds an instance gets to exit after SIGTERM")
    restart = parser.add_argument_group("the PostgreSQL outage of b2")
    restart.add_argument("--pg-stop-command", default=os.environ.get("LINQBOT_TEST_POSTGRES_STOP"),
                         help="shell command that stops the server and returns once it is down, e.g. "
                              "'pg_ctl -D DATA -m fast -w stop' as its owner (default: $LINQBOT_TEST_POSTGRES_STOP)")
    restart.add_argument("--pg-start-command", default=os.environ.get("LINQBOT_TEST_POSTGRES_START"),
                         help="shell command that starts it again, as it was started, and returns once it accepts "
                              "connections (default: $LINQBOT_TEST_POSTGRES_START)")
    restart.add_argument("--skip-pg-restart", action="store_true", help="run b2 without the PostgreSQL outage")
    sizes = parser.add_argument_group("sizes (defaults from --size)")
    for name, value in SIZES["ci"].items():
        sizes.add_argument("--" + name.replace("_", "-"), type=type(value), help=f"{name.split('_')[0]}: {name.split('_', 1)[1]}")
    settings = parser.parse_args(argv)
    for name, value in SIZES[settings.size].items():
        if getattr(settings, name) is None:
            setattr(settings, name, value)
    if "all" in settings.scenarios:
        settings.scenarios = list(SCENARIOS)
    return settings


def main(argv: list[str]) -> int:
    settings = parse_arguments(argv)
    chaos.install_exit_handlers()
    bin_dir = settings.bin_dir.resolve()
    for name in ("EchoBot", "linqbot"):
        if not os.access(bin_dir / name, os.X_OK):
            print(f"instances: {bin_dir / name} is missing or not executable; build first (swift build)", file=sys.stderr)
            return 2
    if not settings.postgres_url:
        print("instances: give --postgres-url (or set LINQBOT_TEST_POSTGRES_URL) to a scratch PostgreSQL database", file=sys.stderr)
        return 2
    if not shutil.which("psql"):
        print("instances: the psql command is needed to read the shared store (apt-get install postgresql-client)", file=sys.stderr)
        return 2
    if "b2" in settings.scenarios:
        if not shutil.which("haproxy"):
            print("instances: b2 runs the instances behind HAProxy: install it (apt-get install haproxy)", file=sys.stderr)
            return 2
        if not settings.skip_pg_restart and not (settings.pg_stop_command and settings.pg_start_command):
            print("instances: b2 stops and starts the PostgreSQL server in the middle: give --pg-stop-command and "
                  "--pg-start-command (or LINQBOT_TEST_POSTGRES_STOP and LINQBOT_TEST_POSTGRES_START), or --skip-pg-restart "
                  "to run it without the outage", file=sys.stderr)
            return 2
    seed = settings.seed if settings.seed is not None else int(time.time())
    root = Path(tempfile.mkdtemp(prefix="linqbot-instances-"))
    run = Run(bin_dir, root, seed, settings)
    print(f"instances: size {settings.size}, seed {seed}, scenarios {' '.join(settings.scenarios)}, work folder {root}", flush=True)
    outcomes: list[Outcome] = []

    def run_one(name: str) -> Outcome:
        started = time.monotonic()
        try:
            outcome = RUNNERS[name](run)
        except Exception as error:
            outcome = Outcome(name, violations=[describe(error)])
        outcome.seconds = time.monotonic() - started
        return outcome

    def report(outcome: Outcome):
        outcomes.append(outcome)
        print(f"\n== {outcome.name}", flush=True)
        for line in outcome.figures:
            print(f"  {line}")
        for line in outcome.violations:
            print(f"  VIOLATION: {line}")
        print(f"  {outcome.name}: {'PASS' if outcome.passed else 'FAIL'} ({outcome.seconds:.0f} s)", flush=True)

    try:
        # b2 stops the database server: nothing may run beside it.
        alone = [name for name in settings.scenarios if name in ("b2", "c1", "c6")]
        together = [name for name in settings.scenarios if name not in alone]
        for name in alone:
            report(run_one(name))
            CHILDREN.kill_all()
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
            for outcome in pool.map(run_one, together):
                report(outcome)
    finally:
        CHILDREN.kill_all()
        failed = any(not outcome.passed for outcome in outcomes) or len(outcomes) < len(settings.scenarios)
        if settings.keep or failed:
            print(f"\ninstances: work folder kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print("\nSummary (seed %d):" % seed)
    for outcome in outcomes:
        print(f"  {outcome.name}: {'PASS' if outcome.passed else 'FAIL'} ({outcome.seconds:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
