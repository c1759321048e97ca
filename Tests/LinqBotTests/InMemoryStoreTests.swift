import LinqBot
import LinqBotStoreConformance
import Testing

@Suite struct InMemoryStoreTests {
    @Test("the in-memory store passes the store conformance suite")
    func conformance() async throws {
        try await StoreConformance.run { InMemoryBotStore() }
    }
}
