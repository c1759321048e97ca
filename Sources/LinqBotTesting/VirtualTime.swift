public import Clocks
public import Foundation

/// Time for tests: a wall clock that moves only when a test clock is advanced.
public enum VirtualTime {
    /// A `now` that starts at `start` and moves with `clock`, so advancing the test clock also
    /// makes wall-clock deadlines (retries, leases, rate windows) come due.
    public static func wallClock(
        following clock: TestClock<Duration>, from start: Date = Date(timeIntervalSince1970: 1_773_157_328)
    ) -> @Sendable () -> Date {
        let origin = clock.now
        return {
            let elapsed = origin.duration(to: clock.now)
            return start.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}
