import Foundation
import LinqFixtures
import LinqModels
import Testing

/// The byte-level writer of send requests and reader of send answers against Foundation's
/// coders: the same bytes, the same value, or none.
@Suite("Quick request and answer coding")
struct QuickCodingTests {
    static let texts = [
        "On my way", "", "quote \" backslash \\ slash / done", "tab\tnew\nline\rreturn", "bell \u{07} del \u{7F} nul \u{0}",
        "é 日本 🙂 \u{2028} \u{FEFF}", String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "<script>&amp;</script>",
    ]

    @Test("a send of plain text is written byte for byte as the encoder writes it")
    func encodesLikeTheEncoder() throws {
        for text in Self.texts {
            for key in [nil, "evt_01-step_2", "key with \"quote\""] as [String?] {
                for override in [nil, true, false] as [Bool?] {
                    for parts in [[OutgoingPart.text(text)], [.text(text), .text("and more")]] {
                        let request = SendMessageRequest(message: MessageContent(parts: parts, idempotencyKey: key), overrideOptOut: override)
                        let quick = try #require(request.quickJSON(), "a plain text send has a quick body")
                        let reference = try LinqJSON.makeEncoder().encode(request)
                        #expect(quick == reference, "\(String(decoding: quick, as: UTF8.self)) ≠ \(String(decoding: reference, as: UTF8.self))")
                    }
                }
            }
        }
    }

    @Test("a send with more than plain text is left to the encoder")
    func leavesTheRestToTheEncoder() {
        let declined: [MessageContent] = [
            MessageContent(parts: [.text("hi")], effect: MessageEffect(type: .screen, name: "confetti")),
            MessageContent(parts: [.text("hi")], preferredService: .sms),
            MessageContent(parts: [.text(OutgoingText("hi", mention: "+15555550100"))]),
            MessageContent(parts: [.link("https://example.com")]),
            MessageContent(parts: nil),
        ]
        for content in declined {
            #expect(SendMessageRequest(message: content).quickJSON() == nil, "\(content)")
        }
    }

    /// The send answer fixture with a plain reply (no `reply_to`), as text to vary.
    static let answer: String = {
        let data = (try? Fixtures.data("linq-api/chats.messages.send.202.json")) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return text.replacingOccurrences(of: #""reply_to": \{[^}]*\}"#, with: #""reply_to": null"#, options: .regularExpression)
    }()

    func variant(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(Self.answer.contains(old), "the fixture has \(old)", sourceLocation: sourceLocation)
        return Self.answer.replacingOccurrences(of: old, with: new)
    }

    /// Whether the quick reader read `body`; when it did, it must agree with the decoder.
    @discardableResult
    func agrees(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let data = Data(body.utf8)
        guard let quick = SendMessageResponse.quickDecoded(from: data) else { return false }
        let reference = try? LinqJSON.makeDecoder().decode(SendMessageResponse.self, from: data)
        #expect(quick == reference, "the quick reader read a body otherwise than JSONDecoder", sourceLocation: sourceLocation)
        return true
    }

    @Test("a send answer of plain text is read exactly as the decoder reads it")
    func readsLikeTheDecoder() throws {
        #expect(Self.answer.contains(#""reply_to": null"#))
        #expect(agrees(Self.answer))
        let read = [
            variant(#""sent_at": null"#, #""sent_at": "2026-03-10T15:45:03.1Z""#),
            variant(#""from_handle": {"#, #""extra": [1, {"a": null}], "from_handle": {"#),
            variant(#""is_read": false"#, #""is_read": true"#),
            variant(#""delivered_at": null,"#, ""),
            variant(#""preferred_service": null"#, #""preferred_service": "SMS""#),
            variant(#""value": "Love it. I'll show this to your stylist.""#, #""value": "tab\t \u00e9 \ud83d\ude42 \"q\"""#),
            variant("\"service\": \"iMessage\"\n  }", "\"service\": null\n  }"),
            Self.answer.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "  ", with: ""),
        ]
        for body in read { #expect(agrees(body), "read: \(body)") }
    }

    @Test("an answer to a reply is read exactly as the decoder reads it")
    func readsRepliesLikeTheDecoder() throws {
        let recorded = String(decoding: try Fixtures.data("linq-api/chats.messages.send.202.json"), as: UTF8.self)
        #expect(recorded.contains(#""reply_to": {"#))
        #expect(agrees(recorded), "the recorded answer, a reply")
        let references = [
            #"{"message_id": "m", "part_index": 0}"#, #"{"message_id": "m", "part_index": -3}"#, #"{"message_id": "m", "part_index": null}"#,
            #"{"message_id": "m"}"#, #"{"part_index": 2, "message_id": "69a2-é", "extra": [1, {"a": null}]}"#,
        ]
        for reference in references {
            let body = variant(#""reply_to": null"#, #""reply_to": "# + reference)
            #expect(agrees(body), "read: \(reference)")
            #expect(SendMessageResponse.quickDecoded(from: Data(body.utf8))?.message.replyTo != nil)
        }
    }

    @Test("a send answer the quick reader does not take is left to the decoder")
    func leavesTheRestToTheDecoder() {
        let declined = [
            variant(#""reply_to": null"#, #""reply_to": {"message_id": "m", "part_index": 1.5}"#),
            variant(#""reply_to": null"#, #""reply_to": {"message_id": "m", "part_index": 1e2}"#),
            variant(#""reply_to": null"#, #""reply_to": {"message_id": "m", "part_index": 99999999999999999999}"#),
            variant(#""reply_to": null"#, #""reply_to": {"message_id": "m", "part_index": "1"}"#),
            variant(#""reply_to": null"#, #""reply_to": {"part_index": 0}"#),
            variant(#""reply_to": null"#, #""reply_to": {"message_id": null}"#),
            variant(#""reply_to": null"#, #""reply_to": {"message_id": "m", "message_id": "n"}"#),
            variant(#""reply_to": null"#, #""reply_to": null, "reply_to": null"#),
            variant(#""reply_to": null"#, #""reply_to": "m""#),
            variant(#""effect": null"#, #""effect": {"type": "screen", "name": "confetti"}"#),
            variant(#""type": "text""#, #""type": "media""#),
            variant(#""reactions": null"#, #""reactions": []"#),
            variant(#""is_read": false,"#, ""),
            variant(#""is_read": false"#, #""is_read": null"#),
            variant(#""delivery_status": "queued""#, #""delivery_status": "queued", "delivery_status": "sent""#),
            variant(#""created_at": "2026-03-10T15:45:02.410Z""#, #""created_at": "yesterday""#),
            variant(#""chat_id""#, #""chat_\u0069d""#),
            String(Self.answer.dropLast(3)),
            Self.answer + "x",
        ]
        for body in declined { #expect(!agrees(body), "declined: \(body)") }
    }
}
