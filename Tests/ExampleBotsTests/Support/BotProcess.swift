import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A bot's built executable running in local mode as a subprocess, on free loopback ports with
/// a temporary SQLite file, driven through its simulator's control API like a person would.
final class BotProcess: Sendable {
    let simulatorPort: Int
    let port: Int
    let line = "+15555550100"
    let directory: URL
    private let process: Process

    /// Starts `executable` (from the build directory of the tests) with `environment` added, and
    /// waits until its simulator answers (bounded).
    init(executable: String, environment: [String: String] = [:]) async throws {
        let binary = try Self.binary(named: executable)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        simulatorPort = try FreePort.take()
        port = try FreePort.take()
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LINQ") }
        variables["LINQBOT_PORT"] = "\(port)"
        variables["LINQBOT_SIMULATOR_PORT"] = "\(simulatorPort)"
        variables["LINQBOT_QUIET_HOURS"] = "off"  // the test runs at any hour of the real day
        variables["LINQBOT_DATABASE_URL"] = "sqlite:\(directory.appendingPathComponent("bot.sqlite").path)"
        variables.merge(environment) { $1 }
        process.environment = variables
        let log = directory.appendingPathComponent("bot.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        let ready = await eventually(seconds: 60) {
            try? await Task.sleep(for: .milliseconds(50))  // polling a subprocess, not waiting for the bot's logic
            return (try? await self.request("GET", "/sim/state")).map { $0.status == 200 } ?? false
        }
        guard ready else {
            stop()
            throw BotProcessError.didNotStart(output)
        }
    }

    /// What the bot printed so far.
    var output: String { (try? String(contentsOf: directory.appendingPathComponent("bot.log"), encoding: .utf8)) ?? "" }

    /// Stops the bot (SIGTERM, then SIGKILL after 10 s) and removes its files.
    func stop() {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
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
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port ?? simulatorPort)\(path)")
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
