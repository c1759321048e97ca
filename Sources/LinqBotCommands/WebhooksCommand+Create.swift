public import ArgumentParser
import Foundation
import LinqAPI
import LinqModels

extension WebhooksCommand {
    /// `linqbot webhooks create`: a new subscription and its signing secret.
    public struct Create: AsyncParsableCommand {
        /// The command's name, abstract and help.
        public static let configuration = CommandConfiguration(
            abstract: "Subscribe a URL to webhook events; prints the signing secret (shown only once).",
            discussion: """
                Linq takes https URLs only, each once per account. Add ?version=2026-02-03 to pin the payload \
                version. Without --events the subscription gets the events a LinqBot bot handles:
                \(WebhooksCommand.botEvents.map(\.rawValue).joined(separator: ","))

                Example: linqbot webhooks create --url https://bot.example.com/webhooks/linq
                """
        )

        @OptionGroup var client: ClientOptions

        @Option(help: "The URL Linq posts events to (your bot's /webhooks/linq route).")
        var url: String

        @Option(help: "Event types, comma-separated (default: the events a LinqBot bot handles).")
        var events: String?

        @Option(name: .customLong("line"), help: "Only events of this line (E.164); repeat for several. Default: every line.")
        var lines: [String] = []

        @Flag(help: "Print Linq's JSON instead of a summary.")
        var json = false

        /// Creates the command (ArgumentParser fills it in).
        public init() {}

        /// Checks the URL, the event names and the lines before calling Linq.
        public func validate() throws {
            do {
                _ = try Self.eventTypes(events)
            } catch {
                throw ValidationError(error.message)
            }
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host != nil
            else {
                throw ValidationError("--url \"\(url)\" is not an http(s) URL: use e.g. https://bot.example.com/webhooks/linq.")
            }
            for line in lines where !Phone.isE164(line) {
                throw ValidationError("--line \(line) is not an E.164 number such as +15555550100.")
            }
        }

        /// Creates the subscription.
        public func run() async throws {
            try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
        }

        func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
            let request = CreateWebhookSubscriptionRequest(
                targetURL: url, subscribedEvents: try Self.eventTypes(events), phoneNumbers: lines.isEmpty ? nil : lines
            )
            let created = try await client.withClient(environment: environment, action: "create the webhook subscription") { client in
                try await client.webhookSubscriptions.create(request)
            }
            if json {
                console.line(try JSONText.encode(created))
                return
            }
            let subscription = created.subscription
            console.line("""
                Created webhook subscription \(subscription.id.rawValue)
                  URL:             \(subscription.targetURL)
                  Events:          \(subscription.subscribedEvents.map(\.rawValue).joined(separator: ", "))
                  Lines:           \((subscription.phoneNumbers ?? []).isEmpty ? "all" : (subscription.phoneNumbers ?? []).joined(separator: ", "))
                  Active:          \(subscription.isActive ? "yes" : "no")
                  Signing secret:  \(created.signingSecret)

                Store the signing secret now: Linq shows it only once. Give it to the bot as LINQ_WEBHOOK_SECRET.
                """)
            if !subscription.targetURL.contains("version=") {
                console.line("Tip: add ?version=2026-02-03 to the URL to pin the webhook payload version.")
            }
        }

        /// The event types in `text` (comma-separated), or the bot's default set when `nil`.
        static func eventTypes(_ text: String?) throws(CommandError) -> [WebhookEventType] {
            guard let text else { return WebhooksCommand.botEvents }
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw CommandError("--events is empty: name at least one event type, e.g. message.received.") }
            let known = Set(WebhookEventType.allKnown.map(\.rawValue))
            for name in names where !known.contains(name) {
                let group = name.split(separator: ".").first.map { "\($0)." } ?? name
                let similar = WebhookEventType.allKnown.map(\.rawValue).filter { $0.hasPrefix(group) }
                let hint = similar.isEmpty ? "see `linqbot webhooks create --help` for the usual ones" : "did you mean one of \(similar.joined(separator: ", "))?"
                throw CommandError("--events has \"\(name)\", which is not a Linq webhook event type: \(hint)")
            }
            return names.map(WebhookEventType.init(rawValue:))
        }
    }
}
