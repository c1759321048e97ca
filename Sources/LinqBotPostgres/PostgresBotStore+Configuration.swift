import Foundation
import LinqBot
import PostgresNIO

extension PostgresBotStore {
    /// Where the store's PostgreSQL lives and how to reach it, read from a URL such as
    /// `postgres://bot:secret@db.internal:5432/linqbot?sslmode=require`.
    ///
    /// Its description never shows the password, so it is safe to print or log.
    ///
    /// ```swift
    /// var configuration = try PostgresBotStore.Configuration(url: "postgres://bot:secret@127.0.0.1/linqbot")
    /// configuration.maximumConnections = 10
    /// let store = try await PostgresBotStore.connect(configuration)
    /// ```
    public struct Configuration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
        /// How the connection uses TLS, after libpq's `sslmode` values.
        public enum TLSMode: String, Sendable, Hashable, CaseIterable {
            /// Plain TCP.
            case disable
            /// TLS when the server offers it, without checking its certificate (libpq's default).
            case prefer
            /// TLS or no connection, without checking the certificate.
            case require
            /// TLS, with the certificate checked against the system's trusted roots (not its host name).
            case verifyCA = "verify-ca"
            /// TLS, with the certificate and the host name checked.
            case verifyFull = "verify-full"
        }

        /// The server's host name or address.
        public var host: String
        /// The server's port; 5432 by default.
        public var port: Int
        /// The role to log in as.
        public var username: String
        /// The role's password, when the server asks for one.
        public var password: String?
        /// The database; PostgreSQL's default is the role's name.
        public var database: String
        /// TLS use; `prefer` unless the URL says `sslmode=…`.
        public var tls: TLSMode
        /// A schema for the store's tables (created by ``PostgresBotStore/migrate()``); `nil` uses
        /// the role's default search path (usually `public`). Lowercase letters, digits and `_`.
        public var schema: String?
        /// The name the server shows for the store's connections (`pg_stat_activity`).
        public var applicationName: String
        /// The most connections the store opens; 20 by default.
        public var maximumConnections: Int
        /// How long opening a connection may take; 5 s by default.
        public var connectTimeout: Duration
        /// How long an operation (a statement, a transaction) may wait for the server's answer
        /// before it fails as ``BotStoreError/unavailable(_:)``; 30 s by default, far above any
        /// statement of the store. It ends the wait for a statement lost with a connection the
        /// server closed under it (a restart), which would otherwise never be answered.
        public var answerTimeout: Duration

        /// Creates a configuration from its parts.
        public init(
            host: String, port: Int = 5432, username: String, password: String? = nil, database: String? = nil, tls: TLSMode = .prefer,
            schema: String? = nil, applicationName: String = "linqbot", maximumConnections: Int = 20, connectTimeout: Duration = .seconds(5),
            answerTimeout: Duration = .seconds(30)
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database ?? username
            self.tls = tls
            self.schema = schema
            self.applicationName = applicationName
            self.maximumConnections = maximumConnections
            self.connectTimeout = connectTimeout
            self.answerTimeout = answerTimeout
        }

        /// Reads a `postgres://` or `postgresql://` URL: `postgres://USER[:PASSWORD]@HOST[:PORT][/DATABASE]`,
        /// with percent-encoding in the user and password, and optional query parameters
        /// `sslmode` (`disable`, `prefer`, `require`, `verify-ca`, `verify-full`),
        /// `application_name`, `connect_timeout` (seconds), `schema` (a schema for the tables; see
        /// ``schema``) and `max_connections` (the pool's size; see ``maximumConnections``).
        ///
        /// Throws ``BotStoreError/unavailable(_:)`` saying what is wrong with the URL (without its password).
        public init(url text: String) throws {
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                  ["postgres", "postgresql"].contains(scheme)
            else {
                throw Self.invalid("is not a postgres:// URL; use postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            }
            guard let host = components.host, !host.isEmpty else {
                throw Self.invalid("names no host; use postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            }
            guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else {
                throw Self.invalid("names no user; use postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            }
            let path = components.percentEncodedPath.removingPercentEncoding ?? ""
            let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
            guard !database.contains("/") else { throw Self.invalid("has a path with more than a database name") }
            self.init(
                host: host, port: components.port ?? 5432, username: user, password: components.percentEncodedPassword?.removingPercentEncoding,
                database: database.isEmpty ? nil : database
            )
            for item in components.queryItems ?? [] {
                let value = item.value ?? ""
                switch item.name {
                case "sslmode":
                    guard let mode = TLSMode(rawValue: value) else {
                        let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                        throw Self.invalid("has sslmode=\(value); use one of \(modes)")
                    }
                    tls = mode
                case "application_name":
                    applicationName = value
                case "schema":
                    schema = value
                case "max_connections":
                    guard let count = Int(value), count > 0 else { throw Self.invalid("has max_connections=\(value); use a whole number above 0") }
                    maximumConnections = count
                case "connect_timeout":
                    guard let seconds = Int(value), seconds > 0 else { throw Self.invalid("has connect_timeout=\(value); use a number of seconds") }
                    connectTimeout = .seconds(seconds)
                default:
                    throw Self.invalid("has the parameter \(item.name), which LinqBot does not read (it reads sslmode, application_name, connect_timeout, schema, max_connections)")
                }
            }
        }

        /// The URL with the password replaced by `***`.
        public var description: String {
            let credentials = password == nil ? username : "\(username):***"
            let address = host.contains(":") ? "[\(host)]" : host
            let query = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
            let schemaNote = schema.map { " (schema \($0))" } ?? ""
            return "postgres://\(credentials)@\(address):\(port)/\(database)\(query)\(schemaNote)"
        }

        /// Same as ``description``: the password stays hidden.
        public var debugDescription: String { description }

        /// Checks the parts that the URL does not constrain.
        func validate() throws {
            if let schema, schema.isEmpty || !schema.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                throw BotStoreError.unavailable("the PostgreSQL schema \"\(schema)\" is not a plain name: use lowercase letters, digits and _")
            }
            guard maximumConnections > 0 else { throw BotStoreError.unavailable("maximumConnections is \(maximumConnections); use at least 1") }
            guard answerTimeout > .zero else { throw BotStoreError.unavailable("answerTimeout is \(answerTimeout); use a positive duration such as 30 s") }
        }

        /// Settings sent with every connection: durable commits, no session left idle in a
        /// transaction, server-side keepalives that notice a dead host within about 25 s.
        var startupParameters: [(String, String)] {
            var parameters = [
                ("application_name", applicationName), ("synchronous_commit", "on"), ("idle_in_transaction_session_timeout", "60000"),
                ("tcp_keepalives_idle", "10"), ("tcp_keepalives_interval", "5"), ("tcp_keepalives_count", "3"),
            ]
            if let schema { parameters.append(("search_path", schema)) }
            return parameters
        }

        /// The pool's configuration.
        func clientConfiguration() -> PostgresClient.Configuration {
            let tlsSetting: PostgresClient.Configuration.TLS =
                switch tlsConfiguration() {
                case nil: .disable
                case let settings? where tls == .prefer: .prefer(settings)
                case let settings?: .require(settings)
                }
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tlsSetting
            )
            configuration.options.additionalStartupParameters = startupParameters
            configuration.options.maximumConnections = maximumConnections
            configuration.options.connectTimeout = connectTimeout
            configuration.options.keepAliveBehavior = .init(frequency: .seconds(10))
            return configuration
        }

        /// A single connection's configuration (the reachability check at connect).
        func connectionConfiguration() throws -> PostgresConnection.Configuration {
            let tlsSetting: PostgresConnection.Configuration.TLS =
                switch try tlsConfiguration().map({ try NIOSSLContext(configuration: $0) }) {
                case nil: .disable
                case let context? where tls == .prefer: .prefer(context)
                case let context?: .require(context)
                }
            var configuration = PostgresConnection.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tlsSetting
            )
            configuration.options.additionalStartupParameters = startupParameters
            configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000)
            return configuration
        }

        /// NIOSSL settings for the TLS mode, `nil` for `disable`.
        private func tlsConfiguration() -> TLSConfiguration? {
            var settings = TLSConfiguration.makeClientConfiguration()
            switch tls {
            case .disable: return nil
            case .prefer, .require: settings.certificateVerification = .none
            case .verifyCA: settings.certificateVerification = .noHostnameVerification
            case .verifyFull: settings.certificateVerification = .fullVerification
            }
            return settings
        }

        private static func invalid(_ problem: String) -> BotStoreError {
            .unavailable("the PostgreSQL URL \(problem)")
        }
    }
}
