import Foundation
import LinqFixtures
import LinqModels
import Testing

/// The byte-level decoder of text messages against `JSONDecoder`: the same event or none.
@Suite("Quick message decoding")
struct QuickMessageDecodingTests {
    /// The received text message fixture, as text to vary.
    static let received: String = {
        let data = (try? Fixtures.data("linq-webhooks/message.received.2026-02-03.json")) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }()

    /// Checks that the quick path agrees with `JSONDecoder` on `body`; returns whether it read it.
    @discardableResult
    func agrees(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        agrees(Data(body.utf8), sourceLocation: sourceLocation)
    }

    @discardableResult
    func agrees(_ body: Data, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let reference = try? WebhookEvent.decodeWithJSONDecoder(from: body)
        guard let quick = QuickMessageDecoding.event(from: body) else { return false }
        #expect(quick == reference, "the quick path read a body otherwise than JSONDecoder", sourceLocation: sourceLocation)
        return true
    }

    /// The fixture with `old` replaced by `new` (which must occur in it).
    func variant(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(Self.received.contains(old), "the fixture has no \(old)", sourceLocation: sourceLocation)
        return Self.received.replacingOccurrences(of: old, with: new)
    }

    @Test("every webhook fixture decodes the same, and text messages take the quick path")
    func fixtures() throws {
        var taken: [String] = []
        for name in try Fixtures.files(in: "linq-webhooks") where name.hasSuffix(".json") {
            if agrees(try Fixtures.data("linq-webhooks/\(name)")) { taken.append(name) }
        }
        #expect(taken.contains("message.received.2026-02-03.json"))
        #expect(!taken.contains("message.received.group.2026-02-03.json"), "mentions and replies are JSONDecoder's")
        #expect(!taken.contains { $0.contains("2025-01-01") }, "the 2025-01-01 layout is JSONDecoder's")
        #expect(!taken.contains("message.received.media.2026-02-03.json"), "media parts are JSONDecoder's")
    }

    @Test("decode(from:) gives the quick path's event")
    func decodeUsesIt() throws {
        let body = Data(Self.received.utf8)
        let event = try WebhookEvent.decode(from: body)
        #expect(event == QuickMessageDecoding.event(from: body))
        #expect(event.message?.text == "Hi! Can you move my haircut from Thursday to Friday afternoon?")
        #expect(event.rawBody == body)
    }

    @Test("escapes, unknown members, any member order and white space read the same")
    func variantsItReads() {
        let texts = [
            #""Say \"hi\"\n\tthen \\ leave \/ \u00e9 \ud83d\ude00 \u0041""#,
            #""caf\u00E9 – naïve 😀""#,
            #""""#,
        ]
        for text in texts {
            #expect(agrees(variant(#""Hi! Can you move my haircut from Thursday to Friday afternoon?""#, text)), "\(text)")
        }
        let unknown = #""x_new": {"a": [1, -0.5e-3, 1E+400, 0, true, false, null, "s\"", {}, []], "b": {"c": {"d": 12.25}}},"#
        #expect(agrees(variant(#""direction": "inbound","#, #""direction": "inbound", "# + unknown)))
        #expect(agrees(variant(#""id": "7c2e4a91"#, #""x": 1, "id": "7c2e4a91"#)))
        // The data member before the event type, and no white space at all.
        let dataFirst = #"{"data":{"id":"m1","chat":{"id":"c1"},"direction":"outbound","parts":null},"event_type":"message.sent","#
            + #""api_version":"v3","webhook_version":"2026-02-03","event_id":"e1","created_at":"2026-03-10T15:42:07Z"}"#
        #expect(agrees(dataFirst))
        // No direction: the sender's is_me decides.
        #expect(agrees(variant(#""direction": "inbound","#, "")))
        #expect(agrees(variant(#""is_me": false,"#, #""is_me": null,"#)))
        // A text part's other members, null, as decodeIfPresent reads them: absent.
        #expect(agrees(variant(#""type": "text","#, #""type": "text", "reactions": null, "mentions": null, "text_decorations": null,"#)))
    }

    @Test("what the quick path leaves to JSONDecoder", arguments: [
        (#""effect": null"#, #""effect": {"type": "screen", "name": "confetti"}"#),
        (#""reply_to": null"#, #""reply_to": {"message_id": "m0", "part_index": 0}"#),
        (#""type": "text","#, #""type": "text", "mentions": [],"#),
        (#""type": "text","#, #""type": "text", "reactions": [],"#),
        (#""type": "text","#, #""type": "media","#),
        (#""webhook_version": "2026-02-03""#, #""webhook_version": "2025-01-01""#),
        (#""event_type": "message.received""#, #""event_type": "reaction.added""#),
        (#""preferred_service": null"#, #""service": "SMS", "preferred_service": null"#),
        (#""id": "7c2e4a91"#, #""i\u0064": "7c2e4a91"#),
        (#""direction": "inbound","#, #""direction": "inbound",,"#),
        (#""direction": "inbound","#, #""direction": "inbound", "n": 01,"#),
        (#""direction": "inbound","#, #""direction": "inbound", "n": 1.,"#),
        (#""direction": "inbound","#, #""direction": "inbound", "n": tru,"#),
        (#""direction": "inbound","#, #""direction": "inbound", "n": "\ud83d","#),
        (#""direction": "inbound","#, #""direction": "inbound", "n": "\x","#),
        (#""direction": "inbound","#, "\"direction\": \"in\tbound\","),
        (#""api_version": "v3""#, #""api_version": 3"#),
        (#""created_at": "2026-03-10T15:42:07.904113402Z""#, #""created_at": "yesterday""#),
        (#""is_group": false"#, #""is_group": "no""#),
    ])
    func declined(_ change: (String, String)) {
        #expect(!agrees(variant(change.0, change.1)))
    }

    @Test("malformed bytes are JSONDecoder's to refuse")
    func malformed() throws {
        let body = Data(Self.received.utf8)
        #expect(!agrees(body + Data("x".utf8)), "trailing text")
        #expect(!agrees(body.prefix(body.count / 2)), "cut short")
        #expect(!agrees(Data([0xEF, 0xBB, 0xBF]) + body), "a byte order mark")
        var invalid = body
        let word = try #require(Self.received.range(of: "haircut"))
        invalid[Self.received.utf8.distance(from: Self.received.startIndex, to: word.lowerBound)] = 0xFF
        #expect(!agrees(invalid), "invalid UTF-8 in a string")
        #expect(!agrees("[]"))
        #expect(!agrees(""))
        var deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        deep = Self.received.replacingOccurrences(of: #""direction": "inbound","#, with: #""direction": "inbound", "deep": \#(deep),"#)
        #expect(!agrees(deep), "nesting deeper than the reader follows")
    }
}
