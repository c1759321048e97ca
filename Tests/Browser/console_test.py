#!/usr/bin/env python3
"""End-to-end check of the admin console (`/admin/`) in headless Chromium, against a running bot.

Usage:
    python3 Tests/Browser/console_test.py BOT_URL SIMULATOR_URL ADMIN_TOKEN --crm-port PORT [--screenshot FILE]

Needs: `pip install selenium`, Debian's `chromium` and `chromium-driver` (/usr/bin/chromium,
/usr/bin/chromedriver). The bot is LeadQualifier in local mode (its in-process simulator at
SIMULATOR_URL) with LINQBOT_ADMIN_TOKEN=ADMIN_TOKEN and
LINQBOT_LEAD_HANDOFF_URL=http://127.0.0.1:PORT/leads: this script serves that URL itself, as
the business's CRM.

What it does: a fresh phone number writes to the bot through the simulator; the page at
BOT_URL/admin/ first refuses a wrong token, then takes the right one, lists the chat, opens it
and shows the person's message and the bot's reply; hand-off marks the chat handed off and
hand-back clears it. Then a second person answers the bot's questions while the CRM is down
(503): the last answer's handler throws on every attempt and the event is dead-lettered; the
dead letters tab shows it; with the CRM back, Replay delivers the lead once and the person gets
the bot's last message once. The opt-outs and backlog tabs load, and the backlog tab draws its
three charts of the last hour, counting the handled messages. Each wait lasts at most 20 s,
but the one for the dead letter (the retries' back-off): 90 s.

Prints exactly "1 passed, 0 failed" on success; otherwise "0 passed, 1 failed" and the reason,
and exits with status 1.
"""
import argparse
import http.server
import json
import random
import sys
import threading
import time
import urllib.parse
import urllib.request

TEXT = "hello from the console test"
TIMEOUT_S = 20
DEAD_LETTER_TIMEOUT_S = 90
# LeadQualifier's questions answered by a qualified lead; the last answer's handler posts the lead.
ANSWERS = ["Hi there", "Ada", "buy", "500k", "1"]
QUALIFIED = "Thanks Ada!"


class FakeCRM:
    """The business's CRM on 127.0.0.1: answers 503 while down, else 200, and counts both."""

    def __init__(self, port):
        self.down = True
        self.refused = 0
        self.accepted = []
        crm = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if crm.down:
                    crm.refused += 1
                    self.send_response(503)
                else:
                    crm.accepted.append(json.loads(body or b"{}"))
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def person_writes(simulator_url, handle, text):
    state = json.load(urllib.request.urlopen(simulator_url.rstrip("/") + "/sim/state", timeout=10))
    lines = state.get("lines") or []
    line = lines[0]["phone_number"]
    body = json.dumps({"line": line, "text": text}).encode()
    request = urllib.request.Request(
        simulator_url.rstrip("/") + "/sim/handles/" + urllib.parse.quote(handle) + "/messages", data=body,
        headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request, timeout=10).read()


def replies(simulator_url, handle):
    """The texts the bot's line sent to `handle`, oldest first (contact cards left out)."""
    state = json.load(urllib.request.urlopen(simulator_url.rstrip("/") + "/sim/state", timeout=10))
    line = (state.get("lines") or [])[0]["phone_number"]
    url = "%s/sim/lines/%s/sent?handle=%s" % (simulator_url.rstrip("/"), urllib.parse.quote(line), urllib.parse.quote(handle))
    messages = json.load(urllib.request.urlopen(url, timeout=10)).get("messages") or []
    return [m["parts"][0].get("value") for m in messages if m.get("kind") != "contact_card" and m.get("parts")]


def wait_for(condition, seconds, failure):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(failure())


def chat_of(simulator_url, handle):
    for _ in range(40):
        state = json.load(urllib.request.urlopen(simulator_url.rstrip("/") + "/sim/state", timeout=10))
        for chat in state.get("chats") or []:
            if handle in (chat.get("handles") or []):
                return chat["id"]
        time.sleep(0.5)
    raise AssertionError("the simulator has no chat with %s" % handle)


def dead_letter_replayed(driver, wait, simulator_url, crm):
    """A lead whose CRM post fails is dead-lettered; with the CRM back, Replay delivers it once."""
    from selenium.webdriver.common.by import By

    handle = "+1555" + "".join(random.choice("0123456789") for _ in range(7))
    for count, answer in enumerate(ANSWERS[:-1], start=1):
        person_writes(simulator_url, handle, answer)
        wait_for(lambda: len(replies(simulator_url, handle)) >= count, TIMEOUT_S,
                 lambda: "no answer to %r: %r" % (answer, replies(simulator_url, handle)))
    person_writes(simulator_url, handle, ANSWERS[-1])
    chat = chat_of(simulator_url, handle)
    driver.find_element(By.CSS_SELECTOR, ".tab[data-tab=dead]").click()
    row = '#dead-rows tr[data-dead-letter]'

    def dead_row():
        for element in driver.find_elements(By.CSS_SELECTOR, row):
            if chat in element.text:
                return element
        return None
    # The console refreshes every 5 s; the retries back off for up to 30 s before the dead letter.
    wait_for(lambda: dead_row() is not None, DEAD_LETTER_TIMEOUT_S,
             lambda: "no dead letter for chat %s (CRM refused %d posts)" % (chat, crm.refused))
    if crm.refused < 2 or crm.accepted:
        raise AssertionError("the handler was not retried against the failing CRM: %d refused, %d accepted"
                             % (crm.refused, len(crm.accepted)))
    if any(QUALIFIED in text for text in replies(simulator_url, handle)):
        raise AssertionError("the person got the last message although its handler failed")
    crm.down = False
    dead_row().find_element(By.XPATH, ".//button[text()='Replay']").click()
    wait.until(lambda d: "is back in chat" in d.find_element(By.CSS_SELECTOR, "#dead-note").text)
    wait_for(lambda: any(QUALIFIED in text for text in replies(simulator_url, handle)), TIMEOUT_S,
             lambda: "the replayed event sent nothing: %r (CRM accepted %d)" % (replies(simulator_url, handle), len(crm.accepted)))
    wait_for(lambda: dead_row() is None, TIMEOUT_S, lambda: "the replayed dead letter is still listed")
    return handle


def replayed_once(simulator_url, handle, crm):
    """After everything else ran: one lead in the CRM, one last message, one reply per answer."""
    sent = replies(simulator_url, handle)
    if len(crm.accepted) != 1 or crm.accepted[0].get("name") != "Ada":
        raise AssertionError("the CRM got %d leads after the replay: %r" % (len(crm.accepted), crm.accepted))
    if len(sent) != len(ANSWERS) or sum(QUALIFIED in text for text in sent) != 1:
        raise AssertionError("the person got %d messages, not one per answer: %r" % (len(sent), sent))


def run(bot_url, simulator_url, token, crm, screenshot_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    handle = "+1555" + "".join(random.choice("0123456789") for _ in range(7))
    person_writes(simulator_url, handle, TEXT)

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        driver.get(bot_url.rstrip("/") + "/admin/")

        def enter(value):
            field = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#token")))
            field.clear()
            field.send_keys(value)
            driver.find_element(By.CSS_SELECTOR, "#gate button[type=submit]").click()

        enter("not-the-token-0000")
        try:
            wait.until(lambda d: "refused" in d.find_element(By.CSS_SELECTOR, "#gate-hint").text)
        except Exception:
            raise AssertionError("a wrong token was not refused on the page")
        enter(token)
        if driver.execute_script("return document.cookie") != "":
            raise AssertionError("the console set a cookie")

        # The chat appears once the bot handled the message; the list polls every 5 s.
        chat = chat_of(simulator_url, handle)
        selector = '#chat-list .item[data-chat="%s"]' % chat
        try:
            wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, selector))).click()
        except Exception:
            raise AssertionError("chat %s did not appear in the list within %d s" % (chat, TIMEOUT_S))
        try:
            wait.until(lambda d: TEXT in [b.text for b in d.find_elements(By.CSS_SELECTOR, "#messages .bubble")])
        except Exception:
            raise AssertionError("the conversation did not show the message %r" % TEXT)
        try:
            wait.until(lambda d: any(
                "mine" in (b.get_attribute("class") or "") for b in d.find_elements(By.CSS_SELECTOR, "#messages .bubble")))
        except Exception:
            raise AssertionError("the conversation did not show the bot's reply")

        wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#hand-off"))).click()
        alert = wait.until(EC.alert_is_present())
        alert.send_keys("checking from CI")
        alert.accept()
        try:
            wait.until(lambda d: "handed off" in d.find_element(By.CSS_SELECTOR, "#chat-sub").text)
        except Exception:
            raise AssertionError("hand-off did not show on the chat: %r" % driver.find_element(By.CSS_SELECTOR, "#chat-note").text)
        if "null" in driver.find_element(By.CSS_SELECTOR, "#chat-sub").text:
            raise AssertionError("the chat's line shows a null: %r" % driver.find_element(By.CSS_SELECTOR, "#chat-sub").text)
        wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#hand-back"))).click()
        try:
            wait.until(lambda d: "handed off" not in d.find_element(By.CSS_SELECTOR, "#chat-sub").text)
        except Exception:
            raise AssertionError("hand-back did not clear the hand-off")

        replayed = dead_letter_replayed(driver, wait, simulator_url, crm)
        for tab, rows in (("optouts", "#optout-rows tr"), ("backlog", "#backlog-rows tr")):
            driver.find_element(By.CSS_SELECTOR, ".tab[data-tab=%s]" % tab).click()
            try:
                wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, rows)) > 0)
            except Exception:
                raise AssertionError("the %s tab showed nothing" % tab)
        # The backlog tab's charts of the last hour: the bot handled this test's message at least.
        try:
            wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#charts figure.chart svg polyline")) == 3)
        except Exception:
            raise AssertionError("the backlog tab did not draw its three charts")
        handled = driver.find_element(By.CSS_SELECTOR, '#charts figure[data-chart=handled] figcaption').text
        count = handled.split(" in the last hour")[0].split()[-1]
        if not count.isdigit() or int(count) < 1:
            raise AssertionError("the handled chart counts no event: %r" % handled)
        # The refused token's 401 is expected; anything else (a script error, a CSP refusal) is not.
        errors = [entry for entry in driver.get_log("browser")
                  if entry.get("level") == "SEVERE" and "401" not in entry.get("message", "")]
        if errors:
            raise AssertionError("the page logged errors: %s" % errors)
        replayed_once(simulator_url, replayed, crm)
        if screenshot_path:
            driver.find_element(By.CSS_SELECTOR, ".tab[data-tab=chats]").click()
            driver.save_screenshot(screenshot_path)
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bot_url")
    parser.add_argument("simulator_url")
    parser.add_argument("token")
    parser.add_argument("--crm-port", type=int, required=True, help="the port of LINQBOT_LEAD_HANDOFF_URL")
    parser.add_argument("--screenshot", help="where to save a screenshot of the chats tab")
    arguments = parser.parse_args()
    crm = FakeCRM(arguments.crm_port)
    try:
        run(arguments.bot_url, arguments.simulator_url, arguments.token, crm, arguments.screenshot)
    except Exception as error:  # noqa: BLE001 - report any failure the same way
        print("0 passed, 1 failed")
        print("FAILED: %s" % error)
        return 1
    finally:
        crm.close()
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
