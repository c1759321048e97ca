import Foundation
import LinqAPI
import LinqBot
import LinqModels
import Logging
import Synchronization
import Testing

/// The Linq client's log lines name the chat and the event a call was made for.
@Suite struct ClientTraceTests {
    /// Keeps each line with its handler and call metadata merged, as a real log handler prints it.
    struct Lines: LogHandler {
        let box: Box
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        init(_ box: Box) { self.box = box }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            box.lines.withLock { $0.append(("\(event.message)", merged)) }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let merged = self.metadata.merging(metadata ?? [:]) { $1 }
            box.lines.withLock { $0.append(("\(message)", merged)) }
        }
    }

    @Test("a reply's Linq call logs linq.chat_id and linq.event_id of the event it answers; a call outside an event logs neither")
    func callsCarryTheEvent() async throws {
        let shared = Box()
        let logger = Logger(label: "linq.client") { _ in Lines(shared) }
        let bot = Bot()
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        let harness = try await RuntimeHarness(bot: bot, events: [.messageReceived], clientLogger: logger)
        try await harness.running {
            await harness.personSends("hello")
            try await harness.repliedAndDrained()
        }
        #expect(try await harness.sent() == ["You said: hello"])
        let lines = shared.lines.withLock { $0 }
        let finished = lines.filter { $0.message == "linq call finished" }
        let reply = try #require(finished.first { $0.metadata["linq.path"].map { "\($0)".hasSuffix("/messages") } ?? false }, "\(lines)")
        let event = try #require(reply.metadata["linq.event_id"].map { "\($0)" })
        let chat = try #require(reply.metadata["linq.chat_id"].map { "\($0)" })
        #expect(!event.isEmpty && reply.metadata["linq.path"].map { "\($0)".contains(chat) } == true, "\(reply.metadata)")
        let subscribe = try #require(finished.first { $0.metadata["linq.path"].map { "\($0)".contains("webhook") } ?? false })
        #expect(subscribe.metadata["linq.event_id"] == nil && subscribe.metadata["linq.chat_id"] == nil)
    }

    @Test("scoped metadata is added at each log call: call-site metadata wins, the level and the handler's own metadata stay the base's")
    func scopedMetadata() throws {
        let shared = Box()
        var base = Logger(label: "t") { _ in Lines(shared) }
        base[metadataKey: "linq.instance"] = "i1"
        base.logLevel = .info
        let event = base.scoped(["linq.event_id": "e1", "linq.chat_key": "c1"])
        let call = event.scoped(["linq.chat_id": "chat-1", "linq.event_id": "e2"])
        call.debug("not logged")
        call.info("one", metadata: ["linq.chat_key": "from the call"])
        event.info("two")
        base.info("three")
        let lines = shared.lines.withLock { $0 }
        #expect(lines.map(\.message) == ["one", "two", "three"])
        #expect(lines[0].metadata == ["linq.instance": "i1", "linq.event_id": "e2", "linq.chat_key": "from the call", "linq.chat_id": "chat-1"])
        #expect(lines[1].metadata == ["linq.instance": "i1", "linq.event_id": "e1", "linq.chat_key": "c1"])
        #expect(lines[2].metadata == ["linq.instance": "i1"], "the base logger is untouched")
        #expect(call.handler is ScopedLogHandler && !((call.handler as? ScopedLogHandler)?.base is ScopedLogHandler), "scopes merge, not nest")
        #expect(call[metadataKey: "linq.instance"] == "i1" && call[metadataKey: "linq.chat_id"] == "chat-1")
    }

    final class Box: Sendable {
        let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])
    }
}
