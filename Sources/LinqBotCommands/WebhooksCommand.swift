public import ArgumentParser
import LinqModels

/// `linqbot webhooks`: the account's webhook subscriptions.
public struct WebhooksCommand: AsyncParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "List, create and delete webhook subscriptions.",
        discussion: """
            Talks to Linq with LINQ_API_V3_API_KEY (or --api-key), or to a simulator with --base-url \
            http://127.0.0.1:7700/api/partner.
            """,
        subcommands: [List.self, Create.self, Delete.self]
    )

    /// Creates the command (ArgumentParser fills it in).
    public init() {}

    /// The events a bot built on LinqBot handles: what `create` subscribes to without `--events`.
    static let botEvents: [WebhookEventType] = [
        .messageReceived, .messageSent, .messageDelivered, .messageRead, .messageFailed, .messageEdited, .reactionAdded,
        .reactionRemoved, .chatTypingIndicatorStarted, .chatTypingIndicatorStopped, .participantAdded, .participantRemoved,
        .chatCreated, .phoneNumberStatusUpdated, .contactCardReceived,
    ]
}
