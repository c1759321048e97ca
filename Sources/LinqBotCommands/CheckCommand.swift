public import ArgumentParser
import Foundation
import LinqAPI
import LinqModels

/// `linqbot check`: whether a handle can get iMessage or RCS.
public struct CheckCommand: AsyncParsableCommand {
    /// The command's name, abstract and help.
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check whether a phone number or email can receive iMessage and RCS.",
        discussion: """
            Emails are checked for iMessage only. An RCS check Linq could not run (503 with code 4004, 4009 or \
            4010) is shown as unknown.

            Example:
              linqbot check +15555550123
            """
    )

    @OptionGroup var client: ClientOptions

    @Argument(help: "The handle: an E.164 number or an email.")
    var handle: String

    @Option(help: "Check from this line (E.164); by default Linq picks one.")
    var from: String?

    /// Creates the command (ArgumentParser fills it in).
    public init() {}

    /// Checks the handle's form before calling Linq.
    public func validate() throws {
        guard Phone.isE164(handle) || Phone.isEmail(handle) else {
            throw ValidationError("\(handle) is neither an E.164 number such as +15555550123 nor an email.")
        }
        if let from, !Phone.isE164(from) { throw ValidationError("--from \(from) is not an E.164 number such as +15555550100.") }
    }

    /// Runs the checks.
    public func run() async throws {
        try await execute(environment: ProcessInfo.processInfo.environment, console: .standardOutput)
    }

    /// The outcome of one check.
    enum Outcome: Sendable, Equatable {
        case checked(HandleCheckResponse)
        case unknown(String)
        case notApplicable
    }

    func execute(environment: [String: String], console: CommandOutput) async throws(CommandError) {
        let (handle, from) = (self.handle, self.from)
        let (iMessage, rcs) = try await client.withClient(environment: environment, action: "check \(handle)") { client in
            let iMessage = try await client.capability.checkIMessage(handle, from: from)
            guard Phone.isE164(handle) else { return (iMessage, Outcome.notApplicable) }
            do {
                return (iMessage, Outcome.checked(try await client.capability.checkRCS(handle, from: from)))
            } catch let error as LinqAPIError where error.status == 503 && [4004, 4009, 4010].contains(error.code?.rawValue) {
                return (iMessage, Outcome.unknown("Linq could not check (code \(error.code?.rawValue ?? 0): \(error.message))"))
            }
        }
        console.line(handle)
        console.line("  iMessage:  \(Self.describe(.checked(iMessage)))")
        console.line("  RCS:       \(Self.describe(rcs))")
    }

    static func describe(_ outcome: Outcome) -> String {
        switch outcome {
        case .checked(let answer):
            var text = answer.available ? "available" : "not available"
            if let reason = answer.reason, !answer.available { text += " (\(reason.rawValue))" }
            if let service = answer.selectedService { text += "; a message now would go over \(service.rawValue)" }
            return text
        case .unknown(let why): return "unknown: \(why)"
        case .notApplicable: return "not checked (RCS needs a phone number)"
        }
    }
}
