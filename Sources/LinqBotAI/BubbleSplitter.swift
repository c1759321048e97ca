import Foundation

/// Cuts a model's streamed answer into text-message bubbles as it arrives.
///
/// A bubble ends at a paragraph break, or at a sentence end once it has ``minLength``
/// characters, and never runs past ``maxLength``: a longer stretch is cut at its last sentence
/// end, else its last space. Each bubble is returned as soon as it is complete, so the person
/// reads the first while the model still writes the next.
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
    private var pending = ""

    /// Creates a splitter.
    public init(maxLength: Int, minLength: Int) {
        self.maxLength = max(1, maxLength)
        self.minLength = min(max(0, minLength), self.maxLength)
    }

    /// Takes the next piece of text; returns the bubbles it completes.
    public mutating func feed(_ text: String) -> [String] {
        pending += text
        var bubbles: [String] = []
        while let bubble = nextBubble(final: false), !bubble.isEmpty { bubbles.append(bubble) }
        return bubbles
    }

    /// Ends the answer; returns the last bubbles.
    public mutating func finish() -> [String] {
        var bubbles: [String] = []
        while let bubble = nextBubble(final: true), !bubble.isEmpty { bubbles.append(bubble) }
        return bubbles
    }

    private mutating func nextBubble(final: Bool) -> String? {
        while let first = pending.first, first.isWhitespace { pending.removeFirst() }
        guard !pending.isEmpty else { return nil }
        let characters = Array(pending)
        // A paragraph break within reach ends the bubble.
        if let breakAt = paragraphBreak(in: characters), breakAt <= maxLength {
            return take(breakAt, of: characters)
        }
        let ends = sentenceEnds(in: characters, final: final)
        if let end = ends.first(where: { $0 >= minLength && $0 <= maxLength }) {
            return take(end, of: characters)
        }
        if characters.count > maxLength {
            if let end = ends.last(where: { $0 <= maxLength }) { return take(end, of: characters) }
            if let space = characters[..<maxLength].lastIndex(where: \.isWhitespace), space > 0 { return take(space, of: characters) }
            return take(maxLength, of: characters)
        }
        guard final else { return nil }
        return take(characters.count, of: characters)
    }

    /// The text before `count` characters, trimmed (never empty: the text starts with a
    /// non-space and `count` is at least 1); the rest stays pending.
    private mutating func take(_ count: Int, of characters: [Character]) -> String {
        pending = String(characters[count...])
        return String(characters[..<count]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func paragraphBreak(in characters: [Character]) -> Int? {
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == "\n", characters[index + 1] == "\n" { return index }
            index += 1
        }
        return nil
    }

    /// Offsets just after each sentence end (`.`, `!`, `?`, `…`, closing quotes included) that is
    /// followed by white space, or by the end of the text when it is final.
    private func sentenceEnds(in characters: [Character], final: Bool) -> [Int] {
        var ends: [Int] = []
        var index = 0
        while index < characters.count {
            if ".!?…".contains(characters[index]) {
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
