import Foundation

/// How long the disk under the benchmark's databases takes to make a small append durable:
/// every acknowledgement under `synchronous=FULL` waits for at least one of these.
enum DiskProbe {
    /// Appends 4 KiB and syncs it `count` times in a scratch file in `folder`.
    static func syncLatencies(in folder: URL, count: Int = 200) throws -> LatencySummary {
        let url = folder.appendingPathComponent("disk-probe-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let page = Data(repeating: 0x5A, count: 4096)
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<count {
            try handle.write(contentsOf: page)
            let start = clock.now
            try handle.synchronize()
            samples.append(start.duration(to: clock.now))
        }
        return LatencySummary(samples)
    }

    static func report(in folder: URL) {
        guard let summary = try? syncLatencies(in: folder) else { return }
        Report.line("disk: 4 KiB append + fsync: \(summary.line)")
    }
}
