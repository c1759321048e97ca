public import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore {
    /// Keeps the person's line, or assigns `line`. The insert and the read of a line another
    /// instance assigned at the same moment share one statement; when that line committed after
    /// the statement began (the insert then did nothing and the read saw nothing), it runs again.
    public func assignLine(_ line: String, to handle: String, now: Date) async throws -> LineAssignment {
        for _ in 0..<3 {
            let held = try await rows(
                """
                WITH inserted AS (
                    INSERT INTO linqbot_line_assignments (handle, line, assigned_at) VALUES (\(handle), \(line), \(now))
                    ON CONFLICT (handle) DO NOTHING RETURNING line
                )
                SELECT line, true FROM inserted
                UNION ALL
                SELECT line, false FROM linqbot_line_assignments WHERE handle = \(handle) AND NOT EXISTS (SELECT 1 FROM inserted)
                """,
                as: (String, Bool).self
            )
            if let (line, isNew) = held.first { return LineAssignment(line: line, isNew: isNew) }
        }
        throw BotStoreError.unavailable("PostgreSQL kept no line for \(handle)")
    }

    /// The person's line.
    public func assignedLine(of handle: String) async throws -> String? {
        try await rows("SELECT line FROM linqbot_line_assignments WHERE handle = \(handle)", as: String.self).first
    }

    /// Replaces the person's line.
    public func reassignLine(of handle: String, to line: String, now: Date) async throws {
        try await execute(
            """
            INSERT INTO linqbot_line_assignments (handle, line, assigned_at) VALUES (\(handle), \(line), \(now))
            ON CONFLICT (handle) DO UPDATE SET line = excluded.line, assigned_at = excluded.assigned_at
            """
        )
    }

    /// Forgets the person's line.
    public func unassignLine(of handle: String) async throws {
        try await execute("DELETE FROM linqbot_line_assignments WHERE handle = \(handle)")
    }

    /// The line's people in handle order.
    public func assignedHandles(line: String, after handle: String?, limit: Int) async throws -> [String] {
        try await rows(
            """
            SELECT handle FROM linqbot_line_assignments WHERE line = \(line) AND handle > \(handle ?? "")
            ORDER BY handle LIMIT \(max(limit, 0))
            """,
            as: String.self
        )
    }

    /// People per line.
    public func lineAssignmentCounts() async throws -> [String: Int] {
        let rows = try await rows("SELECT line, count(*) FROM linqbot_line_assignments GROUP BY line", as: (String, Int).self)
        return rows.reduce(into: [:]) { counts, row in counts[row.0] = row.1 }
    }
}
