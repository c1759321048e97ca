public import Clocks
import Foundation
public import Logging
import Synchronization

/// A test clock that reports every sleep before it starts, so a test can advance exactly
/// when the client waits and check how long it asked to wait.
public final class ObservedClock: Clock, Sendable {
    public typealias Instant = TestClock<Duration>.Instant
    public let inner = TestClock()
    public let sleeps: AsyncStream<Duration>
    private let continuation: AsyncStream<Duration>.Continuation

    public init() {
        (sleeps, continuation) = AsyncStream.makeStream()
    }

    public var now: Instant { inner.now }
    public var minimumResolution: Duration { inner.minimumResolution }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        continuation.yield(inner.now.duration(to: deadline))
        try await inner.sleep(until: deadline, tolerance: tolerance)
    }

    /// Waits for the next sleep, returns its length, and lets it finish.
    public func nextSleep() async -> Duration? {
        var iterator = sleeps.makeAsyncIterator()
        guard let duration = await iterator.next() else { return nil }
        await inner.advance(by: duration)
        return duration
    }
}


/// A log handler that keeps every rendered line, to check what reaches logs.
public final class CapturingLogHandler: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])

    /// Creates an empty handler.
    public init() {}
    public var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    public var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    public func log(event: LogEvent) {
        let rendered = "\(event.level) \(event.message) \(event.metadata ?? [:])"
        lines.withLock { $0.append(rendered) }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lines.withLock { $0.append("\(level) \(message) \(metadata ?? [:])") }
    }
}
