import LinqBot
import LinqBotPostgres
import LinqBotStoreConformance
import Testing

@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresStoreConformanceTests {
    @Test("the PostgreSQL store passes the shared store suite, each check on a fresh schema")
    func passesTheConformanceSuite() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            try await StoreConformance.run { try await scratch.store() }
        }
    }
}
