public import Foundation

/// Sends one HTTP request to Linq and returns the whole response.
///
/// ``LinqClient`` does everything else (URLs, auth, retries, decoding). The production
/// transport is `AsyncHTTPClientTransport` in `LinqAPIAsyncHTTPClient`; tests and the
/// local simulator plug in their own. A transport throws for connection problems and
/// timeouts (wrap them in ``LinqTransportError``) and returns every HTTP status as a response.
public protocol LinqTransport: Sendable {
    /// Performs `request` once, with no retries.
    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse
}

/// An HTTP method.
public struct LinqHTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method name.
    public let rawValue: String
    /// Wraps a method name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// GET
    public static let get = LinqHTTPMethod(rawValue: "GET")
    /// POST
    public static let post = LinqHTTPMethod(rawValue: "POST")
    /// PUT
    public static let put = LinqHTTPMethod(rawValue: "PUT")
    /// PATCH
    public static let patch = LinqHTTPMethod(rawValue: "PATCH")
    /// DELETE
    public static let delete = LinqHTTPMethod(rawValue: "DELETE")
    /// The method name.
    public var description: String { rawValue }
}

/// An ordered list of HTTP header fields with case-insensitive lookup.
public struct LinqHTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    private var fields: [(name: String, value: String)]

    /// Creates headers from name–value pairs, keeping their order.
    public init(_ fields: [(String, String)] = []) { self.fields = fields.map { (name: $0.0, value: $0.1) } }

    /// Creates headers from a literal.
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// The first value of `name`, compared without regard to case.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Every value of `name`, compared without regard to case.
    public func values(for name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// Appends a field.
    public mutating func add(_ name: String, _ value: String) { fields.append((name: name, value: value)) }

    /// Replaces every field called `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        fields.removeAll { Self.sameName($0.name, name) }
        fields.append((name: name, value: value))
    }

    /// Header names are ASCII; compare them byte by byte, folding A–Z to a–z.
    static func sameName(_ left: String, _ right: String) -> Bool {
        let a = left.utf8
        let b = right.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
        }
    }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }
}

/// One HTTP request as the client hands it to a ``LinqTransport``.
public struct LinqHTTPRequest: Sendable {
    /// The method.
    public var method: LinqHTTPMethod
    /// The full URL, already percent-encoded.
    public var url: URL
    /// The header fields, including `Authorization`.
    public var headers: LinqHTTPHeaders
    /// The body, if any.
    public var body: Data?
    /// How long the whole request may take.
    public var timeout: Duration

    /// Creates a request.
    public init(method: LinqHTTPMethod, url: URL, headers: LinqHTTPHeaders = [:], body: Data? = nil, timeout: Duration = .seconds(20)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// One HTTP response as a ``LinqTransport`` returns it.
public struct LinqHTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields.
    public var headers: LinqHTTPHeaders
    /// The whole body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: LinqHTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A failure below HTTP: the request got no response.
public struct LinqTransportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The connection could not be made or broke.
        case connection
        /// No response within the timeout.
        case timeout
    }

    /// What went wrong.
    public var reason: Reason
    /// A description of the underlying error.
    public var detail: String

    /// Creates a transport error.
    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// A readable summary.
    public var description: String { "\(reason == .timeout ? "timeout" : "connection error"): \(detail)" }
}
