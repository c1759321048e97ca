public import Foundation

/// A handle we blocked: its messages are dropped and direct sends to it fail with 403 / 2026.
public struct BlockedHandle: Codable, Hashable, Sendable {
    /// The normalized handle.
    public var handle: String
    /// When it was blocked.
    public var blockedAt: Date
    /// The note given when blocking.
    public var reason: String?

    /// Creates a record.
    public init(handle: String, blockedAt: Date, reason: String? = nil) {
        self.handle = handle
        self.blockedAt = blockedAt
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case handle, reason
        case blockedAt = "blocked_at"
    }
}
