import Foundation
import LinqBotTesting

/// `linqbot simulator` as its own subprocess on a free loopback port, so that it (and what
/// the line sent) outlives a bot that runs against it in remote mode and is killed.
final class SimulatorProcess: StoppableProcess {
    let port: Int
    let apiKey = "sim_e2e_key"
    let line = "+15555550100"
    private let process: Process
    private let log: URL

    /// Starts the simulator (the `linqbot` executable next to the tests) and waits until its
    /// control API answers (bounded).
    init() async throws {
        port = try FreePort.take()
        log = FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-e2e-simulator-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try BotProcess.binary(named: "linqbot")
        process.arguments = ["simulator", "--port", "\(port)", "--api-key", apiKey, "--line", line]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LINQ") }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        let ready = await eventually(seconds: 300) {
            try? await Task.sleep(for: .milliseconds(50))  // polling a subprocess
            return (try? await BotProcess.request("GET", "/sim/state", port: self.port)).map { $0.status == 200 } ?? false
        }
        guard ready else {
            await stop()
            throw BotProcessError.didNotStart("linqbot simulator:\n\(output)")
        }
    }

    /// The Partner API's base URL, for `LINQ_API_V3_BASE_URL`.
    var apiBaseURL: String { "http://127.0.0.1:\(port)/api/partner" }

    /// What the simulator printed so far.
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Subscribes `targetURL` to `message.received`; returns the subscription's signing secret.
    func subscribe(_ targetURL: String) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["target_url": targetURL, "subscribed_events": ["message.received"]])
        let response = try await BotProcess.request(
            "POST", "/api/partner/v3/webhook-subscriptions", body: body, port: port, headers: [("Authorization", "Bearer \(apiKey)")]
        )
        let json = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
        guard let secret = json?["signing_secret"] as? String else {
            throw BotProcessError.didNotStart("the simulator gave no signing secret (\(response.status)): \(response.text)")
        }
        return secret
    }

    /// Stops the simulator (SIGTERM, then SIGKILL after 10 s) and removes its log.
    func stop() async {
        await Self.end(process)
        try? FileManager.default.removeItem(at: log)
    }
}
