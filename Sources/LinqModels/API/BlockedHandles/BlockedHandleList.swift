/// The answer to `GET /v3/blocked_handles`, newest first.
public struct BlockedHandleList: Codable, Hashable, Sendable {
    /// The blocked handles.
    public var blockedHandles: [BlockedHandle]

    /// Creates a list.
    public init(blockedHandles: [BlockedHandle]) {
        self.blockedHandles = blockedHandles
    }

    enum CodingKeys: String, CodingKey {
        case blockedHandles = "blocked_handles"
    }
}
