import Foundation
import LinqBot
import Testing

extension StoreConformance {
    /// A person keeps the first line assigned, even when several assign at once; a reassignment
    /// replaces it; listings and counts follow; an unassignment forgets it.
    static func lineAssignments(_ store: any BotStore) async throws {
        #expect(try await store.assignedLine(of: "+15550001") == nil)
        #expect(try await store.assignLine("+1A", to: "+15550001", now: t0) == LineAssignment(line: "+1A", isNew: true))
        #expect(try await store.assignLine("+1B", to: "+15550001", now: t0) == LineAssignment(line: "+1A", isNew: false))
        #expect(try await store.assignedLine(of: "+15550001") == "+1A")

        let racing = try await withThrowingTaskGroup(of: LineAssignment.self) { group in
            for line in ["+1A", "+1B", "+1C", "+1B"] { group.addTask { try await store.assignLine(line, to: "+15550002", now: t0) } }
            return try await group.reduce(into: [LineAssignment]()) { $0.append($1) }
        }
        #expect(Set(racing.map(\.line)).count == 1, "every caller gets the same line")
        #expect(racing.filter(\.isNew).count == 1, "one caller assigned it")

        for handle in ["+15550003", "+15550004"] { _ = try await store.assignLine("+1B", to: handle, now: t0) }
        try await store.reassignLine(of: "+15550001", to: "+1B", now: t0.addingTimeInterval(60))
        #expect(try await store.assignedLine(of: "+15550001") == "+1B")
        try await store.reassignLine(of: "+15550009", to: "+1C", now: t0)
        #expect(try await store.assignedLine(of: "+15550009") == "+1C", "a reassignment assigns a person without a line")

        let onB = try await store.assignedHandles(line: "+1B", after: nil, limit: 100)
        #expect(onB == ["+15550001", "+15550003", "+15550004"] || onB == ["+15550001", "+15550002", "+15550003", "+15550004"])
        #expect(try await store.assignedHandles(line: "+1B", after: "+15550001", limit: 1).count == 1)
        let first = try await store.assignedHandles(line: "+1B", after: nil, limit: 2)
        let rest = try await store.assignedHandles(line: "+1B", after: first.last, limit: 100)
        #expect(first + rest == onB, "pages follow one another")
        let counts = try await store.lineAssignmentCounts()
        #expect(counts.values.reduce(0, +) == 5)
        #expect(counts["+1B"] == onB.count)
        #expect(counts["+1A"] == nil || counts["+1A"] == 1)

        try await store.unassignLine(of: "+15550009")
        try await store.unassignLine(of: "+15550404")
        #expect(try await store.assignedLine(of: "+15550009") == nil, "an erased person has no line")
        #expect(try await store.lineAssignmentCounts().values.reduce(0, +) == 4)
        #expect(try await store.assignLine("+1A", to: "+15550009", now: t0) == LineAssignment(line: "+1A", isNew: true), "a later choice assigns anew")
    }
}
