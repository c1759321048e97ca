// LinqBot's benchmarks. Build in release and pick cases (default: all):
//
//     swift run -c release LinqBenchmarks [case ...] [--seconds N] [--duration N] [--rate N]
//         [--chats N] [--all-events] [--workers N] [--line-health on|off|both] [--postgres URL] [--sizes 1000,10000,...] [--events N] [--rounds N]
//         [--in-flight N] [--instances 1,2,3] [--closed-loop] [--connections N] [--messages N] [--dir PATH]
//
// Cases: micro, ingest, ack-latency, end-to-end, closed-loop, memory, flat-cost, timers, pipeline (BENCHMARKS.md has the
// targets and the figures). Everything talks to 127.0.0.1 only; every loop is bounded.

import Foundation
import Logging

let arguments = Array(CommandLine.arguments.dropFirst())
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}

switch arguments.first {
case CostChildren.simulatorCase?:
    try await CostChildren.runSimulator(arguments: Array(arguments.dropFirst()))
    exit(0)
case CostChildren.botCase?:
    try await CostChildren.runBot(arguments: Array(arguments.dropFirst()))
    exit(0)
default:
    break
}
if arguments.first == MemoryBenchmark.childCase {
    try await MemoryBenchmark.runChild(arguments: Array(arguments.dropFirst()))
    exit(0)
}

let options = try BenchmarkOptions(arguments)
print("LinqBenchmarks: \(ProcessInfo.processInfo.activeProcessorCount) cores visible; cases: \(options.cases.joined(separator: ", "))")
for name in options.cases {
    switch name {
    case "micro":
        try MicroBenchmarks.run(seconds: options.seconds)
    case "ingest":
        Report.header("ingest: WebhookIngress straight into SQLite, \(options.seconds) s per case")
        let template = try Fixtures.load("message.received.2026-02-03.json")
        try await IngestBenchmark.run(template: template, secretText: Fixtures.secretText, seconds: options.seconds, concurrency: 1, in: options.folder)
        let rate = try await IngestBenchmark.run(
            template: template, secretText: Fixtures.secretText, seconds: options.seconds, concurrency: 64, in: options.folder
        )
        Report.check("ingest, 64 in flight", rate, atLeast: 5_000, unit: "/s")
    case "ack-latency":
        try await AckLatencyBenchmark.run(rate: options.rate ?? 1000, seconds: options.duration, folder: options.folder)
        if let url = options.postgresURL {
            try await AckLatencyBenchmark.run(rate: options.rate ?? 1000, seconds: options.duration, folder: options.folder, postgresURL: url)
        }
    case "closed-loop":
        try await ClosedLoopBenchmark.run(
            inFlight: options.inFlight, seconds: options.duration, instanceCounts: options.instanceCounts, workers: options.workers,
            lineHealth: options.lineHealth == "on", folder: options.folder, postgresURL: options.postgresURL
        )
    case "end-to-end":
        if options.closedLoop {
            // The bot alone in its process, as deployed: its own CPU per message.
            let sides = options.lineHealth == "both" ? [false, true] : [options.lineHealth == "on"]
            try await CostBenchmark.run(
                connections: options.connections, seconds: options.duration, chats: options.chats, workers: options.workers, lineHealth: sides, folder: options.folder
            )
        } else if let url = options.postgresURL {
            // SQLite and PostgreSQL side by side, with line health off unless asked for.
            try await EndToEndBenchmark.runStores(
                rate: options.rate ?? 500, seconds: options.duration, chats: options.chats, allEvents: options.allEvents, workers: options.workers,
                lineHealth: options.lineHealth == "on", rounds: options.rounds, folder: options.folder, postgresURL: url
            )
        } else if options.lineHealth == "both" {
            try await EndToEndBenchmark.runBoth(
                rate: options.rate ?? 500, seconds: options.duration, chats: options.chats, allEvents: options.allEvents, workers: options.workers,
                rounds: options.rounds, folder: options.folder
            )
        } else {
            try await EndToEndBenchmark.run(
                rate: options.rate ?? 500, seconds: options.duration, chats: options.chats, allEvents: options.allEvents, workers: options.workers,
                lineHealth: options.lineHealth == "on", folder: options.folder
            )
        }
    case "memory":
        try await MemoryBenchmark.run(storedSessions: 100_000, activeChats: 1_000, messagesPerChat: 3, rate: 500, folder: options.folder)
    case "flat-cost":
        try await FlatCostBenchmark.run(sizes: options.sizes, events: options.events, rounds: options.rounds, workers: options.workers, folder: options.folder)
    case "pipeline":
        try await PipelineBenchmark.run(
            count: options.messages, chats: options.chats, inFlight: options.connections, workers: options.workers, rounds: options.rounds,
            sides: options.lineHealth == "both" ? [false, true] : [options.lineHealth == "on"]
        )
    case "timers":
        try await TimersBenchmark.run(
            sizes: options.timerSizes, dueRate: options.rate ?? 100, seconds: options.duration, idleSeconds: 8, folder: options.folder
        )
    default:
        preconditionFailure("unknown case \(name)")
    }
}
