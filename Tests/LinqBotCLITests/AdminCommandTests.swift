import ArgumentParser
import Foundation
import LinqAPI
import LinqBot
import LinqBotServer
import LinqBotTesting
import LinqModels
import Logging
import Synchronization
import Testing

@testable import LinqBotCommands

/// `linqbot admin` against a running bot's admin API on 127.0.0.1 (simulator, in-memory store,
/// virtual clock), through the same HTTP client and options a person uses.
@Suite struct AdminCommandTests {
    static let token = "cli-admin-token-7d2e9c4b1a"

    struct OrderSystemDown: Error {}

    /// Whether the order handler fails.
    final class Switch: Sendable {
        let broken: Mutex<Bool>
        init(_ broken: Bool) { self.broken = Mutex(broken) }
    }

    /// Echoes text; "order" fails while `broken` holds.
    static func makeBot(_ failing: Switch) -> Bot {
        let bot = Bot(configuration: .init(maxAttempts: 1))
        bot.onText(.keyword("order")) { ctx, _ in
            if failing.broken.withLock({ $0 }) { throw OrderSystemDown() }
            try await ctx.reply("Order placed")
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }

    /// Runs `body` with a tester and the bot's base URL.
    static func run(_ failing: Switch, _ body: (BotTester, String) async throws -> Void) async throws {
        let tester = try await BotTester(bot: makeBot(failing))
        let quiet = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = BotServer(
            application: tester.app, configuration: .init(port: 0, admin: AdminAPI.Configuration(token: Secret(token))), logger: quiet
        ) {
            sink.yield($0)
            sink.finish()
        }
        let running = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        do {
            try await tester.run { try await body(tester, "http://127.0.0.1:\(port)") }
        } catch {
            running.cancel()
            throw error
        }
        running.cancel()
        _ = await running.result
    }

    /// Parses `arguments` as `linqbot admin …` and runs it with the token in the environment.
    static func admin(_ arguments: [String], url: String, environment: [String: String] = ["LINQBOT_ADMIN_TOKEN": token]) async throws -> String {
        let command = try AdminCommand.parseAsRoot(arguments + ["--url", url])
        let (console, printed) = CommandOutput.buffer()
        switch command {
        case let command as AdminCommand.Chats: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.Chat: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.HandOff: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.HandBack: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.EndFlow: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.DeadLetters: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.Replay: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.Discard: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.Export: try await command.execute(environment: environment, console: console)
        case let command as AdminCommand.Erase: try await command.execute(environment: environment, console: console)
        default: Issue.record("not an admin command: \(arguments)")
        }
        return printed.text
    }

    @Test("chats, chat, hand-off and hand-back; a missing or wrong token is refused with what to fix")
    func chats() async throws {
        try await Self.run(Switch(false)) { tester, url in
            #expect(try await tester.send("hello") == ["You said: hello"])
            let chat = try #require(try await tester.chatID()).rawValue
            let table = try await Self.admin(["chats"], url: url).split(separator: "\n").map(String.init)
            #expect(table.count == 2 && table[0].hasPrefix("CHAT") && table[1].hasPrefix(chat) && table[1].contains(" no "), "\(table)")
            #expect(try await Self.admin(["chat", chat], url: url).contains("\"chat_id\" : \"\(chat)\""))
            #expect(try await Self.admin(["hand-off", chat, "--reason", "billing question"], url: url) == "Hand-off of \(chat) queued.\n")
            try await tester.advance(by: .zero)
            #expect(try await Self.admin(["chats", "--json"], url: url).contains("\"handed_off\" : true"))
            #expect(try await Self.admin(["hand-back", chat], url: url) == "Hand-back of \(chat) queued.\n")
            try await tester.advance(by: .zero)
            #expect(try await Self.admin(["chats", "--json"], url: url).contains("\"handed_off\" : false"))

            await #expect(throws: CommandError.self) { try await Self.admin(["chats"], url: url, environment: [:]) }
            do {
                _ = try await Self.admin(["chats", "--token", "wrong-token-000000000"], url: url, environment: [:])
                Issue.record("a wrong token was accepted")
            } catch let error as CommandError {
                #expect(error.message.contains("HTTP 401") && error.message.contains("LINQBOT_ADMIN_TOKEN"), "\(error.message)")
            }
            do {
                _ = try await Self.admin(["chats"], url: "http://127.0.0.1:9")
                Issue.record("an unreachable bot did not fail")
            } catch let error as CommandError {
                #expect(error.message.contains("Could not reach the bot at http://127.0.0.1:9"), "\(error.message)")
            }
        }
    }

    @Test("dead-letters lists what failed; replay gets it handled, discard drops it; export and erase a person")
    func deadLettersAndPeople() async throws {
        let failing = Switch(true)
        try await Self.run(failing) { tester, url in
            try await tester.deliver("order")
            try await tester.deliver("order", from: "+15555550177")
            try await tester.advance(by: .seconds(60))
            let rows = try await Self.admin(["dead-letters"], url: url).split(separator: "\n").map(String.init)
            #expect(rows.count == 3 && rows[0].hasPrefix("ID") && rows[1].contains("message.received"), "\(rows)")
            let ids = rows.dropFirst().compactMap { $0.split(separator: " ").first.flatMap { Int($0) } }
            #expect(ids.count == 2 && ids[0] > ids[1])
            failing.broken.withLock { $0 = false }
            #expect(try await Self.admin(["replay", String(ids[1])], url: url).hasPrefix("Dead letter \(ids[1]) replayed in chat "))
            try await tester.advance(by: .zero)
            #expect(try await tester.replies() == ["Order placed"])
            #expect(try await Self.admin(["discard", String(ids[0])], url: url) == "Dead letter \(ids[0]) discarded.\n")
            #expect(try await Self.admin(["dead-letters"], url: url) == "No dead letters.\n")
            await #expect(throws: CommandError.self) { try await Self.admin(["replay", String(ids[0])], url: url) }

            let export = try await Self.admin(["export", tester.person], url: url)
            #expect(export.contains("\"handle\" : \"\(tester.person)\"") && export.contains("\"inbox_events\""), "\(export)")
            await #expect(throws: CommandError.self) { try await Self.admin(["erase", tester.person], url: url) }
            #expect(try await Self.admin(["erase", tester.person, "--yes"], url: url) == "Erased \(tester.person): 1 chat(s).\n")
            let after = try JSONDecoder().decode(JSONValue.self, from: Data(try await Self.admin(["export", tester.person], url: url).utf8))
            #expect(after["chats"] == [] && after["handle"]?.stringValue == tester.person, "\(after)")
        }
    }
}
