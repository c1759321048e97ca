import Foundation
import LinqBotTesting
#if canImport(Glibc)
import Glibc
#endif

/// A subprocess a test starts and must stop again, whatever the test's outcome.
protocol StoppableProcess: Sendable {
    /// Stops the process and removes what it left behind.
    func stop() async
}

extension StoppableProcess {
    /// Runs `body` with this process, then stops it, whether `body` returned or threw. (Swift's
    /// `defer` cannot await, and a blocking stop would hold one of the concurrency pool's few
    /// threads while the process shuts down.)
    func whileRunning<Result>(_ body: (Self) async throws -> Result) async throws -> Result {
        let result: Result
        do {
            result = try await body(self)
        } catch {
            await stop()
            throw error
        }
        await stop()
        return result
    }

    /// Ends `process`: SIGTERM, SIGKILL if it still runs after 10 s, then waits (bounded: 5 s)
    /// until it is reaped. It polls with `Task.sleep`, so no thread waits on the process.
    static func end(_ process: Process) async {
        if process.isRunning { process.terminate() }
        _ = await eventually(seconds: 10) {
            try? await Task.sleep(for: .milliseconds(20))  // polling a subprocess
            return !process.isRunning
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = await eventually(seconds: 5) {
            try? await Task.sleep(for: .milliseconds(20))  // polling a subprocess
            return !process.isRunning
        }
    }
}
