import LinqBot
import LinqBotSQLite
import LinqBotStoreConformance
import Testing

@Suite struct SQLiteStoreConformanceTests {
    @Test func passesTheConformanceSuiteOnAFile() async throws {
        try await TemporaryDatabase.with { database in
            var stores: [SQLiteBotStore] = []
            do {
                try await StoreConformance.run {
                    let store = try await openMigrated(database.path("store-\(stores.count).sqlite"))
                    stores.append(store)
                    return store
                }
            } catch {
                await closeAll(stores)
                throw error
            }
            await closeAll(stores)
        }
    }

    @Test func passesTheConformanceSuiteInMemory() async throws {
        var stores: [SQLiteBotStore] = []
        do {
            try await StoreConformance.run {
                let store = try await openMigrated(":memory:")
                stores.append(store)
                return store
            }
        } catch {
            await closeAll(stores)
            throw error
        }
        await closeAll(stores)
    }
}
