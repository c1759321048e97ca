import Foundation

/// This process's memory (from `/proc/self/status`) and CPU time (from `getrusage`).
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

    private static func field(_ name: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) } ?? -1
            return kilobytes * 1024 / 1_000_000  // the kernel's kB are KiB
        }
        return -1
    }
}
