import ArgumentParser

/// The `linqbot` command.
@main
struct LinqBotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linqbot",
        abstract: "Tools for LinqBot bots on the Linq Partner API V3.",
        subcommands: [SimulatorCommand.self]
    )
}
