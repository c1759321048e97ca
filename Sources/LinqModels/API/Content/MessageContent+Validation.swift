import Foundation

extension MessageContent {
    /// The most parts a message can have.
    public static let maxParts = 100
    /// The most media parts that may use a public `url`.
    public static let maxURLMediaParts = 40
    /// The longest text part, in characters (Unicode scalars).
    public static let maxTextLength = 10_000
    /// The longest link, in characters.
    public static let maxLinkLength = 2_048
    /// The longest idempotency key, in characters.
    public static let maxIdempotencyKeyLength = 255

    /// Checks the composition rules Linq enforces, so a bad message fails before it is sent.
    ///
    /// Pass `forNewChat: true` for the first message of a chat `POST /v3/chats` will create:
    /// it may not contain a link part, a URL in its text, a reply or an effect. Sends into an
    /// existing chat and `POST /v3/messages` do not have those rules.
    ///
    /// Finding a URL in text is a heuristic (a scheme such as `https://`, `www.`, or a
    /// domain with a common top-level domain); Linq may still find one this misses.
    ///
    /// ```swift
    /// do {
    ///     try content.validate(forNewChat: true)
    /// } catch {
    ///     print(error.description)
    /// }
    /// ```
    public func validate(forNewChat: Bool) throws(MessageContentError) {
        if let parts, experience != nil, !parts.isEmpty { throw .partsAndExperience }
        if let key = idempotencyKey, key.isEmpty || key.count > Self.maxIdempotencyKeyLength {
            throw .idempotencyKeyLength(length: key.count)
        }
        if forNewChat {
            if replyTo != nil { throw .replyToInNewChat }
            if effect != nil { throw .effectInNewChat }
        }
        guard let parts, !parts.isEmpty else {
            if experience != nil { return }
            throw .empty
        }
        if parts.count > Self.maxParts { throw .tooManyParts(count: parts.count) }
        var urlMedia = 0
        for (index, part) in parts.enumerated() {
            switch part {
            case .text(let text):
                if index > 0, case .text = parts[index - 1] { throw .consecutiveTextParts(index: index) }
                try Self.check(text, at: index, forNewChat: forNewChat)
            case .media(let media):
                if case .url(let url) = media.source {
                    guard url.hasPrefix("https://") else { throw .mediaURLNotHTTPS(index: index) }
                    urlMedia += 1
                }
            case .link(let url):
                if forNewChat { throw .linkInNewChat(index: index) }
                if parts.count > 1 { throw .partMustBeAlone(index: index, type: part.type) }
                let length = url.unicodeScalars.count
                if length > Self.maxLinkLength { throw .linkTooLong(index: index, length: length) }
                if !Self.hasScheme(url) { throw .linkWithoutScheme(index: index) }
            case .iMessageApp, .appClip:
                if parts.count > 1 { throw .partMustBeAlone(index: index, type: part.type) }
            }
        }
        if urlMedia > Self.maxURLMediaParts { throw .tooManyURLMedia(count: urlMedia) }
    }

    private static func check(_ text: OutgoingText, at index: Int, forNewChat: Bool) throws(MessageContentError) {
        let length = text.value.unicodeScalars.count
        guard (1...maxTextLength).contains(length) else { throw .textLength(index: index, length: length) }
        let utf16Count = text.value.utf16.count
        var ranges = (text.textDecorations ?? []).map(\.range) + (text.inlineStickers ?? []).map(\.range)
        if let range = text.mentionRange { ranges.append(range) }
        for range in ranges where range.start < 0 || range.start >= range.end || range.end > utf16Count {
            throw .rangeOutOfBounds(index: index)
        }
        if text.mentionRange != nil, text.mention == nil { throw .invalidMention(index: index) }
        if text.mention != nil, !(text.inlineStickers ?? []).isEmpty { throw .invalidMention(index: index) }
        if forNewChat, containsURL(text.value) { throw .urlInNewChatText(index: index) }
    }

    /// Whether `value` starts with `scheme://` followed by something.
    static func hasScheme(_ value: String) -> Bool {
        guard let separator = value.range(of: "://"), separator.upperBound < value.endIndex else { return false }
        let scheme = value[..<separator.lowerBound]
        guard let first = scheme.unicodeScalars.first, isASCIILetter(first) else { return false }
        return scheme.unicodeScalars.allSatisfy {
            isASCIILetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
        }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static let commonTLDs: Set<String> = [
        "com", "net", "org", "io", "co", "app", "dev", "ai", "me", "ly", "gg", "us", "uk", "ca", "de", "fr",
        "info", "biz", "xyz", "site", "online", "shop", "store", "link", "page", "edu", "gov",
    ]

    /// A heuristic: does `text` contain something a messaging service would turn into a link?
    static func containsURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.contains("://") || lowered.contains("www.") { return true }
        let separators = CharacterSet.whitespacesAndNewlines
        for rawToken in lowered.unicodeScalars.split(whereSeparator: { separators.contains($0) }) {
            var token = String(String.UnicodeScalarView(rawToken))
            token = token.trimmingCharacters(in: CharacterSet(charactersIn: "()[]{}<>\"'.,;:!?"))
            let host = token.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
                let tld = labels.last, commonTLDs.contains(String(tld.split(separator: ":").first ?? tld))
            else { continue }
            return true
        }
        return false
    }
}
