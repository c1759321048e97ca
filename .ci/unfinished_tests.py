"""Prints the tests a swift-testing log shows as started and never finished (a hung run)."""
import re
import sys

NAME = r'("(?:[^"\\]|\\.)*"|[A-Za-z_]\w*\(.*?\))'
log = open(sys.argv[1], errors="replace").read()
started = re.findall(r"◇ Test " + NAME + r" started\.", log)
finished = set(re.findall(r"[✔✘] Test " + NAME + r" (?:with \d+ test cases? )?(?:passed|failed) after", log))
for name in dict.fromkeys(started):
    if name not in finished:
        print("  still running:", name)
