import Foundation
import Synchronization

/// Where a command writes what it prints: standard output, or a buffer in tests.
struct CommandOutput: Sendable {
    private let write: @Sendable (String) -> Void

    init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Writes `text` and a newline.
    func line(_ text: String = "") { write(text + "\n") }

    /// The process's standard output.
    static let standardOutput = CommandOutput { text in FileHandle.standardOutput.write(Data(text.utf8)) }

    /// A buffer that keeps what is written, and the output writing into it.
    static func buffer() -> (CommandOutput, TextBuffer) {
        let buffer = TextBuffer()
        return (CommandOutput { buffer.append($0) }, buffer)
    }
}

/// Text written to a ``CommandOutput/buffer()``.
final class TextBuffer: Sendable {
    private let storage = Mutex("")

    func append(_ text: String) { storage.withLock { $0 += text } }

    /// Everything written so far.
    var text: String { storage.withLock { $0 } }
}
