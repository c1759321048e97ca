import Foundation
public import LinqBot
public import LinqModels

/// A Swift function the model may call: a name, a description, the JSON Schema of its
/// arguments (derived from their `Decodable` type), and the function itself. What it returns,
/// or the message of what it throws, goes back to the model as the call's result.
///
/// ```swift
/// struct Hours: Codable { var day: String }
/// let hours = AITool("opening_hours", description: "The bakery's opening hours on a day of the week.") { (arguments: Hours, _) in
///     arguments.day.lowercased() == "sunday" ? "closed" : "7 am to 6 pm"
/// }
/// let bot = makeAIAgent(configuration, tools: [hours])
/// ```
public struct AITool: Sendable {
    /// The tool as the model sees it.
    public var definition: ToolDefinition
    private let perform: @Sendable (String, ToolInvocation) async throws -> String

    /// A tool whose arguments are `Arguments`, decoded from the model's JSON; the schema is
    /// derived from the type (see ``ArgumentSchema``) unless `parameters` gives one.
    public init<Arguments: Decodable & SendableMetatype>(
        _ name: String, description: String, arguments: Arguments.Type = Arguments.self, parameters: JSONValue? = nil,
        perform: @escaping @Sendable (Arguments, ToolInvocation) async throws -> String
    ) {
        let schema: JSONValue
        do {
            schema = try parameters ?? ArgumentSchema.of(Arguments.self)
        } catch {
            preconditionFailure("The arguments of the tool \(name) give no schema (\(error)); pass `parameters:` or make them SchemaDescribing.")
        }
        self.definition = ToolDefinition(name: name, description: description, parameters: schema)
        self.perform = { text, invocation in
            let arguments: Arguments
            do {
                arguments = try JSONDecoder().decode(Arguments.self, from: Data((text.isEmpty ? "{}" : text).utf8))
            } catch {
                throw ToolError("the arguments do not fit the schema: \(error)")
            }
            return try await perform(arguments, invocation)
        }
    }

    /// A tool described by `definition` whose arguments `perform` takes as the model wrote
    /// them (JSON text, meant to fit `definition.parameters`): for tools whose schema comes from
    /// elsewhere, such as an MCP server's (``MCPToolSource``).
    public init(_ definition: ToolDefinition, perform: @escaping @Sendable (String, ToolInvocation) async throws -> String) {
        self.definition = definition
        self.perform = perform
    }

    /// Runs `call`: its result, or the error as a result the model can read and act on.
    func run(_ call: ToolCall, _ invocation: ToolInvocation) async -> (text: String, isError: Bool) {
        do {
            return (try await perform(call.arguments, invocation), false)
        } catch let error as ToolError {
            return ("error: \(error.message)", true)
        } catch {
            return ("error: \(error)", true)
        }
    }
}

/// An error a tool reports to the model, in words it can act on.
public struct ToolError: Error, Sendable, Hashable {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }
}

/// One call of a tool: the chat it happens in (every write through its line-health-governed
/// helpers) and the agent's turn, which a tool can end.
public struct ToolInvocation: Sendable {
    /// The chat.
    public let context: ChatContext
    /// The call.
    public let call: ToolCall
    let turn: ToolTurn

    /// Ends the turn after this round: the model is not asked again (the chat went to a person,
    /// or the conversation is over).
    public func endTurn() async { await turn.end() }

    /// Forgets the conversation once the turn is over: the next message starts afresh.
    public func forgetConversation() async { await turn.forget() }
}

/// What tools decided about the turn they run in.
actor ToolTurn {
    private(set) var ended = false
    private(set) var forgets = false
    /// Why the model handed the chat to a person; the agent hands it over once the turn's words are sent.
    private(set) var handOffReason: String?

    func end() { ended = true }
    func forget() { forgets = true }
    func handOff(reason: String) {
        handOffReason = reason
        ended = true
    }
}
