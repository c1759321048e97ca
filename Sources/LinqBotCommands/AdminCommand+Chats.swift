public import ArgumentParser
import Foundation
import LinqModels
import NIOHTTP1

extension AdminCommand {
    /// `linqbot admin chats`: the chats the bot keeps a session for.
    public struct Chats: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(abstract: "Print the chats with their flow, state and hand-off, a page at a time.")

        @OptionGroup var admin: AdminOptions
        @Option(help: "Start after this chat id (the previous page's last).") var after: String?
        @Option(help: "How many chats, 1 to 1000.") var limit: Int = 100
        @Flag(help: "Print the bot's JSON instead of a table.") var json = false

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Lists the chats.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            var path = "/chats?limit=\(limit)"
            if let after { path += "&after=\(AdminOptions.segment(after))" }
            let answer = try await admin.call(.GET, path, environment: environment, action: "list chats")
            if json { return console.line(try JSONText.encode(answer.json)) }
            guard case .array(let chats) = answer.json["chats"], !chats.isEmpty else { return console.line("No chats.") }
            let rows = chats.map { chat in
                [
                    chat["chat_id"]?.stringValue ?? "", chat["flow"]?.stringValue ?? "-", chat["state"]?.stringValue ?? "-",
                    chat["handed_off"] == .bool(true) ? "yes" : "no", chat["updated_at"]?.stringValue ?? "",
                ]
            }
            console.line(TextTable(header: ["CHAT", "FLOW", "STATE", "HANDED OFF", "UPDATED"], rows: rows).text)
            if let next = answer.json["next_after"]?.stringValue { console.line("More: --after \(next)") }
        }
    }

    /// `linqbot admin chat <chat-id>`: everything the bot keeps about one chat.
    public struct Chat: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(abstract: "Print one chat's session, flow, hand-off and timers as JSON.")

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The chat id.") var chatID: String

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Prints the chat.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let answer = try await admin.call(.GET, "/chats/\(AdminOptions.segment(chatID))", environment: environment, action: "read chat \(chatID)")
            console.line(try JSONText.encode(answer.json))
        }
    }

    /// `linqbot admin hand-off <chat-id>`: a person takes the chat over.
    public struct HandOff: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(commandName: "hand-off", abstract: "Hand a chat to a person: the bot stops answering it.")

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The chat id.") var chatID: String
        @Option(help: "Why, kept with the hand-off.") var reason: String?

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Queues the hand-off.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let body: JSONValue = reason.map { .object(["reason": .string($0)]) } ?? .object([:])
            _ = try await admin.call(.POST, "/chats/\(AdminOptions.segment(chatID))/hand-off", body: body, environment: environment, action: "hand off \(chatID)")
            console.line("Hand-off of \(chatID) queued.")
        }
    }

    /// `linqbot admin hand-back <chat-id>`: the bot answers the chat again.
    public struct HandBack: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(commandName: "hand-back", abstract: "Give a handed-off chat back to the bot.")

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The chat id.") var chatID: String

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Queues the hand-back.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            _ = try await admin.call(.POST, "/chats/\(AdminOptions.segment(chatID))/hand-back", body: .object([:]), environment: environment, action: "hand back \(chatID)")
            console.line("Hand-back of \(chatID) queued.")
        }
    }

    /// `linqbot admin end-flow <chat-id>`: ends the chat's flow.
    public struct EndFlow: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(commandName: "end-flow", abstract: "End the flow a chat is in.")

        @OptionGroup var admin: AdminOptions
        @Argument(help: "The chat id.") var chatID: String

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Queues the end of the flow.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            _ = try await admin.call(.POST, "/chats/\(AdminOptions.segment(chatID))/end-flow", body: .object([:]), environment: environment, action: "end the flow of \(chatID)")
            console.line("End of the flow in \(chatID) queued.")
        }
    }
}
