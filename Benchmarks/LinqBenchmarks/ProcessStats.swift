import Foundation

/// This process's memory (from `/proc/self/status`) and CPU time (from `getrusage`), and the
/// CPU time of other processes on the machine (from `/proc`).
enum ProcessStats {
    /// Resident set size now (`VmRSS`), in MB (10⁶ bytes).
    static var residentMB: Double { field("VmRSS") }
    /// The highest resident set size so far (`VmHWM`), in MB.
    static var peakResidentMB: Double { field("VmHWM") }

    /// User plus system CPU time of all threads so far.
    static var cpuTime: Duration {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .zero }
        func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    /// User plus system CPU time so far of process `pid` (zero when it is gone).
    static func cpuTime(ofProcess pid: Int32) -> Duration {
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0, let stat = stat(of: Int(pid)) else { return .zero }
        return .seconds(stat.ticks / ticksPerSecond)
    }

    /// A process's command name, parent and user plus system CPU in clock ticks, from `/proc/<pid>/stat`.
    private static func stat(of pid: Int) -> (command: Substring, parent: Int, ticks: Double)? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
        else { return nil }
        // After the command name: state is field 3, the parent 4, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let parent = Int(fields[1]), let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (stat[stat.index(after: open)..<close], parent, user + system)
    }

    /// User plus system CPU time so far of the PostgreSQL server listening on `port` on this
    /// machine: its postmaster (found by `-p PORT` on its command line) and every process it
    /// started (backends, WAL writer, checkpointer, …), by process id, from `/proc/<pid>/stat`.
    /// Empty when no such server runs here.
    static func cpuTimes(ofPostgresOnPort port: Int) -> [Int: Duration] {
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0, let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [:] }
        var servers: [(pid: Int, parent: Int, ticks: Double)] = []
        var postmasters: Set<Int> = []
        for entry in entries {
            guard let pid = Int(entry), let stat = stat(of: pid), stat.command == "postgres" else { continue }
            servers.append((pid, stat.parent, stat.ticks))
            let arguments = (try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8))?.split(separator: "\0") ?? []
            if zip(arguments, arguments.dropFirst()).contains(where: { $0 == "-p" && $1 == "\(port)" }) { postmasters.insert(pid) }
        }
        var times: [Int: Duration] = [:]
        for server in servers where postmasters.contains(server.pid) || postmasters.contains(server.parent) {
            times[server.pid] = .seconds(server.ticks / ticksPerSecond)
        }
        return times
    }

    /// The CPU time the processes of a reading of ``cpuTimes(ofPostgresOnPort:)`` used since
    /// `before`: a process that started since counts from zero; one that ended since is not
    /// counted, so read before closing connections.
    static func cpuTime(ofPostgresOnPort port: Int, since before: [Int: Duration]) -> Duration {
        cpuTimes(ofPostgresOnPort: port).reduce(.zero) { total, entry in total + entry.value - (before[entry.key] ?? .zero) }
    }

    private static func field(_ name: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) } ?? -1
            return kilobytes * 1024 / 1_000_000  // the kernel's kB are KiB
        }
        return -1
    }
}
