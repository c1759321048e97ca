import Foundation

/// Cuts a model's streamed answer into text-message bubbles as it arrives.
///
/// A bubble ends at a paragraph break, or at a sentence end once it has ``minLength``
/// characters, and never runs past ``maxLength``: a longer stretch is cut at its last sentence
/// end, else its last space. A fenced code block is never cut at its blank lines or sentence
/// ends (only, when longer than a bubble, at a line end). Each bubble is returned as soon as it
/// is complete, so the person reads the first while the model still writes the next; with
/// ``plainText``, its Markdown is flattened first (``MarkdownFlattener``).
///
/// ```swift
/// var splitter = BubbleSplitter(maxLength: 160, minLength: 40)
/// splitter.feed("We open at 9.\n\nWant me to")   // ["We open at 9."]
/// splitter.feed(" book a table?")                // []
/// splitter.finish()                              // ["Want me to book a table?"]
/// ```
public struct BubbleSplitter: Sendable {
    /// The longest bubble, in characters.
    public let maxLength: Int
    /// A sentence end closes a bubble once it has at least this many characters.
    public let minLength: Int
    /// Whether bubbles come out as plain text, their Markdown flattened.
    public let plainText: Bool
    private var pending = ""
    /// Whether ``pending`` starts inside a fenced code block.
    private var inCode = false

    /// Creates a splitter; `plainText` flattens each bubble's Markdown.
    public init(maxLength: Int, minLength: Int, plainText: Bool = false) {
        self.maxLength = max(1, maxLength)
        self.minLength = min(max(0, minLength), self.maxLength)
        self.plainText = plainText
    }

    /// Takes the next piece of text; returns the bubbles it completes.
    public mutating func feed(_ text: String) -> [String] {
        pending += text
        var bubbles: [String] = []
        while let bubble = nextBubble(final: false) {
            if !bubble.isEmpty { bubbles.append(bubble) }
        }
        return bubbles
    }

    /// Ends the answer; returns the last bubbles.
    public mutating func finish() -> [String] {
        var bubbles: [String] = []
        while let bubble = nextBubble(final: true) {
            if !bubble.isEmpty { bubbles.append(bubble) }
        }
        return bubbles
    }

    /// The next bubble (empty when it held nothing but Markdown marks), or `nil` when none is complete.
    private mutating func nextBubble(final: Bool) -> String? {
        while let first = pending.first, first.isWhitespace { pending.removeFirst() }
        guard !pending.isEmpty else { return nil }
        let characters = Array(pending)
        let code = codeMask(characters)
        // A paragraph break within reach ends the bubble.
        if let breakAt = paragraphBreak(in: characters, code: code), breakAt <= maxLength {
            return take(breakAt, of: characters)
        }
        let ends = sentenceEnds(in: characters, code: code, final: final)
        if let end = ends.first(where: { $0 >= minLength && $0 <= maxLength }) {
            return take(end, of: characters)
        }
        if characters.count > maxLength {
            if let end = ends.last(where: { $0 <= maxLength }) { return take(end, of: characters) }
            if code[maxLength - 1], let line = characters[..<maxLength].lastIndex(of: "\n"), line > 0 { return take(line, of: characters) }
            if let space = characters[..<maxLength].lastIndex(where: \.isWhitespace), space > 0 { return take(space, of: characters) }
            return take(maxLength, of: characters)
        }
        guard final else { return nil }
        return take(characters.count, of: characters)
    }

    /// The text before `count` characters, trimmed (and flattened with ``plainText``); the
    /// rest stays pending.
    private mutating func take(_ count: Int, of characters: [Character]) -> String {
        pending = String(characters[count...])
        let text = String(characters[..<count])
        guard plainText else {
            // Tracked all the same: a code block's blank lines cut no bubble either way.
            _ = MarkdownFlattener.flatten(text, inCode: &inCode)
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return MarkdownFlattener.flatten(text, inCode: &inCode).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// For each character, whether it lies in a fenced code block (its fence lines included);
    /// the line break after a closing fence does not.
    private func codeMask(_ characters: [Character]) -> [Bool] {
        var mask = [Bool](repeating: false, count: characters.count)
        var inside = inCode
        var lineStart = 0
        for index in 0...characters.count where index == characters.count || characters[index] == "\n" {
            let fence = MarkdownFlattener.isFence(String(characters[lineStart..<index]))
            for position in lineStart..<index { mask[position] = inside || fence }
            if fence { inside.toggle() }
            if index < characters.count { mask[index] = inside }
            lineStart = index + 1
        }
        return mask
    }

    private func paragraphBreak(in characters: [Character], code: [Bool]) -> Int? {
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == "\n", characters[index + 1] == "\n", !code[index] { return index }
            index += 1
        }
        return nil
    }

    /// Offsets just after each sentence end (`.`, `!`, `?`, `…`, closing quotes included) that is
    /// followed by white space, or by the end of the text when it is final; none in code.
    private func sentenceEnds(in characters: [Character], code: [Bool], final: Bool) -> [Int] {
        var ends: [Int] = []
        var index = 0
        while index < characters.count {
            if code[index] {
                index += 1
            } else if ".!?…".contains(characters[index]) {
                var end = index + 1
                while end < characters.count, "\"')]”’".contains(characters[end]) { end += 1 }
                if end < characters.count ? characters[end].isWhitespace : final { ends.append(end) }
                index = end
            } else {
                index += 1
            }
        }
        return ends
    }
}
