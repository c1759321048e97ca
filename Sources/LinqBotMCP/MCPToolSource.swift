import Foundation
public import LinqBotAI
import LinqModels
public import Logging
import MCP
import SystemPackage

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The tools of a Model Context Protocol server, for the model to call like Swift tools: the
/// connection (a program started over standard input and output, or an HTTP endpoint), the
/// tool list with each tool's JSON Schema, and each call sent to the server, its text content
/// coming back to the model (an error result as an error the model can read).
///
/// Built on the official MCP Swift SDK (`modelcontextprotocol/swift-sdk`).
///
/// ```swift
/// let calendar = try await MCPToolSource.connect(.stdio(executable: "python3", arguments: ["calendar_server.py"]))
/// let bot = makeAIAgent(configuration, tools: try await calendar.tools())
/// // …
/// await calendar.close()
/// ```
///
/// The source stays connected while the bot runs; ``close()`` ends the connection (and the
/// program it started).
public actor MCPToolSource {
    /// The server.
    public nonisolated let server: MCPServer
    private let client: Client
    private let program: Program?
    private var closed = false

    /// A program started for a stdio server, and the pipe to its standard input.
    struct Program {
        var process: Process
        var input: Pipe
    }

    private init(server: MCPServer, client: Client, program: Program?) {
        self.server = server
        self.client = client
        self.program = program
    }

    /// Connects to `server` and completes MCP's initialization. `name` and `version` tell the
    /// server who asks. Throws an ``MCPToolSourceError`` naming the server when it cannot be
    /// started or reached, or does not speak MCP.
    public static func connect(
        _ server: MCPServer, name: String = "linqbot", version: String = "1.0",
        logger: Logger = Logger(label: "linqbot.ai.mcp")
    ) async throws -> MCPToolSource {
        let client = Client(name: name, version: version)
        let program: Program?
        let transport: any Transport
        switch server {
        case .stdio(let executable, let arguments, let environment):
            let started = try start(executable, arguments: arguments, environment: environment)
            program = started.program
            transport = StdioTransport(input: started.input, output: started.output, logger: logger)
        case .http(let url, let headers):
            program = nil
            transport = HTTPClientTransport(
                endpoint: url, streaming: false,
                requestModifier: { request in
                    var request = request
                    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
                    return request
                },
                logger: logger
            )
        }
        do {
            try await client.connect(transport: transport)
        } catch {
            if let program { await stop(program) }
            throw MCPToolSourceError("the MCP server \(server.description) did not complete MCP's initialization: \(error)")
        }
        return MCPToolSource(server: server, client: client, program: program)
    }

    /// The server's tools (every page of its list), as tools the agent offers the model. With
    /// a `prefix`, each name becomes `<prefix>_<name>` (to keep two servers' tools apart); the
    /// server is always called by its own name. `only`, when given, keeps the tools so named.
    public func tools(prefix: String? = nil, only names: Set<String>? = nil) async throws -> [AITool] {
        var listed: [Tool] = []
        var cursor: String?
        repeat {
            let page: (tools: [Tool], nextCursor: String?)
            do {
                page = try await client.listTools(cursor: cursor)
            } catch {
                throw MCPToolSourceError("the MCP server \(server.description) did not list its tools: \(error)")
            }
            listed += page.tools
            cursor = page.nextCursor
        } while cursor != nil
        return try listed.filter { names?.contains($0.name) ?? true }.map { try tool($0, prefix: prefix) }
    }

    /// Ends the connection and stops the program it started: its standard input is closed,
    /// and a program still running a moment later is terminated, then killed (as MCP asks).
    public func close() async {
        guard !closed else { return }
        closed = true
        await client.disconnect()
        if let program { await Self.stop(program) }
    }

    /// Closes the program's standard input and waits for it to end, sending SIGTERM, then
    /// SIGKILL, when it does not.
    private static func stop(_ program: Program) async {
        try? program.input.fileHandleForWriting.close()
        for signal in [nil, SIGTERM, SIGKILL] {
            if let signal { kill(program.process.processIdentifier, signal) }
            // Up to two seconds (real time: the program is a real process) to end.
            for _ in 0..<200 where program.process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
            if !program.process.isRunning { return }
        }
    }

    /// `tool` as an ``AITool`` that calls the server.
    private func tool(_ tool: Tool, prefix: String?) throws -> AITool {
        let schema = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(tool.inputSchema))
        let name = prefix.map { "\($0)_\(tool.name)" } ?? tool.name
        let definition = ToolDefinition(name: name, description: tool.description ?? tool.title ?? tool.name, parameters: schema)
        let (client, server, remote) = (client, server, tool.name)
        return AITool(definition) { arguments, _ in
            let values: [String: Value]
            do {
                values = try JSONDecoder().decode([String: Value].self, from: Data((arguments.isEmpty ? "{}" : arguments).utf8))
            } catch {
                throw ToolError("the arguments are not a JSON object: \(error)")
            }
            let result: (content: [Tool.Content], isError: Bool?)
            do {
                result = try await client.callTool(name: remote, arguments: values)
            } catch {
                throw ToolError("the tool's server (\(server.description)) failed: \(error)")
            }
            let text = result.content.map(Self.text).joined(separator: "\n")
            if result.isError == true { throw ToolError(text.isEmpty ? "the tool failed" : text) }
            return text
        }
    }

    /// A piece of a tool's result as text for the model: text as it is, anything else named.
    private static func text(_ content: Tool.Content) -> String {
        switch content {
        case .text(let text, _, _): text
        case .image(_, let mimeType, _, _): "[an image, \(mimeType)]"
        case .audio(_, let mimeType, _, _): "[audio, \(mimeType)]"
        case .resource(let resource, _, _): resource.text ?? "[a resource: \(resource.uri)]"
        case .resourceLink(let uri, let name, _, _, _, _): "[\(name): \(uri)]"
        }
    }

    /// Starts `executable` with pipes on its standard input and output.
    private static func start(
        _ executable: String, arguments: [String], environment: [String: String]?
    ) throws -> (program: Program, input: FileDescriptor, output: FileDescriptor) {
        let variables = environment ?? ProcessInfo.processInfo.environment
        guard let path = MCPServer.resolve(executable, environment: variables) else {
            throw MCPToolSourceError("the MCP server's program \"\(executable)\" is not an executable file, nor found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = variables
        let toServer = Pipe()
        let fromServer = Pipe()
        process.standardInput = toServer
        process.standardOutput = fromServer
        do {
            try process.run()
        } catch {
            throw MCPToolSourceError("the MCP server \(([executable] + arguments).joined(separator: " ")) could not be started: \(error)")
        }
        return (
            Program(process: process, input: toServer), FileDescriptor(rawValue: fromServer.fileHandleForReading.fileDescriptor),
            FileDescriptor(rawValue: toServer.fileHandleForWriting.fileDescriptor)
        )
    }
}
