import AsyncHTTPClient
import Foundation
import LinqAPI
import LinqBot
import LinqBotServer
import LinqFixtures
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

/// Suite E over real HTTP: hostile requests (E1) and oversized uploads (E2) against the
/// webhook route. Every one is answered 4xx, nothing reaches the inbox, the server lives on.
@Suite struct HostileRequestsTests {
    static let secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="
    static let now = Date(timeIntervalSince1970: 1_773_157_330)

    /// A running server over an in-memory store, and its base URL.
    static func withServer(_ body: (String, InMemoryBotStore, HTTPClient) async throws -> Void) async throws {
        let store = InMemoryBotStore()
        let app = try ServerTestApplication.make(secret: secret, store: store, now: { now })
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = BotServer(application: app, configuration: .init(port: 0), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }) {
            sink.yield($0)
        }
        // A graceful stop, not a cancelled task: the server then finishes the connections it
        // accepted (cancelling it with uploads still queued trips NIO's writer check).
        let group = ServiceGroup(services: [server], gracefulShutdownSignals: [], logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let outcome: Result<Void, any Error>
        do {
            try await body("http://127.0.0.1:\(port)", store, client)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await client.shutdown()
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        try outcome.get()
    }

    /// Sends one request; a connection the server closed counts as `nil`.
    static func status(_ client: HTTPClient, _ request: HTTPClientRequest) async -> Int? {
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }

    @Test("E1: a stream of hostile requests is answered 4xx every time, stores nothing, and the server stays up")
    func hostileStream() async throws {
        let count = ProcessInfo.processInfo.environment["LINQBOT_E1_REQUESTS"].flatMap(Int.init) ?? 2_000
        let valid = try Fixtures.data("linq-webhooks/message.received.2026-02-03.json")
        let signer = WebhookSigner(secret: try WebhookSecret(Self.secret))
        try await Self.withServer { base, store, client in
            let statuses = await withTaskGroup(of: [Int?].self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        var generator = HostileRequests(seed: UInt64(worker + 1), valid: valid, signer: signer, base: base)
                        var seen: [Int?] = []
                        for _ in stride(from: worker, to: count, by: 16) { seen.append(await Self.status(client, generator.next())) }
                        return seen
                    }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.count == count)
            let answered = statuses.compactMap { $0 }
            #expect(answered.allSatisfy { (400..<500).contains($0) }, "non-4xx answers: \(Set(answered.filter { !(400..<500).contains($0) }))")
            for expected in [400, 401, 413, 431] { #expect(answered.contains(expected), "the generator never produced a \(expected)") }
            #expect(statuses.count - answered.count == 0, "requests that got no answer")
            let stored = try await store.pendingCount()
            #expect(stored == 0, "a hostile request reached the inbox")
            var health = HTTPClientRequest(url: base + "/healthz")
            health.method = .GET
            #expect(await Self.status(client, health) == 200)
        }
    }

    static let growthLimit = 32 * 1_048_576

    /// 100 concurrent 10 MiB uploads to `url`; each one's status, `nil` when the connection closed first.
    static func uploadHundred(_ client: HTTPClient, to url: String) async -> [Int?] {
        await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    var upload = HTTPClientRequest(url: url)
                    upload.method = .POST
                    upload.body = .stream(chunks(total: 10 << 20), length: .known(Int64(10 << 20)))
                    return await status(client, upload)
                }
            }
            var statuses: [Int?] = []
            for await status in group { statuses.append(status) }
            return statuses
        }
    }

    @Test("E2: a body one byte over 256 KiB is 413, with a length or chunked; 100 concurrent 10 MiB uploads grow memory < 32 MiB")
    func oversizedBodies() async throws {
        try await Self.withServer { base, store, client in
            var fixed = HTTPClientRequest(url: base + "/webhooks/linq")
            fixed.method = .POST
            fixed.body = .bytes(ByteBuffer(repeating: 0x7B, count: 256 * 1024 + 1))
            #expect(await Self.status(client, fixed) == 413)
            var chunked = HTTPClientRequest(url: base + "/webhooks/linq")
            chunked.method = .POST
            chunked.body = .stream(Self.chunks(total: 256 * 1024 + 1), length: .unknown)
            #expect(await Self.status(client, chunked) == 413)

            // Resident memory is the whole test process's, which other suites share: the
            // smallest growth of up to three rounds counts. Buffering the bodies would grow it
            // by about 1,000 MiB in every round.
            var growth = Int.max
            for _ in 0..<3 where growth >= Self.growthLimit {
                let before = Self.residentBytes()
                let statuses = await Self.uploadHundred(client, to: base + "/webhooks/linq")
                growth = min(growth, Self.residentBytes() - before)
                // An upload cut off after its 413 may see the connection close instead; none may see anything else.
                let answered = statuses.compactMap { $0 }
                #expect(!answered.isEmpty && answered.allSatisfy { $0 == 413 }, "\(statuses)")
            }
            #expect(growth < Self.growthLimit, "resident memory grew by \(growth / 1_048_576) MiB")
            let stored = try await store.pendingCount()
            #expect(stored == 0)
        }
    }

    /// `total` bytes of `{`, 64 KiB at a time, made lazily so the client holds one chunk.
    static func chunks(total: Int) -> AsyncStream<ByteBuffer> {
        let chunk = ByteBuffer(repeating: 0x7B, count: 64 * 1024)
        return AsyncStream { continuation in
            var left = total
            while left > 0 {
                let size = min(left, chunk.readableBytes)
                continuation.yield(chunk.getSlice(at: 0, length: size)!)
                left -= size
            }
            continuation.finish()
        }
    }

    /// This process's resident memory, from `/proc/self/status`.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kib * 1024
    }
}
