import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore: WorkNotifyingStore {
    /// The channel of work announcements; the payload is `<schema> <count>`, so stores in
    /// different schemas of one database tell their own instances only.
    static let workChannel = "linqbot_work"

    /// Listens on `linqbot_work` on a pooled connection held for the purpose, until cancelled:
    /// `ready` once the server confirmed the `LISTEN`, then `onWork` for each announcement of
    /// this store's schema (events stored by any instance's append or timer, leases freed by
    /// an instance's registration, sweep or stop). Throws when the connection fails.
    public func listenForWork(ready: @escaping @Sendable () -> Void, onWork: @escaping @Sendable (_ count: Int) -> Void) async throws {
        let logger = self.logger
        try await Self.storeErrors {
            try await client.withConnection { connection in
                let schema = try await Self.decode(connection.query("SELECT current_schema()", logger: logger), as: String?.self).first ?? nil
                try await connection.listen(on: Self.workChannel) { notifications in
                    ready()
                    for try await notification in notifications {
                        if let count = Self.announcedWork(notification.payload, schema: schema) { onWork(count) }
                    }
                }
            }
        }
    }

    /// Tells every listening instance that `count` chats became claimable (no-op for 0).
    func announceWork(_ count: Int) async throws {
        guard count > 0 else { return }
        try await execute("SELECT pg_notify(\(Self.workChannel), current_schema() || ' ' || \(count))")
    }

    /// The count an announcement carries for `schema`, or `nil` when it is another schema's
    /// (or unreadable).
    static func announcedWork(_ payload: String, schema: String?) -> Int? {
        let parts = payload.split(separator: " ")
        guard parts.count == 2, String(parts[0]) == schema, let count = Int(parts[1]) else { return nil }
        return max(count, 1)
    }
}
