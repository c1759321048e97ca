import Foundation

/// This benchmark binary started again as a child process in one of its child cases, so that a
/// part of the stack (the bot, the simulator) has a CPU figure of its own, read from
/// `/proc/<pid>/stat` like `top` reads it.
final class ChildProcess: Sendable {
    private let process: Process
    /// What the child printed on its first line of standard output (its readiness), if asked for.
    let firstLine: String?

    /// Starts `arguments` (a child case and its arguments) with `environment` added to ours.
    /// With `waitForLine`, returns once the child printed its first line (or fails when it exits first).
    init(_ arguments: [String], environment: [String: String] = [:], waitForLine: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        if waitForLine { process.standardOutput = output }
        fflush(nil)  // our lines before the child's
        try process.run()
        self.process = process
        guard waitForLine else {
            firstLine = nil
            return
        }
        var bytes: [UInt8] = []
        let reader = output.fileHandleForReading
        while !bytes.contains(0x0A) {
            let chunk = reader.availableData
            guard !chunk.isEmpty else { throw BenchmarkFailure("the child \(arguments.joined(separator: " ")) exited before it was ready") }
            bytes += chunk
        }
        firstLine = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
    }

    /// The child's user plus system CPU time so far.
    var cpuTime: Duration { ProcessStats.cpuTime(ofProcess: process.processIdentifier) }

    /// Asks the child to stop (SIGTERM, a graceful shutdown) and waits up to 30 s, then kills it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// A TCP port free on 127.0.0.1 right now (the kernel's pick for port 0), for a child that
    /// must be told its port.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchmarkFailure("no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw BenchmarkFailure("could not bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
