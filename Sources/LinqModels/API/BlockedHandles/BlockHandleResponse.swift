/// The answer to `POST /v3/blocked_handles`.
public struct BlockHandleResponse: Codable, Hashable, Sendable {
    /// The block record.
    public var blockedHandle: BlockedHandle

    /// Creates a response.
    public init(blockedHandle: BlockedHandle) {
        self.blockedHandle = blockedHandle
    }

    enum CodingKeys: String, CodingKey {
        case blockedHandle = "blocked_handle"
    }
}
