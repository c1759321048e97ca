#!/usr/bin/env python3
"""End-to-end check of the LinqSimulator web chat page in headless Chromium.

Usage:
    python3 Tests/Browser/chat_page_test.py http://127.0.0.1:7700 [screenshot.png]

Needs: `pip install selenium`, Debian's `chromium` and `chromium-driver`
(/usr/bin/chromium, /usr/bin/chromedriver).

What it does: opens the page at `/`, starts a new conversation as a fresh phone number
(#new-handle + #new-handle-go), types "hello from the browser" in #composer, clicks #send, then
waits (at most 20 s each) for an inbound bubble with that text and for an outbound bubble after
it. The outbound bubble is the bot's reply; its text does not matter.

IMPORTANT: the simulator itself never answers. A bot connected to the simulator (or the test
harness, e.g. through the Partner API or a webhook handler) must reply to the person's message,
or the outbound bubble never appears and this test fails.

Prints exactly "1 passed, 0 failed" on success; otherwise "0 passed, 1 failed" and the reason,
and exits with status 1.
"""
import random
import sys

TEXT = "hello from the browser"
TIMEOUT_S = 20


def run(base_url, screenshot_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        wait = WebDriverWait(driver, TIMEOUT_S)
        driver.get(base_url.rstrip("/") + "/")

        # The page has loaded /sim/state once the line picker has a line in it.
        try:
            wait.until(lambda d: d.execute_script(
                "const s = document.querySelector('#line-select'); return !!(s && s.value);"))
        except Exception:
            raise AssertionError("the page at %s did not show a line from /sim/state within %d s" % (base_url, TIMEOUT_S))

        handle = "+1555" + "".join(random.choice("0123456789") for _ in range(7))
        field = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#new-handle")))
        field.clear()
        field.send_keys(handle)
        driver.find_element(By.CSS_SELECTOR, "#new-handle-go").click()

        composer = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#composer")))
        composer.send_keys(TEXT)
        wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#send"))).click()

        # One script call per check, so a re-render between two WebDriver calls cannot leave us
        # holding stale elements. Answers [inbound bubble found, outbound bubble after it].
        probe = """
            const bubbles = [...document.querySelectorAll('#messages .bubble[data-message-id]')];
            const i = bubbles.findIndex((b) => b.dataset.direction === 'inbound' &&
                [...b.querySelectorAll('.text')].some((t) => t.textContent.trim() === arguments[0]));
            return [i >= 0, i >= 0 && bubbles.slice(i + 1).some((b) => b.dataset.direction === 'outbound')];
        """
        try:
            wait.until(lambda d: d.execute_script(probe, TEXT)[0])
        except Exception:
            raise AssertionError("no inbound bubble with the text %r appeared within %d s" % (TEXT, TIMEOUT_S))
        try:
            wait.until(lambda d: d.execute_script(probe, TEXT)[1])
        except Exception:
            raise AssertionError("no outbound bubble (the bot's reply) appeared within %d s; "
                                 "is a bot answering messages?" % TIMEOUT_S)

        if screenshot_path:
            driver.save_screenshot(screenshot_path)
    finally:
        driver.quit()


def main(argv):
    if len(argv) < 2:
        print("usage: chat_page_test.py BASE_URL [SCREENSHOT_PATH]", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    try:
        run(argv[1], argv[2] if len(argv) > 2 else None)
    except Exception as error:  # any failure, including a missing browser or driver
        print("0 passed, 1 failed")
        print("reason: %s: %s" % (type(error).__name__, str(error).strip().splitlines()[0] if str(error).strip() else ""))
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
