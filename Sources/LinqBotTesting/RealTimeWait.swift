import Foundation

/// Waits, in LinqBot's own tests, for something outside the virtual clock (a request reaching
/// a fake server, a subprocess answering, a breaker's state): checks `condition` up to
/// `attempts` times, yielding in between, for at most `seconds` of real time. Returns whether it held. The real-time bound is the one that
/// counts: on a loaded machine a yield returns at once while the awaited work has no core, so
/// the attempts are many (a hundred thousand yields once ran out before a loopback request landed).
package func eventually(attempts: Int = 100_000_000, seconds: Double = 300, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
    for _ in 0..<attempts {
        if try await condition() { return true }
        if ContinuousClock.now > deadline { return false }
        await Task.yield()
    }
    return try await condition()
}
