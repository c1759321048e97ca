import Clocks
import Synchronization

/// Hands a tester's virtual clock to a bot built before the tester existed.
final class ClockSlot: Sendable {
    private let slot = Mutex<TestClock<Duration>?>(nil)

    /// Points the slot at `clock`.
    func set(_ clock: TestClock<Duration>) { slot.withLock { $0 = clock } }

    /// The clock (a real one until a test clock is set).
    var clock: any Clock<Duration> { slot.withLock { $0 } ?? ContinuousClock() }
}
