public import Foundation
public import LinqAPI
public import LinqBotPostgres
public import LinqBot
import LinqBotServer

extension BotHost {
    /// Where a bot runs: against Linq or locally, its store and its HTTP address.
    public struct Configuration: Sendable {
        /// How the bot reaches Linq.
        public enum Mode: Sendable {
            /// The real API (or any base URL), with the given client settings and webhook secrets.
            case remote(LinqClient.Configuration, WebhookVerifier.Configuration)
            /// An in-process simulator with these lines, its API on `simulatorPort` and the chat page.
            case local(lines: [String], simulatorPort: Int)
        }

        /// Where the bot's state lives.
        public enum Database: Sendable, Equatable, CustomStringConvertible {
            /// A SQLite file (the embedded default).
            case sqlite(path: String)
            /// A PostgreSQL database, which several instances of the bot can share.
            case postgres(PostgresBotStore.Configuration)
            /// Memory only: lost on exit.
            case memory

            /// The store as `LINQBOT_DATABASE_URL` would name it, without a password.
            public var description: String {
                switch self {
                case .sqlite(let path): "sqlite:\(path)"
                case .postgres(let configuration): configuration.description
                case .memory: "memory:"
                }
            }
        }

        /// How the bot reaches Linq.
        public var mode: Mode
        /// Where the bot's state lives.
        public var database: Database
        /// The bot's HTTP address.
        public var host: String
        /// The bot's HTTP port.
        public var port: Int
        /// The bearer token of the admin API under `/admin`; `nil` (the default) turns it off.
        /// At least 16 characters (`AdminAPI.Configuration.minimumTokenLength`).
        public var adminToken: Secret?
        /// A Linq sandbox account: line health's daily line budget becomes the sandbox's 100.
        public var sandbox: Bool
        /// The lines the line pool uses (`LINQBOT_LINES` with a Linq key); `nil`: the account's
        /// lines as `GET /v3/phone_numbers` lists them. Local mode's simulator has `LINQBOT_LINES`
        /// as its lines, and the pool uses them all.
        public var poolLines: [String]?
        /// The process's instance id and heartbeat (``BotApplication/Configuration/instanceID``,
        /// ``BotApplication/Configuration/heartbeatInterval``, ``BotApplication/Configuration/instanceTimeout``);
        /// a random id, 2 s and 6 s by default.
        public var application: BotApplication.Configuration
        /// Where the bot's spans go over OTLP (``TraceExport``); `nil` (the default): nowhere.
        public var traceExport: TraceExport?

        /// Creates a configuration.
        public init(
            mode: Mode, database: Database = .sqlite(path: ".linqbot/bot.sqlite"), host: String = "127.0.0.1", port: Int = 8080,
            adminToken: Secret? = nil, sandbox: Bool = false, poolLines: [String]? = nil,
            application: BotApplication.Configuration = BotApplication.Configuration(), traceExport: TraceExport? = nil
        ) {
            self.poolLines = poolLines
            self.traceExport = traceExport
            self.mode = mode
            self.database = database
            self.host = host
            self.port = port
            self.adminToken = adminToken
            self.sandbox = sandbox
            self.application = application
        }

        /// Reads `LINQ_API_V3_API_KEY` (absent: local mode), `LINQ_API_V3_BASE_URL`,
        /// `LINQ_WEBHOOK_SECRET` (required with a key), `LINQBOT_DATABASE_URL` (`sqlite:PATH`,
        /// `postgres://USER:PASSWORD@HOST:PORT/DATABASE` or `memory:`), `LINQBOT_HOST`, `LINQBOT_PORT`, `LINQBOT_LINES` (comma-separated E.164: the simulator's lines, or with a key the line pool's),
        /// `LINQBOT_SIMULATOR_PORT`, `LINQBOT_ADMIN_TOKEN` (the admin API's bearer token, at
        /// least 16 characters; unset or empty: no admin API) and `LINQBOT_SANDBOX` (`1` for a
        /// sandbox account's 100-a-day budget), `LINQBOT_INSTANCE_ID` (a stable id lets a restarted
        /// process free its predecessor's chats at once; default: random), `LINQBOT_INSTANCE_HEARTBEAT`
        /// and `LINQBOT_INSTANCE_TIMEOUT` (seconds; 2 and 6 by default), `LINQBOT_DRAIN_TIMEOUT` (seconds a
        /// stop lets handlers finish; 5 by default) and `LINQBOT_HANDLER_TRACE` (a file that
        /// records each handler's start and end, for chaos tests), and `OTEL_EXPORTER_OTLP_ENDPOINT` or
        /// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (``TraceExport``). Throws a message naming the variable to fix.
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
            let lines = (environment["LINQBOT_LINES"] ?? "+15555550100").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for line in lines where !(line.hasPrefix("+") && line.count >= 8 && line.dropFirst().allSatisfy(\.isNumber)) {
                throw LinqConfigurationError("LINQBOT_LINES has \"\(line)\", which is not an E.164 number such as +15555550100.")
            }
            let mode: Mode
            if let key = environment["LINQ_API_V3_API_KEY"], !key.isEmpty {
                let client = try LinqClient.Configuration.fromEnvironment(environment)
                let webhooks: WebhookVerifier.Configuration
                do {
                    webhooks = try WebhookVerifier.Configuration.fromEnvironment(environment)
                } catch {
                    throw LinqConfigurationError("\(error.message) (needed because LINQ_API_V3_API_KEY is set)")
                }
                mode = .remote(client, webhooks)
            } else {
                mode = .local(lines: lines, simulatorPort: try port(environment, "LINQBOT_SIMULATOR_PORT", default: 7700))
            }
            let adminToken = environment["LINQBOT_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : Secret($0) }
            try checkAdminToken(adminToken)
            let sandbox: Bool
            switch environment["LINQBOT_SANDBOX"]?.lowercased() {
            case nil, "", "0", "false", "no": sandbox = false
            case "1", "true", "yes": sandbox = true
            case let text?: throw LinqConfigurationError("LINQBOT_SANDBOX is \"\(text)\"; use 1 for a sandbox account, or 0.")
            }
            return Configuration(
                mode: mode, database: try database(environment["LINQBOT_DATABASE_URL"]), host: environment["LINQBOT_HOST"] ?? "127.0.0.1",
                port: try port(environment, "LINQBOT_PORT", default: 8080), adminToken: adminToken, sandbox: sandbox,
                poolLines: environment["LINQBOT_LINES"] != nil && environment["LINQ_API_V3_API_KEY"]?.isEmpty == false ? lines : nil,
                application: try application(environment), traceExport: try TraceExport.fromEnvironment(environment)
            )
        }

        /// Refuses an admin token too short to be safe (without showing it).
        static func checkAdminToken(_ token: Secret?) throws {
            let minimum = AdminAPI.Configuration.minimumTokenLength
            guard let token, token.reveal().count < minimum else { return }
            throw LinqConfigurationError(
                "LINQBOT_ADMIN_TOKEN has \(token.reveal().count) characters; set it to at least \(minimum) random ones "
                    + "(e.g. the output of `openssl rand -hex 32`), or unset it to turn the admin API off."
            )
        }

        static func database(_ text: String?) throws -> Database {
            guard let text, !text.isEmpty else { return .sqlite(path: ".linqbot/bot.sqlite") }
            if text == "memory:" { return .memory }
            if text.hasPrefix("sqlite:"), text.count > 7 { return .sqlite(path: String(text.dropFirst(7))) }
            let lowercased = text.lowercased()
            if lowercased.hasPrefix("postgres://") || lowercased.hasPrefix("postgresql://") {
                do {
                    return .postgres(try PostgresBotStore.Configuration(url: text))
                } catch BotStoreError.unavailable(let problem) {
                    throw LinqConfigurationError("LINQBOT_DATABASE_URL: \(problem).")
                }
            }
            throw LinqConfigurationError(
                "LINQBOT_DATABASE_URL does not name a store: use sqlite:PATH (e.g. sqlite:.linqbot/bot.sqlite), "
                    + "postgres://USER:PASSWORD@HOST:PORT/DATABASE or memory:."
            )
        }

        /// The instance settings from `LINQBOT_INSTANCE_ID`, `LINQBOT_INSTANCE_HEARTBEAT`, `LINQBOT_INSTANCE_TIMEOUT`
        /// and `LINQBOT_DRAIN_TIMEOUT`.
        static func application(_ environment: [String: String]) throws -> BotApplication.Configuration {
            var application = BotApplication.Configuration()
            if let id = environment["LINQBOT_INSTANCE_ID"], !id.isEmpty { application.instanceID = id }
            if let path = environment["LINQBOT_HANDLER_TRACE"], !path.isEmpty {
                do {
                    application.handlerTrace = try HandlerTrace(path: path)
                } catch {
                    throw LinqConfigurationError("LINQBOT_HANDLER_TRACE is \"\(path)\", a file that cannot be opened for writing (\(error)); fix the path or unset it.")
                }
            }
            application.heartbeatInterval = try seconds(environment, "LINQBOT_INSTANCE_HEARTBEAT", default: application.heartbeatInterval)
            application.instanceTimeout = try seconds(environment, "LINQBOT_INSTANCE_TIMEOUT", default: application.instanceTimeout)
            application.drainTimeout = try seconds(environment, "LINQBOT_DRAIN_TIMEOUT", default: application.drainTimeout)
            try application.validate()
            return application
        }

        static func seconds(_ environment: [String: String], _ name: String, default value: Duration) throws -> Duration {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw LinqConfigurationError("\(name) is \"\(text)\"; use a number of seconds above 0, such as 2 or 0.5.")
            }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }

        static func port(_ environment: [String: String], _ name: String, default value: Int) throws -> Int {
            guard let text = environment[name] else { return value }
            guard let port = Int(text), (0...65_535).contains(port) else {
                throw LinqConfigurationError("\(name) is \"\(text)\"; use a port number from 0 to 65535.")
            }
            return port
        }
    }
}
