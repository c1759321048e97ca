import LinqModels
import Testing

@Suite("MessageContent.validate(forNewChat:)")
struct MessageContentValidationTests {
    static let media = OutgoingPart.media(url: "https://example.com/a.jpg")

    /// The error `validate` throws, or `nil` when it accepts.
    func failure(_ content: MessageContent, newChat: Bool = false) -> MessageContentError? {
        do {
            try content.validate(forNewChat: newChat)
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptsOrdinaryMessages() {
        #expect(failure(.text("Hello"), newChat: true) == nil)
        #expect(failure(MessageContent(parts: [.text("a"), Self.media, .text("b")]), newChat: true) == nil)
        #expect(failure(MessageContent(parts: [.link("https://example.com")])) == nil)
        #expect(failure(MessageContent(parts: [.link("ftp://files.example.com/x")])) == nil)
        #expect(failure(MessageContent(parts: [.text("See https://example.com")])) == nil)
        #expect(failure(MessageContent(experience: MessageExperience(name: "link", action: "open"))) == nil)
        var reply = MessageContent.text("ok", idempotencyKey: String(repeating: "k", count: 255))
        reply.replyTo = ReplyTo(messageID: "m")
        reply.effect = .bubble(.slam)
        #expect(failure(reply) == nil)
    }

    @Test func emptyOrBoth() {
        #expect(failure(MessageContent()) == .empty)
        #expect(failure(MessageContent(parts: [])) == .empty)
        let both = MessageContent(parts: [.text("x")], experience: MessageExperience(name: "link", action: "open"))
        #expect(failure(both) == .partsAndExperience)
    }

    @Test func consecutiveTextParts() {
        #expect(failure(MessageContent(parts: [.text("a"), .text("b")])) == .consecutiveTextParts(index: 1))
        #expect(failure(MessageContent(parts: [Self.media, .text("a"), .text("b")])) == .consecutiveTextParts(index: 2))
    }

    @Test func partsThatMustBeAlone() {
        #expect(failure(MessageContent(parts: [.text("a"), .link("https://example.com")]))
            == .partMustBeAlone(index: 1, type: "link"))
        #expect(failure(MessageContent(parts: [.appClip("https://clip.example.com"), Self.media]))
            == .partMustBeAlone(index: 0, type: "app_clip"))
        let card = OutgoingPart.iMessageApp(OutgoingIMessageApp(
            app: IMessageAppIdentity(bundleID: "b", name: "n", teamID: "ABCDE12345"), layout: .init(caption: "c")))
        #expect(failure(MessageContent(parts: [card])) == nil)
        #expect(failure(MessageContent(parts: [card, .text("x")])) == .partMustBeAlone(index: 0, type: "imessage_app"))
    }

    @Test func partCounts() {
        let many = (0..<101).map { $0 % 2 == 0 ? OutgoingPart.text("t") : .media(attachment: "a") }
        #expect(failure(MessageContent(parts: many)) == .tooManyParts(count: 101))
        let hundred = Array(repeating: OutgoingPart.media(attachment: "a"), count: 100)
        #expect(failure(MessageContent(parts: hundred)) == nil)
        let urlMedia = Array(repeating: Self.media, count: 41)
        #expect(failure(MessageContent(parts: urlMedia)) == .tooManyURLMedia(count: 41))
        #expect(failure(MessageContent(parts: Array(urlMedia.dropLast()))) == nil)
    }

    @Test func textLength() {
        #expect(failure(.text("")) == .textLength(index: 0, length: 0))
        #expect(failure(.text(String(repeating: "a", count: 10_000))) == nil)
        #expect(failure(.text(String(repeating: "a", count: 10_001))) == .textLength(index: 0, length: 10_001))
    }

    @Test func links() {
        let long = "https://example.com/" + String(repeating: "a", count: 2_029)
        #expect(failure(MessageContent(parts: [.link(long)])) == .linkTooLong(index: 0, length: 2_049))
        #expect(failure(MessageContent(parts: [.link(String(long.dropLast()))])) == nil)
        #expect(failure(MessageContent(parts: [.link("example.com")])) == .linkWithoutScheme(index: 0))
        #expect(failure(MessageContent(parts: [.link("https://")])) == .linkWithoutScheme(index: 0))
    }

    @Test func mediaURLMustBeHTTPS() {
        #expect(failure(MessageContent(parts: [.media(url: "http://example.com/a.jpg")])) == .mediaURLNotHTTPS(index: 0))
        #expect(failure(MessageContent(parts: [.text("x"), .media(url: "ftp://example.com/a.jpg")]))
            == .mediaURLNotHTTPS(index: 1))
    }

    @Test func idempotencyKey() {
        #expect(failure(.text("x", idempotencyKey: String(repeating: "k", count: 256))) == .idempotencyKeyLength(length: 256))
        #expect(failure(.text("x", idempotencyKey: "")) == .idempotencyKeyLength(length: 0))
    }

    @Test func rangesAndMentions() {
        let outOfBounds = OutgoingText("hi", textDecorations: [.init(range: TextRange(start: 0, end: 3), style: "bold")])
        #expect(failure(MessageContent(parts: [.text(outOfBounds)])) == .rangeOutOfBounds(index: 0))
        let rangeOnly = OutgoingText("Kevin", mentionRange: TextRange(start: 0, end: 5))
        #expect(failure(MessageContent(parts: [.text(rangeOnly)])) == .invalidMention(index: 0))
        let both = OutgoingText(
            "Kevin 🎂", inlineStickers: [.init(range: TextRange(start: 6, end: 8), url: "https://example.com/c.png")],
            mention: "+15555550147")
        #expect(failure(MessageContent(parts: [.text(both)])) == .invalidMention(index: 0))
        let emoji = OutgoingText("🎂", inlineStickers: [.init(range: TextRange(start: 0, end: 2), attachment: "a")])
        #expect(failure(MessageContent(parts: [.text(emoji)])) == nil)
    }

    @Test func newChatRules() {
        #expect(failure(MessageContent(parts: [.link("https://example.com")]), newChat: true) == .linkInNewChat(index: 0))
        #expect(failure(.text("Book at https://example.com"), newChat: true) == .urlInNewChatText(index: 0))
        #expect(failure(.text("Visit www.example.org today"), newChat: true) == .urlInNewChatText(index: 0))
        #expect(failure(.text("Book at example.com/salon"), newChat: true) == .urlInNewChatText(index: 0))
        #expect(failure(MessageContent(parts: [Self.media, .text("See (example.io).")]), newChat: true)
            == .urlInNewChatText(index: 1))
        #expect(failure(.text("See you at 3.30, e.g. tomorrow. Cost: $12.50"), newChat: true) == nil)
        var reply = MessageContent.text("Hi")
        reply.replyTo = ReplyTo(messageID: "m")
        #expect(failure(reply, newChat: true) == .replyToInNewChat)
        #expect(failure(reply, newChat: false) == nil)
        var effect = MessageContent.text("Hi")
        effect.effect = .screen(.confetti)
        #expect(failure(effect, newChat: true) == .effectInNewChat)
        #expect(failure(effect, newChat: false) == nil)
    }

    @Test func errorsExplainThemselves() {
        #expect(MessageContentError.consecutiveTextParts(index: 1).description.contains("Parts 0 and 1"))
        #expect(MessageContentError.linkInNewChat(index: 0).description.contains("1005"))
        #expect(MessageContentError.tooManyURLMedia(count: 41).description.contains("41"))
    }
}
