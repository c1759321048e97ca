#!/usr/bin/env python3
"""Generates the Swift files that embed the admin console (Sources/LinqBotServer/Console).

    python3 Tests/Browser/make_console_page.py          # rewrite the ConsolePage+*.swift files
    python3 Tests/Browser/make_console_page.py --check  # exit 1 if one is stale

Each source (console.html, console.css, console-*.js) becomes one Swift raw multi-line string in
its own file, whose `#` count is chosen so that neither its closing delimiter nor its escape
sequence occurs in the source; the value is then byte-for-byte the file. ConsolePage.swift (by
hand) puts the style and the scripts into the markup.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FOLDER = ROOT / "Sources" / "LinqBotServer" / "Console"
INDENT = "    "
# source file -> (Swift file suffix, property name, what it is)
PARTS = {
    "console.html": ("Markup", "markup", "The page's markup, with a place for the style and one for the scripts."),
    "console.css": ("Style", "style", "The page's style sheet."),
    "console-core.js": ("Core", "core", "The script's core: the token, calls to the admin API, helpers and tabs."),
    "console-chats.js": ("Chats", "chats", "The script's chat list and conversation view."),
    "console-panels.js": ("Panels", "panels", "The script's dead letters, opt-outs and backlog views."),
}


def render(source: str, text: str, prop: str, doc: str) -> str:
    if "\r" in text:
        raise SystemExit(f"{source} must use \\n line endings")
    hashes = "#"
    while ('"""' + hashes) in text or ("\\" + hashes) in text:
        hashes += "#"
    body = "\n".join(INDENT + INDENT + line if line else "" for line in text.split("\n"))
    return (
        f"// Generated from {source} (the editable source beside this file); do not edit by hand.\n"
        "// Regenerate from the package root with: python3 Tests/Browser/make_console_page.py\n"
        "\n"
        "extension ConsolePage {\n"
        f"    /// {doc}\n"
        f"    static let {prop} = {hashes}\"\"\"\n"
        f"{body}\n"
        f"        \"\"\"{hashes}\n"
        "}\n"
    )


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for source, (suffix, prop, doc) in PARTS.items():
        text = render(source, (FOLDER / source).read_text(encoding="utf-8"), prop, doc)
        target = FOLDER / f"ConsolePage+{suffix}.swift"
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    for target in stale:
        print(f"{target.relative_to(ROOT)} is stale: run python3 Tests/Browser/make_console_page.py")
    if check and not stale:
        print("the console's Swift files match their sources")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
