import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinqBot
import LinqBotAI
import LinqBotMCP
import LinqBotTesting
import LinqModels
import Testing

/// Tools from real MCP servers: a small Python program speaking MCP over its standard input
/// and output, and the same program as an HTTP endpoint, through ``MCPToolSource``.
@Suite struct MCPToolSourceTests {
    /// The MCP server: three tools (`add`, `table_for`, `broken`, which always fails), listed on
    /// two pages; over stdio, or over HTTP with `--http` (it prints its port first).
    static let serverScript = #"""
import json, sys

TOOLS = [
    {"name": "add", "description": "Adds two whole numbers.",
     "inputSchema": {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}}, "required": ["a", "b"]}},
    {"name": "table_for", "description": "Whether a table is free for a party at an hour.",
     "inputSchema": {"type": "object", "properties": {"party": {"type": "integer"}, "hour": {"type": "string"}}, "required": ["party"]}},
    {"name": "broken", "description": "Always fails.", "inputSchema": {"type": "object", "properties": {}}},
]

def call(name, args):
    if name == "add":
        return {"content": [{"type": "text", "text": str(args["a"] + args["b"])}]}
    if name == "table_for":
        return {"content": [{"type": "text", "text": "A table for %d" % args["party"]},
                            {"type": "text", "text": "at %s is free." % args.get("hour", "7 pm")}]}
    if name == "broken":
        return {"content": [{"type": "text", "text": "the kitchen is closed"}], "isError": True}
    raise KeyError(name)

def answer(message):
    if "id" not in message:
        return None
    method, params = message.get("method"), message.get("params") or {}
    if method == "initialize":
        result = {"protocolVersion": params.get("protocolVersion"), "capabilities": {"tools": {}},
                  "serverInfo": {"name": "fixture", "version": "1.0"}}
    elif method == "tools/list":
        # Two pages, to follow the cursor.
        result = {"tools": TOOLS[:2], "nextCursor": "page-2"} if not params.get("cursor") else {"tools": TOOLS[2:]}
    elif method == "tools/call":
        try:
            result = call(params["name"], params.get("arguments") or {})
        except KeyError as error:
            return {"jsonrpc": "2.0", "id": message["id"], "error": {"code": -32602, "message": "unknown tool %s" % error}}
    elif method == "ping":
        result = {}
    else:
        return {"jsonrpc": "2.0", "id": message["id"], "error": {"code": -32601, "message": "no method " + str(method)}}
    return {"jsonrpc": "2.0", "id": message["id"], "result": result}

if len(sys.argv) > 1 and sys.argv[1] == "--http":
    from http.server import BaseHTTPRequestHandler, HTTPServer
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            reply = answer(body)
            if reply is None:
                self.send_response(202)
                self.end_headers()
                return
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def log_message(self, *args):
            pass
    server = HTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
else:
    for line in sys.stdin:
        if line.strip():
            reply = answer(json.loads(line))
            if reply is not None:
                print(json.dumps(reply), flush=True)
"""#

    /// The script written to a file of its own.
    static func scriptFile() throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-server-\(UUID().uuidString).py")
        try serverScript.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The person asks; the model calls `calls`, then answers "Done." with what came back.
    static func converse(with tools: [AITool], calls: [ToolCall]) async throws -> (replies: [String], model: ScriptedModel) {
        let model = ScriptedModel([.init(pieces: [], calls: calls), .init(pieces: ["Done."])])
        let configuration = AIAgentTests.configuration()
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model, tools: tools))
        var replies: [String] = []
        try await tester.run { () async throws in
            try await tester.send("Can you check?")
            try await tester.advance(by: configuration.burstWindow)
            replies = try await tester.replies()
        }
        return (replies, model)
    }

    @Test("stdio: the server's tools (every page) reach the model with their schemas, and calls go to the server")
    func stdioTools() async throws {
        let script = try Self.scriptFile()
        defer { try? FileManager.default.removeItem(at: script) }
        let source = try await MCPToolSource.connect(.stdio(executable: "python3", arguments: [script.path]))
        let tools = try await source.tools()
        #expect(tools.map(\.definition.name) == ["add", "table_for", "broken"])
        #expect(tools[0].definition.description == "Adds two whole numbers.")
        #expect(tools[0].definition.parameters["required"] == ["a", "b"])
        let (replies, model) = try await Self.converse(with: tools, calls: [
            ToolCall(id: "c1", name: "add", arguments: #"{"a":2,"b":3}"#),
            ToolCall(id: "c2", name: "table_for", arguments: #"{"party":4}"#),
            ToolCall(id: "c3", name: "broken", arguments: "{}"),
            ToolCall(id: "c4", name: "add", arguments: "[1, 2]"),
        ])
        await source.close()
        #expect(replies == ["Done."])
        #expect(model.requests[0].tools.map(\.name) == ["add", "table_for", "broken"])
        let results = model.requests[1].turns.filter { $0.role == .tool }
        #expect(results.map(\.content).prefix(3) == ["5", "A table for 4\nat 7 pm is free.", "error: the kitchen is closed"])
        #expect(results.last?.content.hasPrefix("error: the arguments are not a JSON object") == true)
        #expect(results.map(\.isError) == [nil, nil, true, true])
    }

    @Test("stdio: a prefix keeps two servers' tools apart, and `only` picks tools; the server is called by its own name")
    func prefixedTools() async throws {
        let script = try Self.scriptFile()
        defer { try? FileManager.default.removeItem(at: script) }
        let source = try await MCPToolSource.connect(.stdio(executable: "python3", arguments: [script.path]))
        let tools = try await source.tools(prefix: "kitchen", only: ["add"])
        #expect(tools.map(\.definition.name) == ["kitchen_add"])
        let (_, model) = try await Self.converse(with: tools, calls: [ToolCall(id: "c", name: "kitchen_add", arguments: #"{"a":40,"b":2}"#)])
        await source.close()
        #expect(model.requests[1].turns.filter { $0.role == .tool }.map(\.content) == ["42"])
    }

    @Test("HTTP: the same tools over MCP's Streamable HTTP transport")
    func httpTools() async throws {
        let script = try Self.scriptFile()
        defer { try? FileManager.default.removeItem(at: script) }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", script.path, "--http"]
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        // SIGKILL: a process started from the test runner may have SIGTERM blocked.
        defer { kill(server.processIdentifier, SIGKILL) }
        // The server prints its port once it listens.
        let printed = await Self.firstLine(of: output.fileHandleForReading.fileDescriptor, seconds: 300)
        let port = try #require(Int(printed.trimmingCharacters(in: .whitespacesAndNewlines)), "the MCP server printed \"\(printed)\"")
        let source = try await MCPToolSource.connect(.http(URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: ["X-Kitchen": "open"]))
        let tools = try await source.tools()
        #expect(tools.map(\.definition.name) == ["add", "table_for", "broken"])
        let (replies, model) = try await Self.converse(with: tools, calls: [ToolCall(id: "c", name: "add", arguments: #"{"a":1,"b":1}"#)])
        await source.close()
        #expect(replies == ["Done."])
        #expect(model.requests[1].turns.filter { $0.role == .tool }.map(\.content) == ["2"])
    }

    /// The first line a subprocess writes to the pipe `descriptor`, read without blocking (bounded
    /// by `seconds` of real time): a blocking read would hold one of the concurrency pool's few
    /// threads while python starts.
    static func firstLine(of descriptor: Int32, seconds: Int) async -> String {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var printed: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while !printed.contains(UInt8(ascii: "\n")), ContinuousClock.now < deadline {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                printed += buffer[..<count]
            } else if count == 0 {
                break  // the server ended
            } else {
                try? await Task.sleep(for: .milliseconds(20))  // polling a subprocess
            }
        }
        return String(decoding: printed, as: UTF8.self)
    }

    @Test("a program that is not there fails at connect, naming it")
    func missingProgram() async throws {
        let error = await #expect(throws: MCPToolSourceError.self) {
            try await MCPToolSource.connect(.stdio(executable: "linqbot-no-such-mcp-server"))
        }
        #expect(error?.message.contains("linqbot-no-such-mcp-server") == true)
    }
}
