import Foundation
import LinqBot
import Logging
import PostgresNIO

extension PostgresBotStore {
    /// Runs a statement on a pooled connection and decodes every row it returns.
    func rows<each Column: PostgresDecodable>(_ query: PostgresQuery, as type: (repeat each Column).Type) async throws -> [(repeat each Column)] {
        try await Self.storeErrors {
            try await Self.decode(Self.query(query, on: client, within: configuration.answerTimeout, logger: logger), as: type)
        }
    }

    /// Runs a statement on a pooled connection, ignoring what it returns.
    func execute(_ query: PostgresQuery) async throws {
        try await Self.storeErrors {
            _ = try await Self.query(query, on: client, within: configuration.answerTimeout, logger: logger).collect()
        }
    }

    /// Sends a statement on a pooled connection; throws once `limit` passed without an answer
    /// (see ``AnswerDeadline``). Once the first answer came, the rows arrive on that connection,
    /// whose closing ends them with an error.
    static func query(_ query: PostgresQuery, on client: PostgresClient, within limit: Duration, logger: Logger) async throws -> PostgresRowSequence {
        try await AnswerDeadline.run(within: limit) { try await client.query(query, logger: logger) }
    }

    /// Runs a prepared statement on a pooled connection and collects its rows; throws once
    /// `limit` passed without all of them (see ``AnswerDeadline``).
    static func run<Statement: PostgresPreparedStatement>(
        _ statement: Statement, on client: PostgresClient, within limit: Duration, logger: Logger
    ) async throws -> [Statement.Row] where Statement.Row: Sendable {
        try await AnswerDeadline.run(within: limit) {
            try await client.execute(statement, logger: logger).reduce(into: []) { $0.append($1) }
        }
    }

    /// Runs `body` in one transaction on a pooled connection: committed when it returns,
    /// rolled back when it throws, abandoned (and so rolled back by the server) when no answer
    /// comes within the answer timeout. Its own ``BotStoreError``s come through unchanged.
    func transaction<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let (client, logger) = (self.client, self.logger)
        return try await Self.storeErrors {
            try await AnswerDeadline.run(within: configuration.answerTimeout) {
                try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        }
    }

    /// Decodes the rows of a result.
    static func decode<each Column: PostgresDecodable>(_ sequence: PostgresRowSequence, as type: (repeat each Column).Type) async throws -> [(repeat each Column)] {
        var decoded: [(repeat each Column)] = []
        for try await row in sequence { decoded.append(try row.decode(type)) }
        return decoded
    }

    /// Runs `body`, reporting a failure as a ``BotStoreError``.
    static func storeErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw storeError(error)
        }
    }

    /// A failure in the store's terms: ``BotStoreError`` as it is, anything else as
    /// ``BotStoreError/unavailable(_:)`` with what PostgreSQL said (never a bound value).
    static func storeError(_ error: any Error) -> BotStoreError {
        switch error {
        case let error as BotStoreError:
            return error
        case let error as PostgresTransactionError:
            if let inner = error.closureError ?? error.beginError { return storeError(inner) }
            if let commit = error.commitError { return .unavailable("the PostgreSQL commit failed: \(storeError(commit).message)") }
            return .unavailable("a PostgreSQL transaction failed")
        case let error as PSQLError:
            return .unavailable(describe(error))
        default:
            return .unavailable("PostgreSQL: \(String(describing: error))")
        }
    }

    /// What a PostgreSQL error says: the server's code and message, or the client-side reason.
    static func describe(_ error: PSQLError) -> String {
        if let info = error.serverInfo, let message = info[.message] {
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return "PostgreSQL: \(message)\(state)"
        }
        let underlying = error.underlying.map { ": \(String(describing: $0))" } ?? ""
        return "PostgreSQL \(error.code)\(underlying)"
    }

    /// Opens one connection and runs a query, so that a wrong address, login or database
    /// fails at start with a message saying what to fix.
    static func probe(_ configuration: Configuration, logger: Logger) async throws {
        let quiet = Logger(label: logger.label) { _ in SwiftLogNoOpLogHandler() }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration.connectionConfiguration(), id: 0, logger: quiet)
        } catch {
            throw connectionError(error, configuration)
        }
        do {
            _ = try await connection.query("SELECT 1", logger: quiet).collect()
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw connectionError(error, configuration)
        }
    }

    /// A failed connection attempt, with what to fix.
    static func connectionError(_ error: any Error, _ configuration: Configuration) -> BotStoreError {
        let target = "\(configuration.host):\(configuration.port)"
        guard let error = error as? PSQLError else {
            return .unavailable("cannot open a connection to PostgreSQL at \(target) (\(error)): check that the server runs and that the URL names its host and port")
        }
        if error.code == .sslUnsupported {
            return .unavailable(
                "PostgreSQL at \(target) does not offer TLS, which sslmode=\(configuration.tls.rawValue) requires: enable ssl on the server, or use sslmode=prefer or disable on a trusted network"
            )
        }
        switch error.serverInfo?[.sqlState] {
        case "28P01", "28000":
            return .unavailable(
                "PostgreSQL at \(target) refused the login of \"\(configuration.username)\" (\(describe(error))): check the user and password in the URL, and the server's pg_hba.conf"
            )
        case "3D000":
            return .unavailable(
                "PostgreSQL at \(target) has no database \"\(configuration.database)\": create it (createdb \(configuration.database)) or fix the URL"
            )
        case "57P03", "53300":
            return .unavailable("PostgreSQL at \(target) does not accept connections now (\(describe(error))): try again once it has started")
        case .some:
            return .unavailable("PostgreSQL at \(target) refused the connection (\(describe(error)))")
        case nil:
            return .unavailable(
                "cannot open a connection to PostgreSQL at \(target) (\(describe(error))): check that the server runs, that the URL names its host and port, and its sslmode"
            )
        }
    }
}

extension BotStoreError {
    /// The text of an ``unavailable(_:)`` error, or a short description.
    var message: String {
        switch self {
        case .unavailable(let text): text
        case .leaseLost(let chat): "the lease of chat \(chat) was lost"
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
