import ArgumentParser
import Foundation
import LinqAPIAsyncHTTPClient
import LinqSimulator
import Logging
import ServiceLifecycle
import UnixSignals

/// `linqbot simulator`: a local Linq on 127.0.0.1.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run a local Linq: the V3 API, signed webhooks and a web chat page.",
        discussion: """
            Point a bot or an SDK at it with LINQ_API_V3_BASE_URL and LINQ_API_V3_API_KEY.
            The control API is documented in Sources/LinqSimulator/README.md.
            """
    )

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 7700

    @Option(help: "The address to listen on. Keep it on loopback.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("api-key"), help: "The API key clients must send.")
    var apiKey: String = "sim_local_key"

    @Option(name: .customLong("line"), help: "One of our lines (E.164); repeat for several.")
    var lines: [String] = ["+15555550100"]

    @Flag(name: .customLong("no-rate-limit"), help: "Turn off the 30-per-60 s per-pair limit (load tests).")
    var noRateLimit = false

    @Option(name: .customLong("retry-scale"), help: "Divide Linq's webhook retry schedule by this factor (e.g. 60 for tests).")
    var retryScale: Double = 1

    @Option(name: .customLong("duplicate-rate"), help: "Chance (0–1) that a webhook is delivered twice.")
    var duplicateRate: Double = 0

    @Option(name: .customLong("reorder-rate"), help: "Chance (0–1) that a webhook is held back 2 s so later ones overtake it.")
    var reorderRate: Double = 0

    @Option(name: .customLong("api-error-rate"), help: "Chance (0–1) that an API call answers 500 / 3006.")
    var apiErrorRate: Double = 0

    @Option(name: .customLong("api-latency-ms"), help: "Milliseconds added before every API answer.")
    var apiLatencyMilliseconds: Int = 0

    @Option(name: .customLong("fault-503-rate"), help: "Chance (0–1) that an API call answers 503 / 4004 without doing anything.")
    var fault503Rate: Double = 0

    @Option(name: .customLong("fault-timeout-rate"), help: "Chance (0–1) that an API call is carried out but never answered (the connection hangs).")
    var faultTimeoutRate: Double = 0

    @Option(name: .customLong("fault-reset-rate"), help: "Chance (0–1) that an API call's connection is reset before anything is done.")
    var faultResetRate: Double = 0

    @Option(name: .customLong("fault-hang-seconds"), help: "How long a hanging call is held before its connection is closed.")
    var faultHangSeconds: Double = 30

    func validate() throws {
        for (name, rate) in [("--duplicate-rate", duplicateRate), ("--reorder-rate", reorderRate), ("--api-error-rate", apiErrorRate)]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, not \(rate).")
        }
        if let problem = outage.problem {
            throw ValidationError("--fault-503-rate, --fault-timeout-rate, --fault-reset-rate: \(problem)")
        }
        guard faultHangSeconds > 0, faultHangSeconds <= 3600 else { throw ValidationError("--fault-hang-seconds must be above 0 and at most 3600.") }
        guard apiLatencyMilliseconds >= 0 else { throw ValidationError("--api-latency-ms must not be negative.") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port).") }
        guard !apiKey.isEmpty else { throw ValidationError("--api-key must not be empty.") }
        for line in lines where !(line.hasPrefix("+") && line.count >= 8 && line.dropFirst().allSatisfy(\.isNumber)) {
            throw ValidationError("--line \(line) is not an E.164 number such as +15555550100.")
        }
        guard retryScale >= 1 else { throw ValidationError("--retry-scale must be 1 or more.") }
    }

    private var outage: SimulatorOutage {
        SimulatorOutage(
            unavailableRate: fault503Rate, timeoutRate: faultTimeoutRate, resetRate: faultResetRate,
            hang: .milliseconds(Int64(faultHangSeconds * 1000))
        )
    }

    func run() async throws {
        var logger = Logger(label: "linqbot.simulator")
        logger.logLevel = .info
        var configuration = SimulatorConfiguration(apiKey: apiKey, lines: lines, perPairLimit: noRateLimit ? nil : 30)
        configuration.webhookRetrySchedule = SimulatorConfiguration.linqRetrySchedule.map { $0 / retryScale }
        configuration.faults = .init(
            duplicateRate: duplicateRate, reorderRate: reorderRate, apiErrorRate: apiErrorRate,
            apiLatency: .milliseconds(apiLatencyMilliseconds), outage: outage
        )
        // Linq delivers many webhooks at once; eight connections (the client's default) would
        // queue deliveries behind a bot that answers slowly, and fail them at the connect timeout.
        let transport = AsyncHTTPClientTransport(connectionsPerHost: 64)
        let simulator = LinqSimulator(configuration: configuration, webhookTransport: transport, logger: logger)
        let host = self.host
        let apiKey = self.apiKey
        let lineList = configuration.lines.joined(separator: ", ")
        let server = SimulatorServer(simulator: simulator, host: host, port: port, logger: logger) { port in
            let banner = """
                LinqSimulator is running.
                  API base URL: http://\(host):\(port)/api/partner
                  API key:      \(apiKey)
                  Chat page:    http://\(host):\(port)/
                  Lines:        \(lineList)
                Press Ctrl-C to stop.

                """
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        do {
            try await group.run()
        } catch {
            try? await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
    }
}
