import Foundation
import Synchronization

/// Runs `work` to completion from the fuzzer's synchronous callback.
///
/// libFuzzer calls the harness on a thread of its own, never one of the concurrency pool's, so
/// waiting there for a task does not starve the pool the task runs on.
/// The task takes `work` out of a box and lets go of it (and of everything it holds, the
/// input's bytes among them) before it signals: libFuzzer counts what is freed after the input
/// returns as a possible leak, and LeakSanitizer, run at that moment, once reported the bytes
/// of an input still on their way to being freed.
public func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let result = Mutex<T?>(nil)
    let job = Mutex<(@Sendable () async -> T)?>(work)
    let done = DispatchSemaphore(value: 0)
    Task {
        if let taken = job.withLock({ $0.take() }) {
            let value = await taken()
            result.withLock { $0 = value }
        }
        done.signal()
    }
    done.wait()
    return result.withLock { $0! }
}

/// Stops the fuzzer on a broken promise of the code under test (libFuzzer records the input).
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("LinqBot fuzz check failed: \(message())\n".utf8))
        abort()
    }
}
