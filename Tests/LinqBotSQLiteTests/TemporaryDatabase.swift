import Foundation
import LinqBot
import LinqBotSQLite
import Logging

/// A unique folder under the temporary directory for one test's databases, removed afterwards.
struct TemporaryDatabase {
    let folder: URL

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-sqlite-\(UUID().uuidString)", isDirectory: true)
    }

    /// A database path inside the folder (the store creates the folder).
    func path(_ name: String = "bot.sqlite") -> String {
        folder.appendingPathComponent(name).path
    }

    /// Runs `body`, then removes the folder whatever happened.
    static func with<T>(_ body: (TemporaryDatabase) async throws -> T) async throws -> T {
        let database = TemporaryDatabase()
        defer { try? FileManager.default.removeItem(at: database.folder) }
        return try await body(database)
    }
}

/// A logger that prints nothing, so test output stays quiet.
let quietLogger = Logger(label: "linqbot.sqlite.tests") { _ in SwiftLogNoOpLogHandler() }

/// Opens a store with the quiet logger.
func openStore(_ path: String) async throws -> SQLiteBotStore {
    try await SQLiteBotStore.open(path: path, logger: quietLogger)
}

/// Opens and migrates a store.
func openMigrated(_ path: String) async throws -> SQLiteBotStore {
    let store = try await openStore(path)
    do {
        try await store.migrate()
    } catch {
        try? await store.close()
        throw error
    }
    return store
}

/// Closes every store, even when some fail.
func closeAll(_ stores: [SQLiteBotStore]) async {
    for store in stores { try? await store.close() }
}
