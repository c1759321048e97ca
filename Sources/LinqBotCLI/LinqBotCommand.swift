import ArgumentParser
import LinqBotCommands

/// The `linqbot` command.
@main
struct LinqBotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linqbot",
        abstract: "Tools for LinqBot bots on the Linq Partner API V3.",
        discussion: """
            Commands that call Linq read the API key from LINQ_API_V3_API_KEY (or --api-key) and the base URL \
            from LINQ_API_V3_BASE_URL (or --base-url).
            """,
        version: LinqBotRelease.version,
        subcommands: [NewCommand.self, SimulatorCommand.self, WebhooksCommand.self, SendCommand.self, AdminCommand.self, CheckCommand.self]
    )
}
