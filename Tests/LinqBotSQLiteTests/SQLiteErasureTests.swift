import Foundation
import LinqBot
import LinqBotSQLite
import LinqBotTesting
import LinqModels
import SQLiteNIO
import Testing

/// A person's erasure, read back from the SQLite file itself: nothing about them is left in
/// any table but the opt-out ledger.
@Suite struct SQLiteErasureTests {
    @Test("after erasure no table of the SQLite file holds the person's handle or texts, but the opt-out; the bot still sends them nothing")
    func erasureLeavesOnlyTheOptOut() async throws {
        try await TemporaryDatabase.with { database in
            let path = database.path()
            let bot = Bot()
            bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
            let tester = try await BotTester(bot: bot, store: try await openMigrated(path))
            let person = tester.person
            let texts = ["my secret text 7731", "another private note 5518"]
            try await tester.run {
                // The business writes first, naming no line: the line pool assigns one for good.
                try await tester.app.send(.text("Your table for two is ready"), to: person)
                try await tester.settle()
                #expect(try await tester.app.line(for: person) == tester.line)
                for text in texts { #expect(try await tester.send(text) == ["You said: \(text)"]) }
                _ = try await tester.send("STOP")
                // The search finds the person before the erasure: in the line assignment, the stored payloads, …
                let before = try await Self.cellsContaining([person] + texts, path: path)
                #expect(before.contains("line_assignments.handle: (\(person))") && before.count > 5, "\(before)")
                let erasure = try await tester.app.erasePerson(person)
                #expect(erasure.optOutKept && !erasure.chatKeys.isEmpty, "\(erasure)")
                let hits = try await Self.cellsContaining([person] + texts, path: path)
                #expect(hits == ["counters.key: linqbot.optout:\(person)"], "\(hits)")
                // The kept opt-out still holds: a proactive send reaches no one.
                try await tester.app.send(.text("We miss you"), to: person)
                try await tester.settle()
                #expect(try await tester.replies(to: person).allSatisfy { !$0.contains("We miss you") })
            }
            try await tester.store.close()
        }
    }

    /// Every cell, over every column of every table, that contains one of `needles`, as
    /// `table.column: value` (the value only for the opt-out ledger's key, which may stay).
    static func cellsContaining(_ needles: [String], path: String) async throws -> [String] {
        let db = try await SQLiteConnection.open(storage: .file(path: path), logger: quietLogger)
        var hits: [String] = []
        do {
            let tables = try await db.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.column("name")?.string }
            for table in tables {
                let columns = try await db.query("SELECT name FROM pragma_table_info(?)", [.text(table)]).compactMap { $0.column("name")?.string }
                for column in columns {
                    for needle in needles {
                        let rows = try await db.query(
                            "SELECT CAST(\"\(column)\" AS TEXT) AS value FROM \"\(table)\" WHERE instr(CAST(\"\(column)\" AS BLOB), CAST(? AS BLOB)) > 0",
                            [.text(needle)]
                        )
                        for row in rows {
                            let value = row.column("value")?.string ?? ""
                            hits.append("\(table).\(column): " + (value.hasPrefix("linqbot.optout:") ? value : "(\(needle))"))
                        }
                    }
                }
            }
        } catch {
            try await db.close()
            throw error
        }
        try await db.close()
        return hits
    }
}
