public import ArgumentParser
import Foundation
import LinqAPI
import LinqModels

extension WebhooksCommand {
    /// `linqbot webhooks list`: a table of the subscriptions.
    public struct List: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(abstract: "Print the webhook subscriptions as a table.")

        @OptionGroup var client: ClientOptions

        @Flag(help: "Print Linq's JSON instead of a table.")
        var json = false

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Lists the subscriptions.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let list = try await client.withClient(environment: environment, action: "list webhook subscriptions") { client in
                try await client.webhookSubscriptions.list()
            }
            if json {
                console.line(try JSONText.encode(list))
            } else {
                console.line(Self.table(list.subscriptions))
            }
        }

        /// The subscriptions as an aligned table, oldest first.
        static func table(_ subscriptions: [WebhookSubscription]) -> String {
            guard !subscriptions.isEmpty else {
                return "No webhook subscriptions. Create one with `linqbot webhooks create --url https://…`."
            }
            let rows = subscriptions.sorted { $0.createdAt < $1.createdAt }.map { subscription in
                [
                    subscription.id.rawValue,
                    subscription.isActive ? "yes" : "no",
                    subscription.targetURL,
                    subscription.subscribedEvents.map(\.rawValue).joined(separator: ","),
                    (subscription.phoneNumbers ?? []).isEmpty ? "all" : (subscription.phoneNumbers ?? []).joined(separator: ","),
                ]
            }
            return TextTable(header: ["ID", "ACTIVE", "URL", "EVENTS", "LINES"], rows: rows).text
        }
    }
}
