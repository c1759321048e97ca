import Foundation
@testable import LinqBot
import LinqModels
import Testing

/// The by-hand paths that run on every message give what the general ones give.
@Suite struct LineHealthFastPathTests {
    @Test("ASCII keyword folding matches the Unicode path", arguments: [
        "stop", "  Stop! ", "STOP.", "stop-all", "-stop-", "Stop all", "stop\tall\nnow", "'stop'", "don't text me", "opt - out",
        "unsubscribe!!!", "-!stop", "stop-!", "...", "", "   ", "help?", "Hello there, how are you?", "stop\u{0B}", "$5 (cash)",
        "[stop]", "{STOP}", "stop_", "#stop", "@stop", "~stop~", "x--y", "end -", "cancel subscription please",
    ])
    func asciiFolding(_ text: String) throws {
        let fast = try #require(OptOutPolicy.asciiNormalised(text))
        #expect(fast == OptOutPolicy.unicodeNormalised(text))
    }

    @Test("text beyond ASCII takes the Unicode path")
    func nonASCII() {
        #expect(OptOutPolicy.asciiNormalised("ＳＴＯＰ") == nil)
        #expect(OptOutPolicy.asciiNormalised("a\r\nb") == nil)
        #expect(OptOutPolicy.normalise("stop\r\n") == "STOP")
        #expect(OptOutPolicy.normalise("ＳＴＯＰ") == "STOP")
        #expect(OptOutPolicy.normalise("don\u{2019}t text") == "DON'T TEXT")
    }

    @Test("chat facts convert to and from the session's JSON exactly as JSONEncoder would")
    func factsJSON() throws {
        var full = ChatFacts()
        full.line = "+15555550100"
        full.people = ["+15555550101", "+15555550102"]
        full.isGroup = true
        full.service = "iMessage"
        full.lastInboundAt = Date(timeIntervalSince1970: 1_773_000_000.25)
        full.lastOutboundAt = Date(timeIntervalSince1970: 1_773_000_010)
        full.unanswered = 3
        full.cardDay = "2026-03-10"
        full.lastCardAt = Date(timeIntervalSince1970: 1_773_000_020)
        full.health = "AT_RISK"
        full.healthChangedAt = Date(timeIntervalSince1970: 1_772_000_000)
        full.healthCheckedAt = Date(timeIntervalSince1970: 1_773_000_030)
        for facts in [ChatFacts(), full] {
            let encoded = try JSONValue(encoding: facts)
            #expect(facts.json == encoded)
            #expect(ChatFacts(json: encoded) == facts)
            #expect(try facts.json.decode(as: ChatFacts.self) == facts)
        }
        #expect(ChatFacts(json: .string("not facts")) == nil)
    }
}
