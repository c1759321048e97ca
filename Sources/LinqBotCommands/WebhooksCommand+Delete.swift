public import ArgumentParser
import Foundation
import LinqAPI
import LinqModels

extension WebhooksCommand {
    /// `linqbot webhooks delete`: removes a subscription.
    public struct Delete: AsyncParsableCommand {
        /// The command's name and abstract.
        public static let configuration = CommandConfiguration(abstract: "Delete a webhook subscription by id.")

        @OptionGroup var client: ClientOptions

        @Argument(help: "The subscription id (see `linqbot webhooks list`).")
        var id: String

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Refuses an empty id.
        public func validate() throws {
            guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("The subscription id is empty: run `linqbot webhooks list` to see the ids.")
            }
        }

        /// Deletes the subscription.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let subscription = WebhookSubscriptionID(id.trimmingCharacters(in: .whitespaces))
            try await client.withClient(environment: environment, action: "delete webhook subscription \(subscription.rawValue)") { client in
                try await client.webhookSubscriptions.delete(subscription)
            }
            console.line("Deleted webhook subscription \(subscription.rawValue).")
        }
    }
}
