import Foundation

/// Switches for measuring each change on its own (temporary).
struct SQLiteTuning: Sendable {
    var emptyClaimRead = true
    var groupCompletes = true
    var preloadSession = true
    var backgroundCheckpoints = true
    var batchClaims = true

    static func fromEnvironment() -> SQLiteTuning {
        let environment = ProcessInfo.processInfo.environment
        func flag(_ name: String) -> Bool { environment["LINQBOT_TUNE_" + name] != "0" }
        return SQLiteTuning(
            emptyClaimRead: flag("EMPTY_READ"), groupCompletes: flag("GROUP_COMPLETES"), preloadSession: flag("PRELOAD"),
            backgroundCheckpoints: flag("CHECKPOINTS"), batchClaims: flag("BATCH_CLAIMS")
        )
    }
}

extension SQLiteBotStore {
    static let tuning = SQLiteTuning.fromEnvironment()
}
