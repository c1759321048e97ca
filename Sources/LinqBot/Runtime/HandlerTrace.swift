import Foundation
import Synchronization

/// A record of when each handler starts and ends, one JSON object a line, for chaos tests that
/// check across processes that no two handlers of a chat ever overlap:
///
/// ```json
/// {"phase":"start","at":1773157328.412,"instance":"i1","worker":"i1/3","chat":"…","event":"…","token":42}
/// ```
///
/// `phase` is `start`, `end` (the handler returned), `committed` (its fenced commit held),
/// `failed` (the handler or the commit threw; the event is retried or dead-lettered),
/// `cancelled` (a stop cut the handler short; the event runs again) or `lease_lost` (the fence
/// refused the commit: another worker holds the chat now). Off unless a host
/// sets ``BotApplication/Configuration/handlerTrace`` (`BotHost` reads `LINQBOT_HANDLER_TRACE`).
/// Each line is written straight to the file, so a kill -9 loses none already written.
public final class HandlerTrace: Sendable {
    private let file: Mutex<FileHandle>
    /// The file the trace appends to.
    public let path: String

    /// Appends to the file at `path`, creating it when needed.
    /// - Throws: when the file cannot be created or opened for writing.
    public init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        self.file = Mutex(handle)
        self.path = path
    }

    /// Writes one line about `claim`.
    func record(_ phase: String, _ claim: ClaimedEvent, instance: String, at date: Date) {
        let fields: [String: any Sendable] = [
            "phase": phase, "at": date.timeIntervalSince1970, "instance": instance, "worker": claim.worker,
            "chat": claim.event.chatKey, "event": claim.event.eventID, "token": claim.fencingToken,
        ]
        guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        line.append(0x0A)
        file.withLock { try? $0.write(contentsOf: line) }
    }
}
