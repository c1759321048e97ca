import Foundation

/// Opt-out, opt-in and help keywords, and what the bot says back.
///
/// A keyword counts only as the whole message: NFKC-normalised (full-width letters become
/// plain ones), trimmed, any case, trailing punctuation ignored, and runs of spaces or hyphens
/// between words treated alike (`OPT OUT`, `opt-out`). `please stop` is not a keyword; it is
/// passed to ``onPossibleOptOut`` so the bot can decide.
public struct OptOutPolicy: Sendable {
    /// Words that opt a person out.
    public var optOutKeywords: Set<String>
    /// Words that opt a person back in.
    public var optInKeywords: Set<String>
    /// Words that opt a person back in only while they are opted out.
    public var optInWhileOptedOut: Set<String>
    /// Words that ask for help.
    public var helpKeywords: Set<String>
    /// The confirmation of an opt-out (`{name}` is the business name). It must say that no
    /// further messages will come.
    public var optOutConfirmation: String
    /// The confirmation of an opt-out said in a group chat (`{name}` is the business name). It
    /// goes into the group, where the STOP was said and read, never to the person directly; it
    /// must say that no further messages will come to them, and stay true whatever the group
    /// policy (``LineHealthConfiguration/groupOptOut``) lets the group receive.
    public var groupOptOutConfirmation: String
    /// The confirmation of an opt-in.
    public var optInConfirmation: String
    /// The answer to HELP (CTIA: the program name, how to stop, how to reach a person).
    public var helpReply: String
    /// The answer to HELP from an opted-out person; `nil` (the default, as on Twilio toll-free): none.
    public var helpReplyWhileOptedOut: String?
    /// An opt-out confirmation not sent within this time of the STOP is dropped.
    public var confirmationDeadline: Duration
    /// Called with a message that is not a keyword but reads like one ("please stop texting
    /// me"); it may call ``ChatContext/optOut()``. The message then goes on to the handlers.
    public var onPossibleOptOut: (@Sendable (ChatContext, String) async throws -> Void)?

    /// The union of Twilio's, the FCC's and Linq's opt-out words.
    public static let defaultOptOutKeywords: Set<String> = [
        "STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT",
    ]

    /// Creates a policy with the default keywords and texts.
    public init(
        optOutKeywords: Set<String> = OptOutPolicy.defaultOptOutKeywords, optInKeywords: Set<String> = ["START", "UNSTOP"],
        optInWhileOptedOut: Set<String> = ["YES"], helpKeywords: Set<String> = ["HELP", "INFO"],
        optOutConfirmation: String = "{name}: you are unsubscribed and will receive no further messages. Reply START to subscribe again.",
        groupOptOutConfirmation: String =
            "{name}: you are unsubscribed and will receive no further messages from us directly. Reply START to subscribe again.",
        optInConfirmation: String = "{name}: you are subscribed again. Reply HELP for help, STOP to unsubscribe.",
        helpReply: String = "{name}: reply STOP to unsubscribe, START to subscribe again. Message and data rates may apply.",
        helpReplyWhileOptedOut: String? = nil, confirmationDeadline: Duration = .seconds(300),
        onPossibleOptOut: (@Sendable (ChatContext, String) async throws -> Void)? = nil
    ) {
        self.optOutKeywords = Set(optOutKeywords.map(Self.normalise))
        self.optInKeywords = Set(optInKeywords.map(Self.normalise))
        self.optInWhileOptedOut = Set(optInWhileOptedOut.map(Self.normalise))
        self.helpKeywords = Set(helpKeywords.map(Self.normalise))
        self.optOutConfirmation = optOutConfirmation
        self.groupOptOutConfirmation = groupOptOutConfirmation
        self.optInConfirmation = optInConfirmation
        self.helpReply = helpReply
        self.helpReplyWhileOptedOut = helpReplyWhileOptedOut
        self.confirmationDeadline = confirmationDeadline
        self.onPossibleOptOut = onPossibleOptOut
    }

    /// What a message is, for opt-out purposes.
    public enum Keyword: Sendable, Hashable {
        /// An opt-out keyword.
        case optOut
        /// An opt-in keyword.
        case optIn
        /// An opt-in keyword that counts only while the person is opted out (YES).
        case optInIfOptedOut
        /// A help keyword.
        case help
        /// Not a keyword, but it reads like an opt-out.
        case possibleOptOut
        /// Nothing of the sort.
        case none
    }

    /// Classifies a whole message.
    public func classify(_ text: String) -> Keyword {
        let normalised = Self.normalise(text)
        let words = normalised.split(separator: " ").map(String.init)
        if optOutKeywords.contains(normalised) || (words.count == 2 && optOutKeywords.contains(words.joined())) { return .optOut }
        if optInKeywords.contains(normalised) { return .optIn }
        if optInWhileOptedOut.contains(normalised) { return .optInIfOptedOut }
        if helpKeywords.contains(normalised) { return .help }
        // A word holds no space, so a word that is a keyword is one of the one-word keywords.
        if words.contains(where: optOutKeywords.contains) || Self.hasOptOutPhrase(normalised) { return .possibleOptOut }
        return .none
    }

    /// Whether normalised text holds one of ``optOutPhrases``: a plain search by bytes (the text
    /// is NFKC and the phrases ASCII), which costs far less than a general substring search.
    static func hasOptOutPhrase(_ normalised: String) -> Bool {
        var text = normalised
        return text.withUTF8 { bytes in optOutPhraseBytes.contains { contains(bytes, $0) } }
    }

    private static let optOutPhraseBytes = optOutPhrases.map { Array($0.utf8) }

    /// Whether `phrase` (not empty) occurs in `text`.
    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ phrase: [UInt8]) -> Bool {
        guard let first = phrase.first, phrase.count <= text.count else { return false }
        for start in 0...(text.count - phrase.count) where text[start] == first {
            var matched = 1
            while matched < phrase.count, text[start + matched] == phrase[matched] { matched += 1 }
            if matched == phrase.count { return true }
        }
        return false
    }

    /// Phrases that read like an opt-out without being keywords.
    static let optOutPhrases = ["OPT OUT", "UNSUBSCRIBE", "REMOVE ME", "DON'T TEXT", "DO NOT TEXT", "STOP TEXTING", "STOP MESSAGING", "LEAVE ME ALONE"]

    /// NFKC, trimmed, upper case, trailing punctuation dropped, spaces and hyphens between words as one space.
    static func normalise(_ text: String) -> String {
        asciiNormalised(text) ?? unicodeNormalised(text)
    }

    /// ``normalise(_:)`` through Foundation's Unicode tables, for any text.
    static func unicodeNormalised(_ text: String) -> String {
        var folded = text.precomposedStringWithCompatibilityMapping.uppercased()
        folded = folded.replacingOccurrences(of: "\u{2019}", with: "'")
        let trimmed = folded.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters).subtracting(CharacterSet(charactersIn: "'-")))
            .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let words = trimmed.split { $0 == " " || $0 == "-" || $0 == "\t" || $0 == "\n" }
        return words.joined(separator: " ")
    }

    /// What an ASCII message trims at its ends: white space and punctuation, but not `'` or `-`.
    private static let asciiTrimmed = Set(" \t\n\r\u{0B}\u{0C}!\"#%&()*,./:;?@[\\]_{}".utf8)

    /// ``normalise(_:)`` for ASCII text (NFKC changes none of it), by bytes: it runs for every
    /// message, at ingress and again in line health. `nil` for other text, and for text with a
    /// carriage return (Swift reads CR LF as one character, which the general path keeps).
    static func asciiNormalised(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        let hyphen = UInt8(ascii: "-")
        var start = 0
        var end = bytes.count
        while start < end, asciiTrimmed.contains(bytes[start]) { start += 1 }
        while end > start, asciiTrimmed.contains(bytes[end - 1]) { end -= 1 }
        while start < end, bytes[start] == hyphen { start += 1 }
        while end > start, bytes[end - 1] == hyphen { end -= 1 }
        var folded: [UInt8] = []
        folded.reserveCapacity(end - start)
        var gap = false
        for byte in bytes[start..<end] {
            if byte == 0x20 || byte == hyphen || byte == 0x09 || byte == 0x0A {
                gap = !folded.isEmpty
                continue
            }
            if gap { folded.append(0x20) }
            gap = false
            folded.append((0x61...0x7A).contains(byte) ? byte - 0x20 : byte)
        }
        return String(decoding: folded, as: UTF8.self)
    }

    func text(_ template: String, name: String) -> String {
        template.replacingOccurrences(of: "{name}", with: name)
    }
}
