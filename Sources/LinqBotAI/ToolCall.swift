/// A model's request to run one tool: its call id, the tool's name and the arguments as JSON
/// text, whole (streamed arguments are joined before a call is handed over).
public struct ToolCall: Codable, Sendable, Hashable {
    /// The id the result must answer (`call_…`, `toolu_…`).
    public var id: String
    /// The tool's name.
    public var name: String
    /// The arguments, a JSON object as text.
    public var arguments: String

    /// Creates a call.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}
