import Foundation

/// Joins tool calls that arrive in pieces: each API names a call by a key (its index or
/// output position), sends its id and name once and its arguments as fragments, possibly
/// interleaved with other calls'.
struct ToolCallAssembler: Sendable {
    private struct Partial: Sendable {
        var id = ""
        var name = ""
        var arguments = ""
    }

    private var order: [String] = []
    private var calls: [String: Partial] = [:]

    /// Notes what a piece says about call `key`: its id and name (when present), and more arguments.
    mutating func add(_ key: String, id: String? = nil, name: String? = nil, arguments: String? = nil) {
        if calls[key] == nil {
            order.append(key)
            calls[key] = Partial()
        }
        if let id, !id.isEmpty { calls[key]?.id = id }
        if let name, !name.isEmpty { calls[key]?.name = name }
        if let arguments { calls[key]?.arguments += arguments }
    }

    /// Replaces the arguments of call `key` with their final, whole text.
    mutating func complete(_ key: String, arguments: String) {
        add(key)
        calls[key]?.arguments = arguments
    }

    /// The calls, in the order they began; a call without arguments gets `{}`.
    func finish() -> [ToolCall] {
        order.compactMap { key in
            guard let call = calls[key], !call.name.isEmpty else { return nil }
            let arguments = call.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
            return ToolCall(id: call.id.isEmpty ? "call_\(key)" : call.id, name: call.name, arguments: arguments.isEmpty ? "{}" : arguments)
        }
    }
}
