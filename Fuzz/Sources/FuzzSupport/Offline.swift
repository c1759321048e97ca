public import Foundation
public import LinqAPI
public import Logging

/// What every harness shares: a fixed wall clock, a quiet logger and a Linq client that
/// never reaches the network.
public enum Offline {
    /// The harnesses' "now": deliveries are signed for it, so they are always fresh.
    public static let now = Date(timeIntervalSince1970: 1_773_157_330)

    /// The webhook signing secret of the harnesses.
    public static let webhookSecret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="

    /// A logger that drops everything (logging is not what is fuzzed, and it is slow).
    public static let logger = Logger(label: "linqbot.fuzz") { _ in SwiftLogNoOpLogHandler() }

    /// A client whose every request fails at once: nothing fuzzed may call Linq.
    public static let client = LinqClient(
        configuration: .init(apiKey: "fuzz", baseURL: URL(string: "http://127.0.0.1:9")!), transport: Unreachable(), logger: logger
    )

    struct Unreachable: LinqTransport {
        struct Refused: Error {}
        func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse { throw Refused() }
    }
}
