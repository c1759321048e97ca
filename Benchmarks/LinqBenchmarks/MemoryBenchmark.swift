import Foundation
import LinqBot
import Synchronization

/// Resident memory of a running bot with many stored chats and many active ones: the database
/// holds `storedSessions` sessions, then `activeChats` people text the echo bot
/// `messagesPerChat` times each over the full loopback stack of ``EchoStack``.
///
/// The database is seeded by this process, and the bot runs in a fresh child process
/// (this executable again), so its resident memory holds nothing from seeding or from earlier
/// cases. The figure is the child's whole `VmRSS`: the bot, and also the simulator and the
/// load it plays (so it is an upper bound for the bot alone).
enum MemoryBenchmark {
    static let targetMB = 100.0
    static let childCase = "memory-child"

    static func run(storedSessions: Int, activeChats: Int, messagesPerChat: Int, rate: Double, folder: URL) async throws {
        Report.header("memory: \(Report.format(Double(storedSessions), 0)) stored sessions, \(activeChats) active chats × \(messagesPerChat) messages at \(Int(rate))/s, echo bot with a session counter")
        let path = folder.appendingPathComponent("memory-\(UUID().uuidString).sqlite").path
        defer { EndToEndBenchmark.removeDatabase(path) }
        let seeding = try await SessionSeeder.seed(path: path, count: storedSessions, cacheMiB: 64)
        Report.line("seeded \(storedSessions) sessions in \(String(format: "%.1f", seeding.inSeconds)) s; the bot runs in a child process")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = [childCase, path, String(activeChats), String(messagesPerChat), String(rate)]
        fflush(nil)  // our lines before the child's
        try child.run()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else { throw BenchmarkFailure("the memory child process exited with \(child.terminationStatus)") }
        let sessions = try await SessionSeeder.sessionCount(path: path)
        Report.line("sessions stored after the run: \(sessions)")
    }

    /// The child: runs the bot on the seeded database and prints its memory.
    static func runChild(arguments: [String]) async throws {
        guard arguments.count == 4, let chats = Int(arguments[1]), let perChat = Int(arguments[2]), let rate = Double(arguments[3]) else {
            throw BenchmarkFailure("usage: \(childCase) DATABASE CHATS MESSAGES-PER-CHAT RATE")
        }
        let baseline = ProcessStats.residentMB
        let bot = Bot()
        bot.turnOffLineHealth(because: "this case measures the pipeline alone, as its earlier figures did")
        bot.onText { ctx, text in
            let visits = (ctx.session("visits", as: Int.self) ?? 0) + 1
            ctx.setSession("visits", visits)
            try await ctx.reply("You said: \(text)")
        }
        let total = chats * perChat
        let timeline = Timeline(count: total)
        let observer = EchoStack.Observer(replyAccepted: { number, at in timeline.mark(.replied, number, at: at) })
        let (readings, _) = try await EchoStack.run(bot: bot, options: .init(databasePath: arguments[0]), observer: observer) { people in
            let started = ProcessStats.residentMB
            let chatIDs = Mutex<[Int: String]>([:])
            let outcome = await OpenLoop.run(rate: rate, count: total) { index, due in
                timeline.mark(.due, index, at: due)
                let chat = index % chats
                let known = chatIDs.withLock { $0[chat] }
                if let id = try? await people.send(from: EchoStack.People.handle(chat), text: TextMarker.text(index), chatID: known), known == nil {
                    chatIDs.withLock { $0[chat] = id }
                }
            }
            try await EndToEndBenchmark.waitForReplies(timeline, count: total, within: .seconds(60))
            return (started, ProcessStats.residentMB, outcome)
        }
        let (started, loaded, outcome) = readings
        Report.line("sent \(outcome.sent) messages at \(String(format: "%.1f", outcome.achievedRate))/s; replies accepted: \(timeline.replied)")
        Report.line("VmRSS at process start \(String(format: "%.1f", baseline)) MB; stack up (store open) \(String(format: "%.1f", started)) MB; peak VmHWM \(String(format: "%.1f", ProcessStats.peakResidentMB)) MB")
        Report.line("message due → reply accepted: \(timeline.latencies(from: .due, to: .replied, below: total).line)")
        Report.check("VmRSS after all replies", loaded, atMost: targetMB, unit: "MB", digits: 1)
    }
}
