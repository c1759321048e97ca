public import Foundation
import LinqModels

/// One HTTP request as the simulator sees it, whatever carried it (socket or in-process).
public struct SimulatorRequest: Sendable {
    /// The method, upper case.
    public var method: String
    /// The decoded path segments, e.g. `["api", "partner", "v3", "chats"]`.
    public var segments: [String]
    /// Query items, decoded.
    public var query: [String: String]
    /// Header fields; names compared without case.
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates a request from a URL path and query string (both still percent-encoded).
    public init(method: String, path: String, query: String?, headers: [(String, String)], body: Data) {
        self.method = method.uppercased()
        self.segments = path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        var items: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            // In query strings a bare `+` means a space; Linq asks clients to send `%2B`.
            let raw = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
            items[name] = raw.removingPercentEncoding ?? raw
        }
        self.query = items
        var fields: [String: String] = [:]
        for (name, value) in headers { fields[name.lowercased()] = value }
        self.headers = fields
        self.body = body
    }

    /// The value of a header.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Binds `pattern` (e.g. `v3/chats/:id/messages`, matched after `prefix`) to the path.
    func match(_ pattern: String, after prefix: Int) -> [String]? {
        let parts = pattern.split(separator: "/")
        guard segments.count - prefix == parts.count else { return nil }
        var bound: [String] = []
        for (part, segment) in zip(parts, segments.dropFirst(prefix)) {
            if part.hasPrefix(":") {
                bound.append(segment)
            } else if part != segment {
                return nil
            }
        }
        return bound
    }
}

/// One HTTP response from the simulator.
public struct SimulatorResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields.
    public var headers: [(String, String)]
    /// The body.
    public var body: Data
    /// Set during an outage: the HTTP layer resets the connection or leaves it hanging
    /// instead of sending this answer.
    public var transportFault: SimulatorTransportFault?

    /// Creates a response.
    public init(status: Int, headers: [(String, String)] = [], body: Data = Data(), transportFault: SimulatorTransportFault? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.transportFault = transportFault
    }

    static func json(_ status: Int, _ value: some Encodable) -> SimulatorResponse {
        let body = (try? LinqJSON.makeEncoder().encode(value)) ?? Data("{}".utf8)
        return SimulatorResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
    }

    static func empty(_ status: Int) -> SimulatorResponse { SimulatorResponse(status: status) }
}

/// A refusal in Linq's terms: HTTP status, Linq code and message.
struct SimulatorError: Error {
    var status: Int
    var code: Int
    var message: String
    var retryAfter: Int?

    init(_ status: Int, _ code: Int, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    static func notFound(_ what: String, code: Int) -> SimulatorError { SimulatorError(404, code, "\(what) not found") }
    static func invalid(_ message: String) -> SimulatorError { SimulatorError(400, 1005, message) }

    func response(traceID: String) -> SimulatorResponse {
        let range = "\(code / 1000)xxx"
        var detail: JSONValue = [
            "status": .number(Double(status)), "code": .number(Double(code)), "message": .string(message),
            "doc_url": .string("https://docs.linqapp.com/error/codes/\(range)/\(code)/"),
        ]
        var headers: [(String, String)] = []
        if let retryAfter, case .object(var fields) = detail {
            fields["retry_after"] = .number(Double(retryAfter))
            detail = .object(fields)
            headers.append(("Retry-After", String(retryAfter)))
        }
        var response = SimulatorResponse.json(status, JSONValue.object(["success": false, "error": detail, "trace_id": .string(traceID)]))
        response.headers += headers
        return response
    }
}
