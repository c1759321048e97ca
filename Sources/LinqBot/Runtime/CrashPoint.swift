#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Named places in the way of one event where a chaos test can kill the process with SIGKILL,
/// to prove that a crash anywhere loses nothing and sends nothing twice.
///
/// Nothing is armed unless a test or the `LINQBOT_CRASH_POINT` variable arms one
/// (`name` or `name:N`, killing at the N-th time the point is reached). Unarmed, reaching a
/// point costs one atomic load. With `LINQBOT_CRASH_SIGNAL=SIGSTOP` the process stops there
/// instead (once), so a pause test can resume it with SIGCONT after others took its chats over.
public enum CrashPoint: String, Sendable, CaseIterable {
    /// A webhook body was read; nothing is verified or stored yet.
    case afterBodyRead = "after-body-read"
    /// The inbox append committed; the 2xx is not sent yet.
    case afterInboxCommit = "after-inbox-commit"
    /// An acknowledged event was claimed; its handler has not run.
    case beforeHandler = "before-handler"
    /// Linq accepted a message (2xx); the send is not recorded and the event not completed.
    case afterSend = "after-send"
    /// Inside the store's completing transaction, between its statements.
    case midTransaction = "mid-transaction"
    /// The event's completion (and session) committed.
    case afterCommit = "after-commit"

    private static let isArmed = Atomic<Bool>(false)
    private static let armed = Mutex<(point: CrashPoint, remaining: Int, signal: Int32)?>(nil)

    /// Arms `point`: the `hits`-th time it is reached, the process gets `signal` (`nil`:
    /// SIGKILL; SIGSTOP pauses it, once).
    public static func arm(_ point: CrashPoint, atHit hits: Int = 1, signal: Int32? = nil) {
        armed.withLock { $0 = (point, max(1, hits), signal ?? SIGKILL) }
        isArmed.store(true, ordering: .releasing)
    }

    /// Arms the point named by `LINQBOT_CRASH_POINT` (`name` or `name:N`), if set.
    /// - Throws: ``CrashPointError`` when the value names no point or N is not a positive number.
    public static func armFromEnvironment(_ environment: [String: String]) throws {
        guard let value = environment["LINQBOT_CRASH_POINT"], !value.isEmpty else { return }
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard let point = CrashPoint(rawValue: parts[0]) else {
            throw CrashPointError(message: "LINQBOT_CRASH_POINT=\(value) names no crash point; use one of \(allCases.map(\.rawValue).joined(separator: ", ")), optionally with :N")
        }
        var hits = 1
        if parts.count == 2 {
            guard let count = Int(parts[1]), count > 0 else {
                throw CrashPointError(message: "LINQBOT_CRASH_POINT=\(value): N after the colon must be a positive whole number")
            }
            hits = count
        }
        var signal = SIGKILL
        switch environment["LINQBOT_CRASH_SIGNAL"] {
        case nil, "", "SIGKILL", "KILL": break
        case "SIGSTOP", "STOP": signal = SIGSTOP
        case let other?: throw CrashPointError(message: "LINQBOT_CRASH_SIGNAL=\(other) is not a signal the crash points send; use SIGKILL or SIGSTOP")
        }
        arm(point, atHit: hits, signal: signal)
    }

    /// Marks that the process reached this point; kills it when this is the armed hit.
    public func reached() {
        guard Self.isArmed.load(ordering: .acquiring) else { return }
        let fire = Self.armed.withLock { armed -> Int32? in
            guard let current = armed, current.point == self else { return nil }
            if current.remaining <= 1 {
                armed = nil
                return current.signal
            }
            armed = (current.point, current.remaining - 1, current.signal)
            return nil
        }
        if let fire { kill(getpid(), fire) }
    }
}

/// A `LINQBOT_CRASH_POINT` value that cannot be used.
public struct CrashPointError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what to set instead.
    public var message: String
    /// The message.
    public var description: String { message }
}
