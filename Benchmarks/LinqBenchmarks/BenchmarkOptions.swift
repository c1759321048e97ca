import Foundation
import LinqBot

/// The command line: case names, then options.
struct BenchmarkOptions {
    static let allCases = ["micro", "ingest", "ack-latency", "end-to-end", "closed-loop", "memory", "flat-cost", "timers", "pipeline"]

    var cases: [String] = []
    /// Seconds per case of micro and ingest.
    var seconds = 3.0
    /// Seconds of open-loop load in ack-latency and end-to-end, and of timers falling due in timers.
    var duration = 20.0
    /// Overrides the open-loop rate (ack-latency 1,000/s, end-to-end 500/s, timers falling due 100/s).
    var rate: Double?
    /// Chats in end-to-end.
    var chats = 200
    /// end-to-end subscribes to every event type, as `BotHost` does, not only `message.received`.
    var allEvents = false
    /// Stored sessions in flat-cost.
    var sizes = [1_000, 10_000, 100_000, 1_000_000]
    /// Pending timers in timers (the last size also runs the timers due during the run).
    var timerSizes = [0, 1_000, 10_000, 100_000]
    /// Events per flat-cost round.
    var events = 2_000
    /// Messages per pipeline round.
    var messages = 20_000
    /// Rounds per flat-cost size, and of each side of end-to-end with both (the median counts).
    var rounds = 3
    /// ack-latency, end-to-end and closed-loop also run on PostgreSQL at this URL, after SQLite
    /// (each run in a schema of its own, left behind: point it at a scratch database).
    var postgresURL: String?
    /// Messages in flight in closed-loop.
    var inFlight = 64
    /// end-to-end runs closed loop instead: `connections` webhook deliveries always in flight
    /// into the echo bot in a child process (``CostBenchmark``).
    var closedLoop = false
    /// Webhook deliveries in flight in end-to-end's closed loop.
    var connections = 32
    /// Bot instances on PostgreSQL in closed-loop, one run per count.
    var instanceCounts = [1, 2, 3]
    /// end-to-end runs without line health, with it, or both side by side (`off`, `on`, `both`).
    var lineHealth = "both"
    /// Dispatcher workers (the bot's concurrency) in end-to-end, memory and flat-cost.
    var workers = Bot.Configuration().concurrency
    /// Where the SQLite files go (deleted afterwards).
    var folder = FileManager.default.temporaryDirectory

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchmarkFailure("\(name) needs a value") }
            return next
        }
        func number(_ name: String) throws -> Double {
            let text = try value(name)
            guard let number = Double(text), number > 0 else { throw BenchmarkFailure("\(name) needs a positive number, not \(text)") }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--seconds": seconds = try number(argument)
            case "--duration": duration = try number(argument)
            case "--rate": rate = try number(argument)
            case "--chats": chats = Int(try number(argument))
            case "--all-events": allEvents = true
            case "--events": events = Int(try number(argument))
            case "--messages": messages = Int(try number(argument))
            case "--rounds": rounds = Int(try number(argument))
            case "--workers": workers = Int(try number(argument))
            case "--postgres": postgresURL = try value(argument)
            case "--in-flight": inFlight = Int(try number(argument))
            case "--closed-loop": closedLoop = true
            case "--connections": connections = Int(try number(argument))
            case "--instances":
                instanceCounts = try value(argument).split(separator: ",").map {
                    guard let count = Int($0), count > 0 else { throw BenchmarkFailure("bad instance count \($0)") }
                    return count
                }
            case "--line-health":
                lineHealth = try value(argument)
                guard ["on", "off", "both"].contains(lineHealth) else { throw BenchmarkFailure("--line-health is on, off or both, not \(lineHealth)") }
            case "--dir": folder = URL(fileURLWithPath: try value(argument))
            case "--timer-sizes":
                timerSizes = try value(argument).split(separator: ",").map {
                    guard let size = Int($0.replacingOccurrences(of: "_", with: "")), size >= 0 else { throw BenchmarkFailure("bad size \($0)") }
                    return size
                }
            case "--sizes":
                sizes = try value(argument).split(separator: ",").map {
                    guard let size = Int($0.replacingOccurrences(of: "_", with: "")), size > 0 else { throw BenchmarkFailure("bad size \($0)") }
                    return size
                }
            case "all": cases += Self.allCases
            case "e2e": cases.append("end-to-end")
            case let name where Self.allCases.contains(name): cases.append(name)
            case let text where Double(text) != nil: seconds = Double(text)!  // the old form: seconds per case
            default:
                throw BenchmarkFailure("unknown argument \(argument); cases: \(Self.allCases.joined(separator: ", ")), all")
            }
        }
        if cases.isEmpty { cases = Self.allCases }
    }
}
