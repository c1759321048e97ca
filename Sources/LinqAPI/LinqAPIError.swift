public import Foundation

/// An error from a ``LinqClient`` call.
///
/// Every failure has a ``kind``; API failures also carry the HTTP status, Linq's code, the
/// message, `doc_url`, `trace_id` and any `Retry-After`.
///
/// ```swift
/// do {
///     try await client.chats.messages.send(to: chatID, .text("Hi"))
/// } catch let error as LinqAPIError where error.code == .recipientOptedOut {
///     // mark the handle opted out; never retry
/// }
/// ```
public struct LinqAPIError: Error, Sendable, CustomStringConvertible {
    /// The category of a failure.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case api, connection, timeout, decoding, invalidRequest, circuitOpen
        }
        private let base: Base

        /// Linq answered with a non-2xx status.
        public static let api = Kind(base: .api)
        /// No connection could be made, or it broke.
        public static let connection = Kind(base: .connection)
        /// No response within the timeout.
        public static let timeout = Kind(base: .timeout)
        /// A 2xx response whose body did not decode.
        public static let decoding = Kind(base: .decoding)
        /// The request could not be built (bad URL, unencodable body, invalid content).
        public static let invalidRequest = Kind(base: .invalidRequest)
        /// A circuit breaker refused the request before it was sent, because Linq has been
        /// failing; ``LinqAPIError/retryAfter`` says when it lets calls through again.
        public static let circuitOpen = Kind(base: .circuitOpen)

        /// The category name.
        public var description: String {
            switch base {
            case .api: "api"
            case .connection: "connection"
            case .timeout: "timeout"
            case .decoding: "decoding"
            case .invalidRequest: "invalidRequest"
            case .circuitOpen: "circuitOpen"
            }
        }
    }

    /// The category.
    public var kind: Kind
    /// The HTTP status, for API errors and decoding errors.
    public var status: Int?
    /// Linq's error code, when the body had one.
    public var code: LinqErrorCode?
    /// Linq's message, or a description of the failure.
    public var message: String
    /// Linq's documentation link for the code.
    public var docURL: String?
    /// The trace id (`X-Trace-ID` or the body's `trace_id`); quote it to Linq support.
    public var traceID: String?
    /// How long Linq asked us to wait (`retry-after-ms`, `Retry-After` or the body's `retry_after`).
    public var retryAfter: Duration?
    /// The raw response body, when there was one.
    public var responseBody: Data?
    /// Where the error was raised.
    public var file: String
    /// Where the error was raised.
    public var line: UInt

    /// Creates an error.
    public init(
        kind: Kind, status: Int? = nil, code: LinqErrorCode? = nil, message: String, docURL: String? = nil,
        traceID: String? = nil, retryAfter: Duration? = nil, responseBody: Data? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.docURL = docURL
        self.traceID = traceID
        self.retryAfter = retryAfter
        self.responseBody = responseBody
        self.file = file
        self.line = line
    }

    /// Whether Linq refused because the recipient opted out (403 / 2024).
    public var isRecipientOptedOut: Bool { code == .recipientOptedOut }

    /// Whether Linq rate-limited the request (429, usually code 1007).
    public var isRateLimited: Bool { status == 429 || code == .rateLimited }

    /// Whether the resource does not exist (404).
    public var isNotFound: Bool { status == 404 }

    /// A one-line summary without secrets.
    public var description: String {
        var text = "LinqAPIError.\(kind)"
        if let status { text += " HTTP \(status)" }
        if let code { text += " code \(code)" }
        text += ": \(message)"
        if let retryAfter { text += " (retry after \(retryAfter))" }
        if let traceID { text += " [trace \(traceID)]" }
        if let docURL { text += " see \(docURL)" }
        return text
    }
}
