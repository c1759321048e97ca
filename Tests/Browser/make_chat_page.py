#!/usr/bin/env python3
"""Generates Sources/LinqSimulator/Page/ChatPage.swift from Sources/LinqSimulator/Page/chat.html.

    python3 Tests/Browser/make_chat_page.py          # rewrite ChatPage.swift
    python3 Tests/Browser/make_chat_page.py --check  # exit 1 if ChatPage.swift is stale

The HTML becomes a Swift raw multi-line string whose `#` count is chosen so that neither its
closing delimiter nor its escape sequence (a backslash followed by the same number of `#`) occurs
in the HTML; the string's value is then byte-for-byte the file, trailing newline included.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "Sources" / "LinqSimulator" / "Page"
HTML = PAGE / "chat.html"
SWIFT = PAGE / "ChatPage.swift"
INDENT = "    "


def render(html: str) -> str:
    if "\r" in html:
        raise SystemExit("chat.html must use \\n line endings")
    hashes = "#"
    while ('"""' + hashes) in html or ("\\" + hashes) in html:
        hashes += "#"
    body_lines = html.split("\n")  # a trailing newline yields a last empty line: the value keeps it
    body = "\n".join(INDENT + line if line else "" for line in body_lines)
    return (
        "// Generated from chat.html (the editable source beside this file); do not edit by hand.\n"
        "// Regenerate from the package root with: python3 Tests/Browser/make_chat_page.py\n"
        "// (`--check` only verifies that this file matches chat.html.)\n"
        "\n"
        "/// The simulator's web chat page (HTML with inline CSS and JavaScript), served at `/`.\n"
        "enum ChatPage {\n"
        "    /// The page's HTML.\n"
        f"    static let html = {hashes}\"\"\"\n"
        f"{body}\n"
        f"    \"\"\"{hashes}\n"
        "}\n"
    )


def main() -> int:
    text = render(HTML.read_text(encoding="utf-8"))
    if "--check" in sys.argv[1:]:
        current = SWIFT.read_text(encoding="utf-8") if SWIFT.exists() else ""
        if current != text:
            print(f"{SWIFT.relative_to(ROOT)} is stale: run python3 Tests/Browser/make_chat_page.py")
            return 1
        print(f"{SWIFT.relative_to(ROOT)} matches chat.html")
        return 0
    SWIFT.write_text(text, encoding="utf-8")
    print(f"wrote {SWIFT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
