/// The small acknowledgement body several write endpoints return.
///
/// Returned by leave chat, participant add/remove, reaction add/remove and sticker moves;
/// every field is optional.
public struct LinqStatusResponse: Codable, Hashable, Sendable {
    /// A human-readable note.
    public var message: String?
    /// A short status word, e.g. `accepted`.
    public var status: String?
    /// Set by the sticker placement endpoint.
    public var success: Bool?
    /// The request's trace id.
    public var traceID: String?

    /// Creates an acknowledgement.
    public init(message: String? = nil, status: String? = nil, success: Bool? = nil, traceID: String? = nil) {
        self.message = message
        self.status = status
        self.success = success
        self.traceID = traceID
    }

    enum CodingKeys: String, CodingKey {
        case message, status, success
        case traceID = "trace_id"
    }
}
