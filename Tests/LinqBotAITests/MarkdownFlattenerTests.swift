import LinqBotAI
import Testing

/// A model's Markdown as plain text for a phone, and bubbles that never cut a code block.
@Suite struct MarkdownFlattenerTests {
    static func flat(_ text: String) -> String {
        var inCode = false
        return MarkdownFlattener.flatten(text, inCode: &inCode)
    }

    @Test("emphasis, headings, quotes, lists, links and inline code lose their marks; plain text passes unchanged")
    func flattens() {
        #expect(Self.flat("We're **closed** on *Sundays* and __holidays__, ~~sorry~~.") == "We're closed on Sundays and holidays, sorry.")
        #expect(Self.flat("## Opening hours ##") == "Opening hours")
        #expect(Self.flat("> Best bread in town\n> > said a fan") == "Best bread in town\nsaid a fan")
        #expect(Self.flat("- Rye\n* Spelt\n  + Seeded") == "• Rye\n• Spelt\n  • Seeded")
        #expect(Self.flat("1. Order\n2) Pay") == "1. Order\n2) Pay")
        #expect(Self.flat("See [our menu](https://example.com/menu \"Menu\") or <https://example.com>.") == "See our menu (https://example.com/menu) or https://example.com.")
        #expect(Self.flat("[https://example.com](https://example.com)") == "https://example.com")
        #expect(Self.flat("Run `make **all**` now") == "Run make **all** now")
        #expect(Self.flat("Above\n\n---\n\nBelow") == "Above\n\n\nBelow")
        for plain in ["5 * 3 = 15", "snake_case_name and file_name.txt", "C# and F#", "Price: $5 * 2", "2 * 3 * 4", "I'm *sure*"].dropLast() {
            #expect(Self.flat(plain) == plain, "\(plain)")
        }
        #expect(Self.flat("I'm *sure*") == "I'm sure")
    }

    @Test("a fenced code block keeps its lines as written, only the fences go; a cut pair leaves no marks")
    func keepsCode() {
        let text = "Try this:\n```swift\nlet x = a * b   // **not bold**\n\nprint(x)\n```\nDone."
        #expect(Self.flat(text) == "Try this:\nlet x = a * b   // **not bold**\n\nprint(x)\nDone.")
        var inCode = false
        #expect(MarkdownFlattener.flatten("Part one **bold", inCode: &inCode) == "Part one bold")
        #expect(MarkdownFlattener.flatten("```\n# not a heading", inCode: &inCode) == "# not a heading" && inCode)
        #expect(MarkdownFlattener.flatten("- still code\n```\n- a list", inCode: &inCode) == "- still code\n• a list" && !inCode)
    }

    @Test("the splitter never cuts a code block at its blank lines or sentence ends, and flattens each bubble")
    func splitterKeepsCodeTogether() {
        var splitter = BubbleSplitter(maxLength: 200, minLength: 10, plainText: true)
        var bubbles = splitter.feed("Here is the **fix**.\n\n```\nlet a = 1.\n\nlet b = 2.\n")
        bubbles += splitter.feed("```\n\nThat's *all*.")
        bubbles += splitter.finish()
        #expect(bubbles == ["Here is the fix.", "let a = 1.\n\nlet b = 2.", "That's all."])
        var raw = BubbleSplitter(maxLength: 200, minLength: 10)
        #expect(raw.feed("Keep **this**.\n\nNext") == ["Keep **this**."], "without plainText the text is as written")
    }
}
