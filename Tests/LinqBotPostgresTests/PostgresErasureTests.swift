import Foundation
import LinqBot
@testable import LinqBotPostgres
import LinqBotTesting
import LinqModels
import PostgresNIO
import Testing

/// A person's erasure, read back from the PostgreSQL schema itself: nothing about them is left
/// in any table but the opt-out ledger.
@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresErasureTests {
    @Test("after erasure no table of the PostgreSQL schema holds the person's handle or texts, but the opt-out; the bot still sends them nothing")
    func erasureLeavesOnlyTheOptOut() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let store = try await scratch.store(schema: schema)
            let bot = Bot()
            bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
            let tester = try await BotTester(bot: bot, store: store)
            let person = tester.person
            let texts = ["my secret text 7731", "another private note 5518"]
            try await tester.run {
                // The business writes first, naming no line: the line pool assigns one for good.
                try await tester.app.send(.text("Your table for two is ready"), to: person)
                try await tester.settle()
                for text in texts { #expect(try await tester.send(text) == ["You said: \(text)"]) }
                _ = try await tester.send("STOP")
                // The search finds the person before the erasure: in the line assignment, the stored payloads, …
                let before = try await Self.cellsContaining([person] + texts, store: store, schema: schema)
                #expect(before.contains("linqbot_line_assignments.handle: (\(person))") && before.count > 5, "\(before)")
                let erasure = try await tester.app.erasePerson(person)
                #expect(erasure.optOutKept && !erasure.chatKeys.isEmpty, "\(erasure)")
                let hits = try await Self.cellsContaining([person] + texts, store: store, schema: schema)
                #expect(hits == ["linqbot_counters.key: linqbot.optout:\(person)"], "\(hits)")
                try await tester.app.send(.text("We miss you"), to: person)
                try await tester.settle()
                #expect(try await tester.replies(to: person).allSatisfy { !$0.contains("We miss you") })
            }
        }
    }

    /// Every cell of a text, JSON or byte column of the schema's tables that contains one of
    /// `needles`, as `table.column: value` (the value only for the opt-out ledger's key).
    static func cellsContaining(_ needles: [String], store: PostgresBotStore, schema: String) async throws -> [String] {
        var columnsQuery = PostgresBindings()
        columnsQuery.append(schema)
        let columns = try await store.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
                    WHERE table_schema = $1 AND data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb')
                    ORDER BY table_name, column_name
                    """,
                binds: columnsQuery
            ),
            as: (String, String, String).self
        )
        var hits: [String] = []
        for (table, column, type) in columns {
            // Bytes are searched as bytes; text and JSON as their text.
            let haystack = type == "bytea" ? "\"\(column)\"" : "convert_to(\"\(column)\"::text, 'UTF8')"
            for needle in needles {
                var binds = PostgresBindings()
                binds.append(needle)
                let values = try await store.rows(
                    PostgresQuery(
                        unsafeSQL: "SELECT encode(\(haystack), 'escape') FROM \(schema).\"\(table)\" WHERE position(convert_to($1, 'UTF8') in \(haystack)) > 0",
                        binds: binds
                    ),
                    as: String.self
                )
                for value in values { hits.append("\(table).\(column): " + (value.hasPrefix("linqbot.optout:") ? value : "(\(needle))")) }
            }
        }
        return hits
    }
}
