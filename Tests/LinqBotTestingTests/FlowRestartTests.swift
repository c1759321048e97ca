import Foundation
import LinqBot
import LinqBotSQLite
import LinqBotTesting
import Logging
import Testing

/// A flow's timeout is on disk: the bot restarts (a new build, the SQLite file reopened) and
/// the follow-up still fires on time, once.
@Suite struct FlowRestartTests {
    typealias Q = QualificationBot

    @Test("a flow timeout survives a restart of the bot on SQLite and fires on time after it, once")
    func timeoutSurvivesRestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-flow-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bot.sqlite").path
        let quiet = Logger(label: "flow-restart") { _ in SwiftLogNoOpLogHandler() }
        let first = try await SQLiteBotStore.open(path: path, logger: quiet)
        try await first.migrate()
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot, store: first)
        var current = first
        try await tester.run {
            try await tester.send("start")
            try await tester.send("Ada")
            try await tester.advance(by: .seconds(3600))
            let (rebuilt, _) = Q.makeBot()
            try await tester.restart(with: rebuilt) {
                try await first.close()
                let reopened = try await SQLiteBotStore.open(path: path, logger: quiet)
                try await reopened.migrate()
                current = reopened
                return reopened
            }
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).flow?.state == "need", "the flow's place came back from disk")
            try await tester.advance(by: Q.day - .seconds(3601))
            #expect(try await tester.replies().count == 2)
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().last == "Still there, Ada? Reply BUY or RENT.")
            try await tester.advance(by: .seconds(3600))
            #expect(try await tester.replies().count == 3, "fired once")
            #expect(try await tester.send("buy") == ["What is your budget in dollars?"])
        }
        try await current.close()
    }
}
