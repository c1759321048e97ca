/// Reads a `text/event-stream` body as it arrives and yields the data of each event.
///
/// Bytes come in arbitrary pieces; lines end with LF, CRLF or CR. An event's `data:` lines are
/// joined with a newline and the event is complete at the blank line that follows. Comments
/// (`:`) and other fields (`event:`, `id:`, `retry:`) are skipped, as chat completions never
/// need them.
///
/// ```swift
/// var parser = ServerSentEventParser()
/// for data in parser.feed(Array("data: {\"a\":1}\n\n".utf8)) { print(data) }   // {"a":1}
/// ```
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var data: [String] = []
    private var afterCR = false

    /// Creates a parser at the start of a stream.
    public init() {}

    /// Takes the next bytes of the stream; returns the data of every event they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch byte {
            case UInt8(ascii: "\r"):
                afterCR = true
                endLine(into: &events)
            case UInt8(ascii: "\n"):
                endLine(into: &events)
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream: an event whose blank line never came is returned, if any.
    public mutating func finish() -> [String] {
        var events: [String] = []
        if !line.isEmpty { endLine(into: &events) }
        if !data.isEmpty { events.append(data.joined(separator: "\n")) }
        data = []
        return events
    }

    private mutating func endLine(into events: inout [String]) {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            if !data.isEmpty { events.append(data.joined(separator: "\n")) }
            data = []
            return
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("data") else { return }
        var value = text.dropFirst(4)
        if value.isEmpty {
            data.append("")
            return
        }
        guard value.first == ":" else { return }  // a field called "dataX", not ours
        value = value.dropFirst()
        if value.first == " " { value = value.dropFirst() }
        data.append(String(value))
    }
}
