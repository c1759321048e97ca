import Foundation
import Synchronization

/// Runs `work` to completion from the fuzzer's synchronous callback.
///
/// libFuzzer calls the harness on a thread of its own, never one of the concurrency pool's, so
/// waiting there for a task does not starve the pool the task runs on.
public func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let result = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let value = await work()
        result.withLock { $0 = value }
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
