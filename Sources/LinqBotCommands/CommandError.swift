import LinqAPI

/// A failure of a `linqbot` command, worded as what to fix. The command exits with status 1
/// and prints `Error: ` and the message.
struct CommandError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong and what to do about it.
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }

    /// Words a client failure for a person at a terminal: Linq's status, code and message for
    /// API errors, the address that could not be reached for connection problems.
    static func linq(_ error: any Error, doing action: String, baseURL: String) -> CommandError {
        guard let error = error as? LinqAPIError else { return CommandError("Could not \(action): \(error)") }
        switch error.kind {
        case .api:
            var text = "Linq refused to \(action): HTTP \(error.status.map(String.init) ?? "?")"
            if let code = error.code { text += ", code \(code.rawValue)" }
            text += ": \(error.message)"
            if let hint = hint(for: error) { text += "\n\(hint)" }
            if let docURL = error.docURL { text += "\nSee \(docURL)" }
            if let traceID = error.traceID { text += "\nTrace id (quote it to Linq support): \(traceID)" }
            return CommandError(text)
        case .connection, .timeout:
            return CommandError(
                "Could not reach Linq at \(baseURL) to \(action): \(error.message)\n"
                    + "Check --base-url (or LINQ_API_V3_BASE_URL); for the local simulator run `linqbot simulator` "
                    + "and use --base-url http://127.0.0.1:7700/api/partner."
            )
        default:
            return CommandError("Could not \(action): \(error.message)")
        }
    }

    private static func hint(for error: LinqAPIError) -> String? {
        if error.status == 401 || error.code == .unauthorized {
            return "Check the API key (--api-key or LINQ_API_V3_API_KEY)."
        }
        if error.code == .subscriptionNotFound || (error.isNotFound && error.code == nil) {
            return "Run `linqbot webhooks list` to see the ids that exist."
        }
        if error.code == .lineNotPermitted { return "Use one of your Linq lines as --from (E.164, e.g. +15555550100)." }
        return nil
    }
}
