public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// Keeps the person's line, or assigns `line`, in one transaction.
    public func assignLine(_ line: String, to handle: String, now: Date) async throws -> LineAssignment {
        try await writer.transaction { db in
            let inserted = try await db.rows(
                "INSERT INTO line_assignments (handle, line, assigned_at) VALUES (?, ?, ?) ON CONFLICT (handle) DO NOTHING RETURNING line",
                [.text(handle), .text(line), .time(now)]
            )
            if !inserted.isEmpty { return LineAssignment(line: line, isNew: true) }
            let known = try await db.rows("SELECT line FROM line_assignments WHERE handle = ?", [.text(handle)])
            guard let row = known.first else { throw BotStoreError.unavailable("SQLite kept no line for \(handle)") }
            return LineAssignment(line: try row.text("line"), isNew: false)
        }
    }

    /// The person's line.
    public func assignedLine(of handle: String) async throws -> String? {
        try await reader.withConnection { db in
            try await db.rows("SELECT line FROM line_assignments WHERE handle = ?", [.text(handle)]).first?.text("line")
        }
    }

    /// Replaces the person's line.
    public func reassignLine(of handle: String, to line: String, now: Date) async throws {
        try await writer.transaction { db in
            try await db.run(
                """
                INSERT INTO line_assignments (handle, line, assigned_at) VALUES (?, ?, ?)
                ON CONFLICT (handle) DO UPDATE SET line = excluded.line, assigned_at = excluded.assigned_at
                """,
                [.text(handle), .text(line), .time(now)]
            )
        }
    }

    /// Forgets the person's line.
    public func unassignLine(of handle: String) async throws {
        try await writer.transaction { db in try await db.run("DELETE FROM line_assignments WHERE handle = ?", [.text(handle)]) }
    }

    /// The line's people in handle order.
    public func assignedHandles(line: String, after handle: String?, limit: Int) async throws -> [String] {
        try await reader.withConnection { db in
            try await db.rows(
                "SELECT handle FROM line_assignments WHERE line = ? AND handle > ? ORDER BY handle LIMIT ?",
                [.text(line), .text(handle ?? ""), .integer(max(limit, 0))]
            ).map { try $0.text("handle") }
        }
    }

    /// People per line.
    public func lineAssignmentCounts() async throws -> [String: Int] {
        try await reader.withConnection { db in
            let rows = try await db.rows("SELECT line, COUNT(*) AS people FROM line_assignments GROUP BY line")
            return try rows.reduce(into: [:]) { counts, row in counts[try row.text("line")] = try row.int("people") }
        }
    }
}
