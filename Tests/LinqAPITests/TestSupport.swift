import Clocks
import Foundation
import LinqAPI
import Logging
import Synchronization

/// A test clock that reports every sleep before it starts, so a test can advance exactly
/// when the client waits and check how long it asked to wait.
final class ObservedClock: Clock, Sendable {
    typealias Instant = TestClock<Duration>.Instant
    let inner = TestClock()
    let sleeps: AsyncStream<Duration>
    private let continuation: AsyncStream<Duration>.Continuation

    init() {
        (sleeps, continuation) = AsyncStream.makeStream()
    }

    var now: Instant { inner.now }
    var minimumResolution: Duration { inner.minimumResolution }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        continuation.yield(inner.now.duration(to: deadline))
        try await inner.sleep(until: deadline, tolerance: tolerance)
    }

    /// Waits for the next sleep, returns its length, and lets it finish.
    func nextSleep() async -> Duration? {
        var iterator = sleeps.makeAsyncIterator()
        guard let duration = await iterator.next() else { return nil }
        await inner.advance(by: duration)
        return duration
    }
}

/// A transport that answers from a script and records every request it saw.
final class ScriptedTransport: LinqTransport {
    enum Step: Sendable {
        case respond(LinqHTTPResponse)
        case fail(LinqTransportError)
    }

    private let state: Mutex<(steps: [Step], requests: [LinqHTTPRequest])>

    init(_ steps: [Step]) { state = Mutex((steps: steps, requests: [])) }

    var requests: [LinqHTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        let step = state.withLock { state -> Step in
            state.requests.append(request)
            return state.steps.isEmpty ? .respond(LinqHTTPResponse(status: 599)) : state.steps.removeFirst()
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }
}

extension LinqHTTPResponse {
    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> LinqHTTPResponse {
        LinqHTTPResponse(status: status, headers: LinqHTTPHeaders(headers + [("Content-Type", "application/json")]), body: Data(body.utf8))
    }

    static func error(_ status: Int, code: Int, message: String = "failed", headers: [(String, String)] = []) -> LinqHTTPResponse {
        .json(status, #"{"success":false,"error":{"status":\#(status),"code":\#(code),"message":"\#(message)","doc_url":"https://docs.linqapp.com/error/codes/\#(code)/"},"trace_id":"0af7651916cd43dd8448eb211c80319c"}"#, headers: headers)
    }
}

/// A log handler that keeps every rendered line, to check what reaches logs.
final class CapturingLogHandler: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func log(event: LogEvent) {
        let rendered = "\(event.level) \(event.message) \(event.metadata ?? [:])"
        lines.withLock { $0.append(rendered) }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lines.withLock { $0.append("\(level) \(message) \(metadata ?? [:])") }
    }
}
