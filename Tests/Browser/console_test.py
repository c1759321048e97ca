#!/usr/bin/env python3
"""End-to-end check of the admin console (`/admin/`) in headless Chromium, against a running bot.

Usage:
    python3 Tests/Browser/console_test.py BOT_URL SIMULATOR_URL ADMIN_TOKEN [screenshot.png]

Needs: `pip install selenium`, Debian's `chromium` and `chromium-driver` (/usr/bin/chromium,
/usr/bin/chromedriver). The bot must run with LINQBOT_ADMIN_TOKEN=ADMIN_TOKEN in local mode
(its in-process simulator at SIMULATOR_URL) and answer text messages.

What it does: a fresh phone number writes to the bot through the simulator; the page at
BOT_URL/admin/ first refuses a wrong token, then takes the right one, lists the chat, opens it
and shows the person's message and the bot's reply; hand-off marks the chat handed off and
hand-back clears it; the dead letters, opt-outs and backlog tabs load, and the backlog tab draws its
three charts of the last hour, counting the handled message. Each wait lasts at most 20 s.

Prints exactly "1 passed, 0 failed" on success; otherwise "0 passed, 1 failed" and the reason,
and exits with status 1.
"""
import json
import random
import sys
import time
import urllib.parse
import urllib.request

TEXT = "hello from the console test"
TIMEOUT_S = 20


def person_writes(simulator_url, handle, text):
    state = json.load(urllib.request.urlopen(simulator_url.rstrip("/") + "/sim/state", timeout=10))
    lines = state.get("lines") or []
    line = lines[0]["phone_number"]
    body = json.dumps({"line": line, "text": text}).encode()
    request = urllib.request.Request(
        simulator_url.rstrip("/") + "/sim/handles/" + urllib.parse.quote(handle) + "/messages", data=body,
        headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request, timeout=10).read()


def chat_of(simulator_url, handle):
    for _ in range(40):
        state = json.load(urllib.request.urlopen(simulator_url.rstrip("/") + "/sim/state", timeout=10))
        for chat in state.get("chats") or []:
            if handle in (chat.get("handles") or []):
                return chat["id"]
        time.sleep(0.5)
    raise AssertionError("the simulator has no chat with %s" % handle)


def run(bot_url, simulator_url, token, screenshot_path):
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

        for tab, rows in (("dead", "#dead-rows tr"), ("optouts", "#optout-rows tr"), ("backlog", "#backlog-rows tr")):
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
        if screenshot_path:
            driver.find_element(By.CSS_SELECTOR, ".tab[data-tab=chats]").click()
            driver.save_screenshot(screenshot_path)
    finally:
        driver.quit()


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    try:
        run(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    except Exception as error:  # noqa: BLE001 - report any failure the same way
        print("0 passed, 1 failed")
        print("FAILED: %s" % error)
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
