import Foundation
import LinqBot
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock that makes one process the only user of an SQLite store's file: an exclusive
/// `flock` on `<database>.lock`, held while the store is open and released when it closes or
/// the process ends. Several instances of a bot share a PostgreSQL store instead.
final class SQLiteFileLock: Sendable {
    private let descriptor: Int32
    private let released = Atomic<Bool>(false)

    /// Takes the lock of the database at `path`, or throws what to do when another process
    /// (or another open store in this one) holds it.
    init(databasePath path: String) throws {
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw BotStoreError.unavailable("cannot open \(lockPath) to lock the SQLite store: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw BotStoreError.unavailable(
                "another process already uses the SQLite store \(path) (it holds \(lockPath)): an SQLite store serves one process; run several instances on PostgreSQL (LINQBOT_DATABASE_URL=postgres://…)"
            )
        }
        self.descriptor = descriptor
    }

    /// Releases the lock (once; later calls do nothing).
    func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
