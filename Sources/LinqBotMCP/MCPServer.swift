public import Foundation

/// Where a Model Context Protocol server is, for ``MCPToolSource``.
///
/// ```swift
/// let files = MCPServer.stdio(executable: "npx", arguments: ["-y", "@modelcontextprotocol/server-filesystem", "/srv/menus"])
/// let crm = MCPServer.http(URL(string: "https://crm.example.com/mcp")!, headers: ["Authorization": "Bearer …"])
/// ```
public enum MCPServer: Sendable, Hashable, CustomStringConvertible {
    /// A program LinqBot starts and speaks MCP with over its standard input and output.
    /// `executable` is a path, or a name looked up on `PATH`; `environment` (when given)
    /// replaces the bot's environment for it. Its standard error goes to the bot's.
    case stdio(executable: String, arguments: [String] = [], environment: [String: String]? = nil)
    /// A server reached over MCP's Streamable HTTP transport at `url`, with `headers` on every
    /// request (an `Authorization` header, say).
    case http(URL, headers: [String: String] = [:])

    /// The server in a log line: the program, or the URL.
    public var description: String {
        switch self {
        case .stdio(let executable, let arguments, _): ([executable] + arguments).joined(separator: " ")
        case .http(let url, _): url.absoluteString
        }
    }

    /// The path of `name`: itself when it holds a `/`, else the first executable file of that
    /// name in the `PATH` of `environment`.
    static func resolve(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Why an MCP server's tools could not be had.
public struct MCPToolSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, naming the server.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// What went wrong, naming the server.
    public var description: String { message }
}
