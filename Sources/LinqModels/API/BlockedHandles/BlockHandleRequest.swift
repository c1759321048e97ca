/// The body of `POST /v3/blocked_handles` (idempotent).
public struct BlockHandleRequest: Codable, Hashable, Sendable {
    /// E.164, email, a 3–8 digit short code or an alphanumeric sender id.
    public var handle: String
    /// A note for our records.
    public var reason: String?

    /// Creates the body.
    public init(handle: String, reason: String? = nil) {
        self.handle = handle
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case handle, reason }
}
