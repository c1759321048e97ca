import Foundation

/// Turns the Markdown a model writes into plain text fit for a text message: emphasis marks
/// go (`**bold**` reads `bold`), headings and quotes lose their marks, list items start with
/// `•` (numbered ones keep their numbers), `[text](url)` reads `text (url)`, inline code loses
/// its backticks, and fenced code blocks lose only their fence lines: their lines are kept as
/// written. Text that is not Markdown passes unchanged (`snake_case`, `5 * 3`, `C#`).
///
/// It works on whole lines, so ``BubbleSplitter`` runs it on each bubble, telling it whether
/// the bubble starts inside a code block.
///
/// ```swift
/// var inCode = false
/// MarkdownFlattener.flatten("## Hours\n- **Mon–Fri:** 9 to 5", inCode: &inCode)  // "Hours\n• Mon–Fri: 9 to 5"
/// ```
public enum MarkdownFlattener {
    /// `text` as plain text. `inCode` says whether it starts inside a fenced code block, and
    /// comes back saying whether it ends inside one.
    public static func flatten(_ text: String, inCode: inout Bool) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if isFence(line) {
                inCode.toggle()
                continue
            }
            if inCode {
                lines.append(line)
                continue
            }
            if let flat = flattenLine(line) { lines.append(flat) }
        }
        return lines.joined(separator: "\n")
    }

    /// Whether `line` opens or closes a fenced code block (three backticks or tildes).
    static func isFence(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        return trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")
    }

    /// One line outside code; `nil` for a line that is only a horizontal rule.
    private static func flattenLine(_ line: String) -> String? {
        if line.wholeMatch(of: /\s{0,3}([-*_])(\s*\1){2,}\s*/) != nil { return nil }
        var line = line
        if let heading = line.wholeMatch(of: /\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*/) { line = String(heading.1) }
        while let quote = line.wholeMatch(of: /\s{0,3}>\s?(.*)/) { line = String(quote.1) }
        var prefix = ""
        if let item = line.wholeMatch(of: /(\s*)[-*+]\s+(.*)/) {
            prefix = item.1 + "• "
            line = String(item.2)
        } else if let numbered = line.wholeMatch(of: /(\s*)(\d{1,3}[.)])\s+(.*)/) {
            prefix = "\(numbered.1)\(numbered.2) "
            line = String(numbered.3)
        }
        return prefix + inline(line)
    }

    /// The inline marks of one line: code spans keep their text, the rest loses links and emphasis.
    private static func inline(_ line: String) -> String {
        var result = ""
        for (index, piece) in line.split(separator: "`", omittingEmptySubsequences: false).enumerated() {
            // Odd pieces sit between backticks: code, kept as written.
            result += index % 2 == 1 ? String(piece) : prose(String(piece))
        }
        return result
    }

    private static func prose(_ text: String) -> String {
        var text = links.stringByReplacingMatches(in: text, range: whole(text), withTemplate: "$1 ($2)")
        // A link written as its own address reads once: `url (url)` and ` (url)` become `url`.
        for (pattern, template) in repeatedURL {
            text = pattern.stringByReplacingMatches(in: text, range: whole(text), withTemplate: template)
        }
        for (pattern, template) in emphasis {
            text = pattern.stringByReplacingMatches(in: text, range: whole(text), withTemplate: template)
        }
        return text
    }

    private static func whole(_ text: String) -> NSRange { NSRange(text.startIndex..., in: text) }

    private static func pattern(_ text: String) -> NSRegularExpression {
        // The patterns are constants of this file: one that does not compile is a bug here.
        try! NSRegularExpression(pattern: text)
    }

    private static let links = pattern(#"!?\[([^\]]*)\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)"#)
    private static let repeatedURL = [(pattern(#"(\S+) \(\1\)"#), "$1"), (pattern(#"(^|\s) \(([^)\s]+)\)"#), "$1$2")]
    private static let emphasis: [(NSRegularExpression, String)] = [
        (pattern(#"<(https?://[^>\s]+)>"#), "$1"),
        (pattern(#"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"#), "$2"),
        (pattern(#"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"#), "$1"),
        (pattern(#"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"#), "$1"),
        // Marks a bubble cut left without their partner: half a pair, never a lone `*` of arithmetic.
        (pattern(#"(?<=\S)(?:\*\*|__|~~)|(?:\*\*|__|~~)(?=\S)"#), ""),
    ]
}
