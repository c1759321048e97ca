public import LinqModels

/// A tool as a model sees it: a name, what it does, and the JSON Schema of its arguments.
public struct ToolDefinition: Sendable, Hashable {
    /// The name the model calls it by (letters, digits, `_` and `-`).
    public var name: String
    /// What it does and when to use it, for the model.
    public var description: String
    /// The JSON Schema of its arguments (an object schema).
    public var parameters: JSONValue

    /// Creates a definition.
    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}
