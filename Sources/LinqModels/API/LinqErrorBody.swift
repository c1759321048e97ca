/// The JSON body Linq returns with a 4xx or 5xx status.
///
/// ```json
/// {"success": false,
///  "error": {"status": 429, "code": 1007, "message": "Rate limit exceeded",
///            "doc_url": "https://docs.linqapp.com/error/codes/1xxx/1007/", "retry_after": 42},
///  "trace_id": "2eff5df5c6f688733c007523c4d61cd9"}
/// ```
public struct LinqErrorBody: Codable, Hashable, Sendable {
    /// Always `false` on an error, when present.
    public var success: Bool?
    /// What went wrong.
    public var error: Detail
    /// The 32-hex trace id, also sent as the `X-Trace-ID` header.
    public var traceID: String?

    /// Creates an error body.
    public init(success: Bool? = false, error: Detail, traceID: String? = nil) {
        self.success = success
        self.error = error
        self.traceID = traceID
    }

    enum CodingKeys: String, CodingKey {
        case success, error
        case traceID = "trace_id"
    }

    /// The `error` object of an error body.
    public struct Detail: Codable, Hashable, Sendable {
        /// The HTTP status repeated in the body.
        public var status: Int?
        /// Linq's numeric error code, e.g. `2024` (recipient opted out).
        public var code: Int?
        /// A human-readable explanation.
        public var message: String?
        /// Linq's documentation page for this code.
        public var docURL: String?
        /// Seconds to wait before retrying (429 only).
        public var retryAfter: Double?

        /// Creates an error detail.
        public init(
            status: Int? = nil, code: Int? = nil, message: String? = nil, docURL: String? = nil,
            retryAfter: Double? = nil
        ) {
            self.status = status
            self.code = code
            self.message = message
            self.docURL = docURL
            self.retryAfter = retryAfter
        }

        enum CodingKeys: String, CodingKey {
            case status, code, message
            case docURL = "doc_url"
            case retryAfter = "retry_after"
        }
    }
}
