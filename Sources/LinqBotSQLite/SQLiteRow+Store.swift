import Foundation
import LinqBot
import NIOCore
import SQLiteNIO

extension SQLiteData {
    /// Bytes as a blob. SQLite stores an empty blob as `NULL`; ``SQLiteRow/data(_:)`` reads it back as empty.
    static func bytes(_ data: Data) -> SQLiteData {
        .blob(ByteBuffer(bytes: data))
    }

    /// A time as Unix seconds.
    static func time(_ date: Date) -> SQLiteData {
        .float(date.timeIntervalSince1970)
    }
}

extension SQLiteRow {
    func int64(_ name: String) throws -> Int64 {
        guard let value = column(name)?.integer else { throw Self.missing(name) }
        return Int64(value)
    }

    func int(_ name: String) throws -> Int {
        Int(try int64(name))
    }

    func text(_ name: String) throws -> String {
        guard let value = column(name)?.string else { throw Self.missing(name) }
        return value
    }

    func double(_ name: String) throws -> Double {
        guard let value = column(name)?.double else { throw Self.missing(name) }
        return value
    }

    func date(_ name: String) throws -> Date {
        guard let value = column(name)?.double else { throw Self.missing(name) }
        return Date(timeIntervalSince1970: value)
    }

    func data(_ name: String) -> Data {
        guard let buffer = column(name)?.blob else { return Data() }
        return Data(buffer.readableBytesView)
    }

    /// The event columns shared by `inbox` and `dead_letters`.
    func event() throws -> NewInboxEvent {
        NewInboxEvent(
            eventID: try text("event_id"), dedupKey: column("dedup_key")?.string, chatKey: try text("chat_key"),
            eventType: try text("event_type"), body: data("body"), receivedAt: try date("received_at")
        )
    }

    private static func missing(_ name: String) -> BotStoreError {
        .unavailable("SQLite row lacks a value for \(name)")
    }
}

extension Duration {
    /// The duration in seconds.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
