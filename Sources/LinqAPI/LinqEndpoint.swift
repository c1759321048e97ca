public import Foundation
import LinqModels

/// One API call before it is sent: method, path, query, body and how it may be retried.
///
/// The resource methods (`client.chats.create(…)`) build these; ``LinqClient/execute(_:)``
/// also takes one directly, which reaches endpoints this version does not wrap yet:
///
/// ```swift
/// let response = try await client.execute(.get(["v3", "experiences"]))
/// ```
public struct LinqEndpoint: Sendable {
    /// The HTTP method.
    public var method: LinqHTTPMethod
    /// Path segments after the base URL, e.g. `["v3", "chats", chatID.rawValue]`. Each is
    /// percent-encoded as an RFC 3986 segment (`+` stays as it is).
    public var path: [String]
    /// Query items in order; values are percent-encoded, `+` as `%2B`.
    public var query: [(name: String, value: String)]
    /// The JSON body, if any.
    public var body: Data?
    /// Extra header fields for this call (e.g. `Idempotency-Key`).
    public var headers: LinqHTTPHeaders
    /// The `Accept` header.
    public var accept: String
    /// Whether the call carries an idempotency key; only such calls retry a `409`.
    public var isIdempotent: Bool

    /// Creates an endpoint.
    public init(
        method: LinqHTTPMethod, path: [String], query: [(name: String, value: String)] = [], body: Data? = nil,
        headers: LinqHTTPHeaders = [:], accept: String = "application/json", isIdempotent: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headers = headers
        self.accept = accept
        self.isIdempotent = isIdempotent
    }

    /// A GET.
    public static func get(_ path: [String], query: [(name: String, value: String)] = [], accept: String = "application/json") -> LinqEndpoint {
        LinqEndpoint(method: .get, path: path, query: query, accept: accept)
    }

    /// A call with no body (POST, PUT, PATCH or DELETE).
    public static func call(_ method: LinqHTTPMethod, _ path: [String], query: [(name: String, value: String)] = []) -> LinqEndpoint {
        LinqEndpoint(method: method, path: path, query: query, accept: "*/*")
    }

    /// A call with a JSON body encoded by ``LinqJSON``.
    public static func json(
        _ method: LinqHTTPMethod, _ path: [String], body: some Encodable, query: [(name: String, value: String)] = [],
        headers: LinqHTTPHeaders = [:], isIdempotent: Bool = false
    ) throws(LinqAPIError) -> LinqEndpoint {
        let data: Data
        do {
            data = try (body as? any QuickEncodable)?.quickJSON() ?? LinqJSON.makeEncoder().encode(body)
        } catch {
            throw LinqAPIError(kind: .invalidRequest, message: "The request body could not be encoded: \(error)")
        }
        return LinqEndpoint(method: method, path: path, query: query, body: data, headers: headers, isIdempotent: isIdempotent)
    }

    /// The path with every identifier replaced by `{id}`, e.g. `/v3/chats/{id}/messages`: the
    /// name of a call in traces, the same for every chat. A segment of lowercase letters and
    /// underscores (a resource or an action) stays, as does the first (the API version).
    public var route: String {
        "/" + path.enumerated().map { index, segment in
            index == 0 || segment.utf8.allSatisfy({ (0x61...0x7A).contains($0) || $0 == 0x5F }) ? segment : "{id}"
        }.joined(separator: "/")
    }

    /// The path and query as they go on the wire, e.g. `/v3/chats?from=%2B15555550100`.
    public var encodedPathAndQuery: String {
        var text = "/" + path.map { Self.percentEncode($0, allowed: Self.segmentAllowed) }.joined(separator: "/")
        if !query.isEmpty {
            text += "?" + query.map {
                Self.percentEncode($0.name, allowed: Self.queryAllowed) + "=" + Self.percentEncode($0.value, allowed: Self.queryAllowed)
            }.joined(separator: "&")
        }
        return text
    }

    /// RFC 3986 pchar: unreserved, sub-delims, `:` and `@`.
    private static let segmentAllowed: Set<UInt8> = unreserved.union(Array("!$&'()*+,;=:@".utf8))
    /// Only unreserved characters stay as they are in query names and values.
    private static let queryAllowed: Set<UInt8> = unreserved
    private static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    private static func percentEncode(_ text: String, allowed: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
