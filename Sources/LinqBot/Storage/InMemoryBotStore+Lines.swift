public import Foundation
import Synchronization

extension InMemoryBotStore {
    /// Keeps the person's line, or assigns `line`.
    public func assignLine(_ line: String, to handle: String, now: Date) async throws -> LineAssignment {
        state.withLock { state in
            if let known = state.lineAssignments[handle] { return LineAssignment(line: known, isNew: false) }
            state.lineAssignments[handle] = line
            return LineAssignment(line: line, isNew: true)
        }
    }

    /// The person's line.
    public func assignedLine(of handle: String) async throws -> String? {
        state.withLock { $0.lineAssignments[handle] }
    }

    /// Replaces the person's line.
    public func reassignLine(of handle: String, to line: String, now: Date) async throws {
        state.withLock { $0.lineAssignments[handle] = line }
    }

    /// Forgets the person's line.
    public func unassignLine(of handle: String) async throws {
        state.withLock { _ = $0.lineAssignments.removeValue(forKey: handle) }
    }

    /// The line's people in handle order.
    public func assignedHandles(line: String, after handle: String?, limit: Int) async throws -> [String] {
        state.withLock { state in
            let people = state.lineAssignments.filter { entry in entry.value == line && handle.map { entry.key > $0 } ?? true }.keys.sorted()
            return Array(people.prefix(max(limit, 0)))
        }
    }

    /// People per line.
    public func lineAssignmentCounts() async throws -> [String: Int] {
        state.withLock { state in state.lineAssignments.values.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 } }
    }
}
