import Foundation
import LinqBot
import LinqBotPostgres
import Testing

/// URL reading and connection errors: these need no server.
@Suite struct PostgresConfigurationTests {
    @Test("a postgres:// URL gives host, port, user, password, database and TLS mode")
    func readsTheURL() throws {
        let full = try PostgresBotStore.Configuration(url: "postgresql://bot%40ops:p%40ss%3Aword@db.internal:6543/linq_bot?sslmode=require&application_name=linq-a")
        #expect(full.host == "db.internal" && full.port == 6543)
        #expect(full.username == "bot@ops" && full.password == "p@ss:word")
        #expect(full.database == "linq_bot" && full.tls == .require && full.applicationName == "linq-a")

        let short = try PostgresBotStore.Configuration(url: "postgres://bot@localhost")
        #expect(short.port == 5432 && short.password == nil && short.database == "bot" && short.tls == .prefer)
        #expect(try PostgresBotStore.Configuration(url: "postgres://u:p@h/d?sslmode=disable").tls == .disable)
        let tuned = try PostgresBotStore.Configuration(url: "postgres://u:p@h/d?schema=bot_a&max_connections=4")
        #expect(tuned.schema == "bot_a" && tuned.maximumConnections == 4)
    }

    @Test("its description hides the password")
    func descriptionHidesThePassword() throws {
        let configuration = try PostgresBotStore.Configuration(url: "postgres://bot:hunter2secret@127.0.0.1:5432/linq")
        #expect(configuration.description == "postgres://bot:***@127.0.0.1:5432/linq")
        #expect(!"\(configuration)".contains("hunter2") && !String(reflecting: configuration).contains("hunter2"))
    }

    @Test("a malformed URL is refused with what to fix", arguments: [
        ("postgres://db.internal/linq", "names no user"),
        ("postgres:///linq", "names no host"),
        ("mysql://u:p@h/d", "is not a postgres:// URL"),
        ("postgres://u:p@h/d?sslmode=sometimes", "sslmode=sometimes"),
        ("postgres://u:p@h/d?target_session_attrs=any", "target_session_attrs"),
        ("postgres://u:p@h/d?max_connections=0", "max_connections=0"),
    ])
    func refusesMalformedURLs(url: String, problem: String) {
        let error = #expect(throws: BotStoreError.self) { try PostgresBotStore.Configuration(url: url) }
        guard case .unavailable(let message) = error else { return }
        #expect(message.contains(problem) && !message.contains(":p@"), "\(message)")
    }

    @Test("a server that cannot be reached fails at connect, saying what to check")
    func unreachableServer() async {
        let error = await #expect(throws: BotStoreError.self) {
            _ = try await PostgresBotStore.connect(url: "postgres://bot:secret@127.0.0.1:1/linq?sslmode=disable&connect_timeout=2")
        }
        guard case .unavailable(let message) = error else { return }
        #expect(message.contains("127.0.0.1:1") && message.contains("check that the server runs") && !message.contains("secret"), "\(message)")
    }

    @Test("a bad schema name is refused before connecting")
    func refusesBadSchema() async throws {
        var configuration = try PostgresBotStore.Configuration(url: "postgres://bot@127.0.0.1:1/linq")
        configuration.schema = "Robert'); DROP TABLE students;--"
        await #expect(throws: BotStoreError.self) { _ = try await PostgresBotStore.connect(configuration) }
    }
}

/// Connection errors that need a running server.
@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresConnectionErrorTests {
    @Test("a database that does not exist fails at connect, saying how to create it")
    func missingDatabase() async throws {
        var configuration = try PostgresTestDatabase.configuration(schema: nil)
        configuration.database = "linqbot_no_such_database"
        let error = await #expect(throws: BotStoreError.self) {
            _ = try await PostgresBotStore.connect(configuration, logger: PostgresTestDatabase.quietLogger)
        }
        guard case .unavailable(let message) = error else { return }
        #expect(message.contains("no database \"linqbot_no_such_database\"") && message.contains("createdb"), "\(message)")
    }
}

extension PostgresConnectionErrorTests {
    @Test("a wrong password fails at connect, saying to check the login (when the server asks for one)")
    func wrongPassword() async throws {
        var configuration = try PostgresTestDatabase.configuration(schema: nil)
        configuration.password = "linqbot-wrong-password"
        do {
            let store = try await PostgresBotStore.connect(configuration, logger: PostgresTestDatabase.quietLogger)
            try await store.close()  // The server trusts this client without a password: nothing to check.
        } catch BotStoreError.unavailable(let message) {
            #expect(message.contains("refused the login") && !message.contains("linqbot-wrong-password"), "\(message)")
        }
    }
}
