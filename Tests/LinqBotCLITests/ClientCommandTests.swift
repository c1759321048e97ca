import ArgumentParser
import Foundation
import LinqModels
import Testing

@testable import LinqBotCommands

/// `linqbot webhooks`, `send` and `check` against a LinqSimulator on 127.0.0.1, through the
/// same HTTP client and options a person uses.
@Suite struct ClientCommandTests {
    typealias Sim = LocalSimulator

    @Test("webhooks: create prints the subscription and its secret, list shows it, delete removes it")
    func webhookLifecycle() async throws {
        try await Sim.run { sim in
            let (console, printed) = CommandOutput.buffer()
            let empty = try WebhooksCommand.parseAsRoot(["list"] + sim.clientArguments) as! WebhooksCommand.List
            try await empty.execute(environment: [:], console: console)
            #expect(printed.text.hasPrefix("No webhook subscriptions."))

            let url = "https://bot.example.com/webhooks/linq?version=2026-02-03"
            let create = try WebhooksCommand.parseAsRoot(
                ["create", "--url", url, "--events", "message.received, reaction.added", "--line", Sim.line] + sim.clientArguments
            ) as! WebhooksCommand.Create
            let (createConsole, created) = CommandOutput.buffer()
            try await create.execute(environment: [:], console: createConsole)
            let lines = created.text.split(separator: "\n").map(String.init)
            let id = try #require(lines.first?.split(separator: " ").last.map(String.init))
            #expect(lines.first == "Created webhook subscription \(id)")
            #expect(lines.contains("  URL:             \(url)"))
            #expect(lines.contains("  Events:          message.received, reaction.added"))
            #expect(lines.contains("  Lines:           \(Sim.line)"))
            #expect(lines.contains { $0.hasPrefix("  Signing secret:  whsec_") })
            #expect(created.text.contains("Linq shows it only once"))

            let list = try WebhooksCommand.parseAsRoot(["list"] + sim.clientArguments) as! WebhooksCommand.List
            let (listConsole, listed) = CommandOutput.buffer()
            try await list.execute(environment: [:], console: listConsole)
            let table = listed.text.split(separator: "\n").map(String.init)
            #expect(table.count == 2)
            #expect(table[0].hasPrefix("ID"))
            #expect(table[0].hasSuffix("LINES"))
            #expect(table[1].split(separator: " ").map(String.init) == [id, "yes", url, "message.received,reaction.added", Sim.line])

            let delete = try WebhooksCommand.parseAsRoot(["delete", id] + sim.clientArguments) as! WebhooksCommand.Delete
            let (deleteConsole, deleted) = CommandOutput.buffer()
            try await delete.execute(environment: [:], console: deleteConsole)
            #expect(deleted.text == "Deleted webhook subscription \(id).\n")
            let (againConsole, again) = CommandOutput.buffer()
            try await empty.execute(environment: [:], console: againConsole)
            #expect(again.text.hasPrefix("No webhook subscriptions."))
        }
    }

    @Test("webhooks create without --events subscribes the events a LinqBot bot handles")
    func defaultEvents() async throws {
        try await Sim.run { sim in
            let create = try WebhooksCommand.parseAsRoot(["create", "--url", "https://bot.example.com/hook", "--json"] + sim.clientArguments)
                as! WebhooksCommand.Create
            let (console, printed) = CommandOutput.buffer()
            try await create.execute(environment: [:], console: console)
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(printed.text.utf8))
            #expect(json["subscribed_events"]?[0]?.stringValue == "message.received")
            #expect(json["signing_secret"]?.stringValue?.hasPrefix("whsec_") == true)
            guard case .array(let events)? = json["subscribed_events"] else { throw CLITestError.unexpected(printed.text) }
            #expect(events.compactMap(\.stringValue) == WebhooksCommand.botEvents.map(\.rawValue))
        }
    }

    @Test("Linq's errors come back with status, code and message, and a hint")
    func apiErrors() async throws {
        try await Sim.run { sim in
            let delete = try WebhooksCommand.parseAsRoot(["delete", "no-such-id"] + sim.clientArguments) as! WebhooksCommand.Delete
            let missing = try await #require(Self.failure { try await delete.execute(environment: [:], console: CommandOutput { _ in }) })
            #expect(missing.message.hasPrefix("Linq refused to delete webhook subscription no-such-id: HTTP 404, code 2010: "))
            #expect(missing.message.contains("Run `linqbot webhooks list` to see the ids that exist."))

            let arguments = ["list", "--base-url", "http://127.0.0.1:\(sim.port)/api/partner", "--api-key", "wrong-key"]
            let list = try WebhooksCommand.parseAsRoot(arguments) as! WebhooksCommand.List
            let refused = try await #require(Self.failure { try await list.execute(environment: [:], console: CommandOutput { _ in }) })
            #expect(refused.message.hasPrefix("Linq refused to list webhook subscriptions: HTTP 401, code 2004: "))
            #expect(refused.message.contains("Check the API key (--api-key or LINQ_API_V3_API_KEY)."))
        }
    }

    @Test("the key and base URL come from the environment when not given; without a key the command says what to set")
    func keyFromEnvironment() async throws {
        try await Sim.run { sim in
            let list = try WebhooksCommand.parseAsRoot(["list"]) as! WebhooksCommand.List
            let environment = ["LINQ_API_V3_API_KEY": Sim.apiKey, "LINQ_API_V3_BASE_URL": "http://127.0.0.1:\(sim.port)/api/partner"]
            let (console, printed) = CommandOutput.buffer()
            try await list.execute(environment: environment, console: console)
            #expect(printed.text.hasPrefix("No webhook subscriptions."))

            let error = try await #require(Self.failure { try await list.execute(environment: [:], console: CommandOutput { _ in }) })
            #expect(error.message == "No API key: set LINQ_API_V3_API_KEY or pass --api-key.")
        }
    }

    @Test("a base URL where nothing listens fails at once and says what to check")
    func unreachable() async throws {
        let list = try WebhooksCommand.parseAsRoot([
            "list", "--base-url", "http://127.0.0.1:9/api/partner", "--api-key", "key", "--max-retries", "0",
        ]) as! WebhooksCommand.List
        let error = try await #require(Self.failure { try await list.execute(environment: [:], console: CommandOutput { _ in }) })
        #expect(error.message.hasPrefix("Could not reach Linq at http://127.0.0.1:9/api/partner to list webhook subscriptions"))
        #expect(error.message.contains("Check --base-url (or LINQ_API_V3_BASE_URL)"))
    }

    @Test("send starts a chat, then sends into the same chat; the person receives both texts")
    func send() async throws {
        try await Sim.run { sim in
            let first = try SendCommand.parseAsRoot(["--from", Sim.line, "--to", Sim.person, "Your", "table", "is", "ready."] + sim.clientArguments)
                as! SendCommand
            let (console, printed) = CommandOutput.buffer()
            try await first.execute(environment: [:], console: console)
            let lines = printed.text.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("Sent message "))
            #expect(lines[0].contains(" to \(Sim.person) over "))
            #expect(lines[1].hasPrefix("Chat: ") && lines[1].hasSuffix(" (new)"))
            let chat = String(lines[1].dropFirst("Chat: ".count).dropLast(" (new)".count))

            let second = try SendCommand.parseAsRoot(["--from", Sim.line, "--to", Sim.person, "See you soon!"] + sim.clientArguments) as! SendCommand
            let (secondConsole, secondPrinted) = CommandOutput.buffer()
            try await second.execute(environment: [:], console: secondConsole)
            #expect(secondPrinted.text.hasSuffix("Chat: \(chat)\n"), "the existing chat is used")

            let sent = try await sim.control("GET", "/sim/lines/\(Sim.line)/sent", query: "handle=%2B15555550123")
            guard case .array(let messages)? = sent["messages"] else { throw CLITestError.unexpected("\(sent)") }
            #expect(messages.compactMap { $0["parts"]?[0]?["value"]?.stringValue } == ["Your table is ready.", "See you soon!"])
            #expect(messages.allSatisfy { $0["chat_id"]?.stringValue == chat })
        }
    }

    @Test("check reports iMessage and RCS as the handle's capabilities say")
    func check() async throws {
        try await Sim.run { sim in
            let handle = "+15555550177"
            _ = try await sim.control("PUT", "/sim/handles/\(handle)/capabilities", ["imessage": false, "rcs": true, "sms": true])
            let command = try CheckCommand.parseAsRoot([handle] + sim.clientArguments) as! CheckCommand
            let (console, printed) = CommandOutput.buffer()
            try await command.execute(environment: [:], console: console)
            let lines = printed.text.split(separator: "\n").map(String.init)
            #expect(lines[0] == handle)
            #expect(lines[1].hasPrefix("  iMessage:  not available"))
            #expect(lines[2] == "  RCS:       available; a message now would go over RCS")

            let email = try CheckCommand.parseAsRoot(["ada@example.com"] + sim.clientArguments) as! CheckCommand
            let (emailConsole, emailPrinted) = CommandOutput.buffer()
            try await email.execute(environment: [:], console: emailConsole)
            #expect(emailPrinted.text.contains("  RCS:       not checked (RCS needs a phone number)"))
        }
    }

    @Test("arguments are checked before any call, with messages that say what to fix")
    func validation() throws {
        #expect(Self.usageError { try SendCommand.parseAsRoot(["--from", "5555550100", "--to", "+15555550123", "hi"]) }
            .contains("--from 5555550100 is not an E.164 number such as +15555550100."))
        #expect(Self.usageError { try CheckCommand.parseAsRoot(["not a handle"]) }.contains("is neither an E.164 number"))
        let events = Self.usageError { try WebhooksCommand.parseAsRoot(["create", "--url", "https://x.example.com/h", "--events", "message.recieved"]) }
        #expect(events.contains("--events has \"message.recieved\", which is not a Linq webhook event type: did you mean one of message.sent, message.received"))
        #expect(Self.usageError { try WebhooksCommand.parseAsRoot(["create", "--url", "bot.example.com"]) }.contains("is not an http(s) URL"))
    }

    /// The command error `body` throws, or `nil`.
    static func failure(_ body: () async throws -> Void) async -> CommandError? {
        do {
            try await body()
            return nil
        } catch {
            return error as? CommandError
        }
    }

    /// The message ArgumentParser would print for a parse or validation failure.
    static func usageError(_ parse: () throws -> any ParsableCommand) -> String {
        do {
            _ = try parse()
            return ""
        } catch {
            return SendCommand.message(for: error)
        }
    }
}

enum CLITestError: Error { case unexpected(String) }
