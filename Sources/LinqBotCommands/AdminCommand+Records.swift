public import ArgumentParser
import Foundation
import LinqModels
import NIOHTTP1

extension AdminCommand {
    /// `linqbot admin dead-letters`: the events the bot gave up on.
    public struct DeadLetters: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(commandName: "dead-letters", abstract: "Print the dead letters, newest first.")

        @OptionGroup var admin: AdminOptions
        @Option(help: "Only those with an id below this (the previous page's last).") var before: Int?
        @Option(help: "How many, 1 to 500.") var limit: Int = 50
        @Flag(help: "Print the bot's JSON instead of a table.") var json = false

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Lists the dead letters.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let path = "/dead-letters?limit=\(limit)" + (before.map { "&before=\($0)" } ?? "")
            let answer = try await admin.call(.GET, path, environment: environment, action: "list dead letters")
            if json { return console.line(try JSONText.encode(answer.json)) }
            guard case .array(let letters) = answer.json["dead_letters"], !letters.isEmpty else { return console.line("No dead letters.") }
            let rows = letters.map { letter in
                [
                    letter["id"]?.numberValue.map { String(Int($0)) } ?? "", letter["failed_at"]?.stringValue ?? "",
                    letter["chat_id"]?.stringValue ?? "", letter["event_type"]?.stringValue ?? "",
                    letter["attempts"]?.numberValue.map { String(Int($0)) } ?? "", letter["reason"]?.stringValue ?? "",
                ]
            }
            console.line(TextTable(header: ["ID", "FAILED", "CHAT", "EVENT", "ATTEMPTS", "REASON"], rows: rows).text)
            if let next = answer.json["next_before"]?.numberValue { console.line("More: --before \(Int(next))") }
        }
    }

    /// `linqbot admin replay <id>`: a dead letter back into its chat's queue.
    public struct Replay: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(abstract: "Put a dead letter back into its chat's queue, with its event id.")

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The dead letter's id (see `linqbot admin dead-letters`).") var id: Int

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Replays the dead letter.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let answer = try await admin.call(.POST, "/dead-letters/\(id)/replay", environment: environment, action: "replay dead letter \(id)")
            console.line("Dead letter \(id) replayed in chat \(answer.json["chat_id"]?.stringValue ?? "?").")
        }
    }

    /// `linqbot admin discard <id>`: forgets a dead letter.
    public struct Discard: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(abstract: "Discard a dead letter without handling it.")

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The dead letter's id (see `linqbot admin dead-letters`).") var id: Int

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Discards the dead letter.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            _ = try await admin.call(.DELETE, "/dead-letters/\(id)", environment: environment, action: "discard dead letter \(id)")
            console.line("Dead letter \(id) discarded.")
        }
    }

    /// `linqbot admin export <handle>`: everything the bot keeps about a person.
    public struct Export: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(abstract: "Print everything the bot keeps about a person as JSON.")

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The person's handle (E.164 phone number or email).") var handle: String

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Prints the export.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let answer = try await admin.call(.GET, "/people/\(AdminOptions.segment(handle))/export", environment: environment, action: "export \(handle)")
            console.line(try JSONText.encode(answer.json))
        }
    }

    /// `linqbot admin erase <handle> --yes`: erases a person's chats, keeping their opt-out.
    public struct Erase: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(
            abstract: "Erase what the bot keeps about a person's chats (sessions, payloads, sent records, timers, dead letters); their opt-out stays."
        )

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The person's handle (E.164 phone number or email).") var handle: String
        @Flag(help: "Confirm the erasure: it cannot be undone.") var yes = false

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Erases the person's chats.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            guard yes else { throw CommandError("Erasing \(handle) cannot be undone: add --yes to confirm.") }
            let answer = try await admin.call(.DELETE, "/people/\(AdminOptions.segment(handle))", environment: environment, action: "erase \(handle)")
            var chats = 0
            if case .array(let items)? = answer.json["chats"] { chats = items.count }
            let kept = answer.json["opt_out_kept"] == .bool(true) ? " Their opt-out is kept." : ""
            console.line("Erased \(handle): \(chats) chat(s).\(kept)")
        }
    }
}
