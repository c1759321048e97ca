import Foundation
import LinqBot
@testable import LinqBotPostgres
import Logging
import PostgresNIO
import Testing

/// The scratch PostgreSQL database of the tests, named by `LINQBOT_TEST_POSTGRES_URL`.
///
/// Unset, the suites that need it are disabled, unless `LINQBOT_REQUIRE_POSTGRES=1` (CI), in
/// which case they run and fail saying the variable is missing. Every store a test opens
/// lives in a schema of its own, dropped at the end, so runs never see each other's rows.
enum PostgresTestDatabase {
    static let environment = ProcessInfo.processInfo.environment
    /// The URL, when set.
    static let url = environment["LINQBOT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// Whether a missing URL is a failure rather than a reason to skip.
    static let required = environment["LINQBOT_REQUIRE_POSTGRES"] == "1"
    /// Whether the suites that need a server run.
    static let enabled = url != nil || required
    /// Why they do not.
    static let disabledReason: Comment =
        "LINQBOT_TEST_POSTGRES_URL is not set: set it to postgres://USER:PASSWORD@HOST:PORT/DATABASE of a scratch database to run the PostgreSQL tests"

    static let quietLogger = Logger(label: "linqbot.postgres.tests") { _ in SwiftLogNoOpLogHandler() }

    /// The configuration of the test database, in a schema named `schema`.
    static func configuration(schema: String?) throws -> PostgresBotStore.Configuration {
        guard let url else {
            throw TestSetupError("LINQBOT_REQUIRE_POSTGRES=1 but LINQBOT_TEST_POSTGRES_URL is not set: give the URL of a scratch PostgreSQL database")
        }
        var configuration = try PostgresBotStore.Configuration(url: url)
        configuration.schema = schema
        configuration.maximumConnections = 8
        return configuration
    }

    /// A schema name no other run uses.
    static func freshSchema() -> String {
        "linqbot_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }

    /// Runs `body` with a scratch that opens stores; afterwards closes them and drops their schemas.
    static func withScratch<T>(_ body: (Scratch) async throws -> T) async throws -> T {
        let scratch = Scratch()
        do {
            let result = try await body(scratch)
            try await scratch.tearDown()
            return result
        } catch {
            try? await scratch.tearDown()
            throw error
        }
    }

    /// The stores and schemas of one test.
    final class Scratch: @unchecked Sendable {
        private var stores: [PostgresBotStore] = []
        private var schemas: Set<String> = []
        private let lock = NSLock()

        /// A store on `schema` (a fresh one by default), migrated unless told otherwise.
        func store(schema: String = PostgresTestDatabase.freshSchema(), migrated: Bool = true) async throws -> PostgresBotStore {
            let store = try await PostgresBotStore.connect(try PostgresTestDatabase.configuration(schema: schema), logger: quietLogger)
            lock.withLock {
                stores.append(store)
                schemas.insert(schema)
            }
            if migrated { try await store.migrate() }
            return store
        }

        fileprivate func tearDown() async throws {
            let (stores, schemas) = lock.withLock {
                defer { (self.stores, self.schemas) = ([], []) }
                return (self.stores, self.schemas)
            }
            if let first = stores.first {
                for schema in schemas.sorted() {
                    try await first.execute(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
                }
            }
            for store in stores { try await store.close() }
        }
    }
}

/// A test could not be set up.
struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
