public import ArgumentParser

/// `linqbot admin`: a running bot's admin API from a terminal.
public struct AdminCommand: AsyncParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Look inside a running bot and act on it through its admin API.",
        discussion: """
            Talks to the bot at --url (default: $LINQBOT_ADMIN_URL, else http://127.0.0.1:8080) with the \
            bearer token in --token or $LINQBOT_ADMIN_TOKEN, the token the bot was started with.
            """,
        subcommands: [
            Chats.self, Chat.self, HandOff.self, HandBack.self, EndFlow.self, DeadLetters.self, Replay.self, Discard.self, Export.self,
            Erase.self,
        ]
    )

    /// Creates the command (ArgumentParser fills it in).
    public init() {}
}
