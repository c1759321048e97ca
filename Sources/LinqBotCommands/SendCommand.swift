public import ArgumentParser
import Foundation
import LinqAPI
import LinqModels

/// `linqbot send`: one text from one of our lines to a handle.
public struct SendCommand: AsyncParsableCommand {
    /// The command's name, abstract and help.
    public static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a text from one of your lines to a phone number or email.",
        discussion: """
            Sends into the existing one-to-one chat between the line and the handle, or starts one. Linq does \
            not allow links in the first message of a new chat.

            Example:
              linqbot send --from +15555550100 --to +15555550123 Your table is ready.
            """
    )

    @OptionGroup var client: ClientOptions

    @Option(help: "Your line (E.164), e.g. +15555550100.")
    var from: String

    @Option(help: "The recipient: an E.164 number or an email (iMessage).")
    var to: String

    @Argument(help: "The text to send; several words are joined with spaces.")
    var text: [String]

    /// Creates the command (ArgumentParser fills it in).
    public init() {}

    /// Checks the handles and the text before calling Linq.
    public func validate() throws {
        guard Phone.isE164(from) else { throw ValidationError("--from \(from) is not an E.164 number such as +15555550100.") }
        guard Phone.isE164(to) || Phone.isEmail(to) else {
            throw ValidationError("--to \(to) is neither an E.164 number such as +15555550123 nor an email.")
        }
        guard !message.isEmpty else { throw ValidationError("There is no text to send: add it after the options.") }
    }

    /// Sends the text.
    public func run() async throws {
        try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
    }

    var message: String { text.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines) }

    func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
        let (from, to, message) = (self.from, self.to, self.message)
        let (chat, sent, isNew) = try await client.withClient(environment: environment, action: "send the message") { client in
            let existing = try await client.chats.list(from: from, to: to, limit: 100).chats.first { chat in
                !chat.isGroup && chat.handles.contains { $0.handle == to }
            }
            if let existing {
                let response = try await client.chats.messages.send(to: existing.id, .text(message))
                return (existing.id, response.message, false)
            }
            let created = try await client.chats.create(CreateChatRequest(from: from, to: [to], message: .text(message)))
            return (created.chat.id, created.chat.message, true)
        }
        let service = sent.service.map { " over \($0.rawValue)" } ?? ""
        console.line("Sent message \(sent.id.rawValue) to \(to)\(service) (\(sent.deliveryStatus.rawValue)).")
        console.line("Chat: \(chat.rawValue)\(isNew ? " (new)" : "")")
    }
}
