import AsyncHTTPClient
import Foundation
import LinqBotTesting
import NIOCore
import NIOHTTP1
import Testing

/// A bot's built executable running as a subprocess on free loopback ports with a temporary
/// SQLite file: in local mode (its own simulator) by default, or in remote mode against a
/// ``SimulatorProcess``, where it can be killed and started again on the same database.
final class BotProcess: StoppableProcess {
    let simulatorPort: Int
    let port: Int
    let line = "+15555550100"
    let directory: URL
    /// In remote mode, the signing secret of the bot's webhook subscription.
    let webhookSecret: String?
    private let process: Process

    /// Starts `executable` (from the build directory of the tests) with `environment` added, and
    /// waits until its simulator answers (bounded). With `simulator`, the bot runs in remote mode
    /// against it, subscribed to its webhooks, and is ready once its own server answers.
    /// `previous` (a stopped or crashed run of the same bot) lends its folder, database and ports.
    init(executable: String, environment: [String: String] = [:], simulator: SimulatorProcess? = nil, after previous: BotProcess? = nil) async throws {
        let binary = try Self.binary(named: executable)
        directory = previous?.directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        simulatorPort = try previous?.simulatorPort ?? simulator?.port ?? FreePort.take()
        port = try previous?.port ?? FreePort.take()
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LINQ") }
        variables["LINQBOT_PORT"] = "\(port)"
        variables["LINQBOT_QUIET_HOURS"] = "off"  // the test runs at any hour of the real day
        variables["LINQBOT_DATABASE_URL"] = "sqlite:\(directory.appendingPathComponent("bot.sqlite").path)"
        if let simulator {
            variables["LINQ_API_V3_API_KEY"] = simulator.apiKey
            variables["LINQ_API_V3_BASE_URL"] = simulator.apiBaseURL
            let secret: String
            if let known = previous?.webhookSecret { secret = known } else { secret = try await simulator.subscribe("http://127.0.0.1:\(port)/webhooks/linq") }
            variables["LINQ_WEBHOOK_SECRET"] = secret
            variables["LINQBOT_INSTANCE_ID"] = "e2e-bot"  // a restart frees its predecessor's chats at once
            webhookSecret = secret
        } else {
            webhookSecret = nil
            variables["LINQBOT_SIMULATOR_PORT"] = "\(simulatorPort)"
        }
        variables.merge(environment) { $1 }
        process.environment = variables
        let log = directory.appendingPathComponent("bot.log")
        if previous == nil { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        if previous != nil { try handle.write(contentsOf: Data("\n===== started again =====\n".utf8)) }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        let (path, readyPort) = simulator == nil ? ("/sim/state", simulatorPort) : ("/healthz", port)
        let ready = await eventually(seconds: 300) {
            try? await Task.sleep(for: .milliseconds(50))  // polling a subprocess, not waiting for the bot's logic
            return (try? await Self.request("GET", path, port: readyPort)).map { $0.status == 200 } ?? false
        }
        guard ready else {
            await stop()
            throw BotProcessError.didNotStart(output)
        }
    }

    /// What the bot printed so far.
    var output: String { (try? String(contentsOf: directory.appendingPathComponent("bot.log"), encoding: .utf8)) ?? "" }

    /// Waits (bounded: `seconds` of real time) until the process ended by itself; returns the
    /// signal that killed it (`nil`: it exited, or still runs, as `exited` tells).
    func waitForExit(seconds: Double = 60) async -> (exited: Bool, signal: Int32?) {
        let exited = await eventually(seconds: seconds) {
            try? await Task.sleep(for: .milliseconds(20))  // polling a subprocess
            return !process.isRunning
        }
        guard exited else { return (false, nil) }
        return (true, process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }

    /// Stops the bot (SIGTERM, then SIGKILL after 10 s) and removes its files.
    func stop() async {
        await Self.end(process)
        try? FileManager.default.removeItem(at: directory)
    }

    /// A person texts the bot's line through the simulator.
    func send(_ text: String, from handle: String) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["line": line, "text": text])
        let response = try await request("POST", "/sim/handles/\(handle)/messages", body: body)
        #expect(response.status == 200, "the simulator took the message: \(response.text)")
    }

    /// The texts the line sent to `handle`, oldest first.
    func replies(to handle: String) async throws -> [String] {
        let encoded = handle.replacingOccurrences(of: "+", with: "%2B")
        let response = try await request("GET", "/sim/lines/\(line.replacingOccurrences(of: "+", with: "%2B"))/sent?handle=\(encoded)")
        let json = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
        let messages = json?["messages"] as? [[String: Any]] ?? []
        // Contact-card shares are listed with the messages; they are not replies.
        return messages.filter { ($0["kind"] as? String) != "contact_card" }.compactMap { (($0["parts"] as? [[String: Any]])?.first?["value"]) as? String }
    }

    /// Polls until `handle` has at least `count` replies (bounded: 30 s, 600 polls); returns them.
    func waitForReplies(to handle: String, count: Int) async throws -> [String] {
        var replies: [String] = []
        for _ in 0..<600 {
            replies = try await self.replies(to: handle)
            if replies.count >= count { return replies }
            try await Task.sleep(for: .milliseconds(50))  // polling a subprocess
        }
        return replies
    }

    /// A request to the simulator (`port` nil) or the bot's own server.
    func request(_ method: String, _ path: String, body: Data? = nil, port: Int? = nil, headers: [(String, String)] = []) async throws -> (status: Int, text: String) {
        try await Self.request(method, path, body: body, port: port ?? simulatorPort, headers: headers)
    }

    /// A request to a server on 127.0.0.1:`port`.
    static func request(_ method: String, _ path: String, body: Data? = nil, port: Int, headers: [(String, String)] = []) async throws -> (status: Int, text: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), String(buffer: buffer))
    }

    /// The executable next to the test bundle (SwiftPM builds it, as the test target depends on it).
    static func binary(named name: String) throws -> URL {
        var candidates: [URL] = []
        if let directory = ProcessInfo.processInfo.environment["LINQBOT_BOTS_BIN_DIR"] { candidates.append(URL(fileURLWithPath: directory)) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL)
        for candidate in candidates {
            let binary = candidate.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw BotProcessError.noBinary(name, candidates.map(\.path))
    }
}

/// Why a bot subprocess could not be used.
enum BotProcessError: Error, CustomStringConvertible {
    case noBinary(String, [String])
    case didNotStart(String)

    var description: String {
        switch self {
        case .noBinary(let name, let places): "no executable \(name) in \(places) (run `swift build --product \(name)` first)"
        case .didNotStart(let output): "the bot did not start; it printed:\n\(output)"
        }
    }
}
