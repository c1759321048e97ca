import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
import LinqModels
import LinqSimulator
import Logging
import Testing

/// Bad input gets Linq's error body, never a crash or a 5xx.
@Suite struct SimulatorHostileInputTests {
    static let writes: [(String, String)] = [
        ("POST", "/api/partner/v3/chats"), ("POST", "/api/partner/v3/messages"), ("PATCH", "/api/partner/v3/messages/MID"),
        ("POST", "/api/partner/v3/chats/CID/messages"), ("POST", "/api/partner/v3/chats/CID/participants"),
        ("DELETE", "/api/partner/v3/chats/CID/participants"), ("POST", "/api/partner/v3/messages/MID/reactions"),
        ("POST", "/api/partner/v3/attachments"), ("POST", "/api/partner/v3/capability/check_imessage"),
        ("POST", "/api/partner/v3/contact_card"), ("POST", "/api/partner/v3/webhook-subscriptions"),
        ("POST", "/api/partner/v3/blocked_handles"), ("POST", "/sim/handles/+15555550123/messages"),
        ("POST", "/sim/handles/+15555550123/reactions"), ("POST", "/sim/groups"), ("PUT", "/sim/handles/+15555550123/capabilities"),
        ("POST", "/api/partner/v3/no/such/endpoint"), ("GET", "/api/partner/v3/chats/not-a-chat"), ("GET", "/nothing/here"),
    ]

    /// Bodies that are not what any endpoint takes.
    static func hostileBody(_ index: Int, random: inout SystemRandomNumberGenerator) -> Data {
        switch index % 10 {
        case 0: return Data((0..<Int.random(in: 1...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 1: return Data(#"{"from":"+15555550100","to":["+15555550123"],"message":{"parts":[{"type":"text","value":"#.utf8)
        case 2: return Data(#"{"from":12,"to":{"a":1},"message":[],"handle":false,"text":null}"#.utf8)
        case 3: return Data((String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)).utf8)
        case 4: return Data(#"{"message":{"parts":[{"type":"warp","value":1e999}]},"to":[],"from":"+0"}"#.utf8)
        case 5: return Data([0xFF, 0xFE, 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D])
        case 6: return Data(#"{"to":["\#(String(repeating: "9", count: 5000))"],"from":"+15555550100","message":{"parts":[]}}"#.utf8)
        case 7: return Data(#"{"operation":"explode","type":"love","line":"+1","typing":"yes","message_id":7,"handles":"x"}"#.utf8)
        case 8: return Data()
        default: return Data(#"[1,2,3]"#.utf8)
        }
    }

    @Test("10,000 malformed requests in-process: all 4xx with Linq's error body; the simulator still works after")
    func inProcess() async throws {
        let sim = SimulatorHarness()
        var random = SystemRandomNumberGenerator()
        var statuses: [Int: Int] = [:]
        for index in 0..<10_000 {
            let (method, path) = Self.writes[index % Self.writes.count]
            let body = Self.hostileBody(index / Self.writes.count, random: &random)
            let response = await sim.simulator.handle(SimulatorRequest(
                method: method, path: path, query: index % 7 == 0 ? "limit=abc&cursor=%ZZ" : nil,
                headers: [("Authorization", "Bearer sim_local_key"), ("Content-Type", index % 3 == 0 ? "text/plain" : "application/json")],
                body: body
            ))
            statuses[response.status, default: 0] += 1
            #expect((400..<500).contains(response.status), "\(method) \(path) answered \(response.status)")
            let error = try? JSONDecoder().decode(LinqErrorBody.self, from: response.body)
            #expect(error?.error.code != nil, "\(method) \(path): not Linq's error body")
        }
        #expect(statuses.keys.allSatisfy { $0 < 500 })
        let chat = try await sim.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: [SimulatorHarness.alice], message: .text("still here")))
        #expect(!chat.chat.id.rawValue.isEmpty)
    }

    @Test("malformed requests over real HTTP on 127.0.0.1 get 4xx and the server stays up")
    func overHTTP() async throws {
        let simulator = LinqSimulator(configuration: SimulatorConfiguration(deliveryDelay: .zero), webhookTransport: RecordingTarget())
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = SimulatorServer(simulator: simulator, port: 0, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { port in portSink.yield(port) }
        let running = Task { try await server.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let transport = AsyncHTTPClientTransport()
        var random = SystemRandomNumberGenerator()
        for index in 0..<500 {
            let (method, path) = Self.writes[index % Self.writes.count]
            let request = LinqHTTPRequest(
                method: LinqHTTPMethod(rawValue: method), url: URL(string: "http://127.0.0.1:\(port)\(path)")!,
                headers: ["Authorization": "Bearer sim_local_key"], body: Self.hostileBody(index / Self.writes.count, random: &random),
                timeout: .seconds(10)
            )
            let response = try await transport.send(request)
            #expect((400..<500).contains(response.status), "\(method) \(path) answered \(response.status)")
        }
        let oversized = try await transport.send(LinqHTTPRequest(
            method: .post, url: URL(string: "http://127.0.0.1:\(port)/api/partner/v3/chats")!, body: Data(count: 3 * 1024 * 1024)
        ))
        #expect(oversized.status == 413)
        let state = try await transport.send(LinqHTTPRequest(method: .get, url: URL(string: "http://127.0.0.1:\(port)/sim/state")!))
        #expect(state.status == 200)
        try await transport.shutdown()
    }
}
