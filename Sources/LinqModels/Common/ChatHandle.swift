public import Foundation

/// A participant record in a chat: one address (phone or email) and its state.
public struct ChatHandle: Codable, Hashable, Sendable {
    /// The participant record's id.
    public var id: ChatHandleID
    /// The address: E.164 phone number or email.
    public var handle: String
    /// When the participant joined.
    public var joinedAt: Date
    /// The service used with this participant.
    public var service: Service
    /// `true` when this handle is one of our lines.
    public var isMe: Bool?
    /// When the participant left, if they did.
    public var leftAt: Date?
    /// `active`, `left` or `removed`.
    public var status: ParticipantStatus?
    /// The kind of line, on our own handles.
    public var lineType: LineType?

    /// Creates a participant record.
    public init(
        id: ChatHandleID, handle: String, joinedAt: Date, service: Service, isMe: Bool? = nil,
        leftAt: Date? = nil, status: ParticipantStatus? = nil, lineType: LineType? = nil
    ) {
        self.id = id
        self.handle = handle
        self.joinedAt = joinedAt
        self.service = service
        self.isMe = isMe
        self.leftAt = leftAt
        self.status = status
        self.lineType = lineType
    }

    enum CodingKeys: String, CodingKey {
        case id, handle, service, status
        case joinedAt = "joined_at"
        case isMe = "is_me"
        case leftAt = "left_at"
        case lineType = "line_type"
    }
}

/// A chat's health status as Linq reports it (beta).
public struct HealthStatus: Codable, Hashable, Sendable {
    /// The status.
    public var status: ChatHealth
    /// Linq's documentation for this status.
    public var docURL: String
    /// When the status last changed.
    public var updatedAt: Date

    /// Creates a health status.
    public init(status: ChatHealth, docURL: String, updatedAt: Date) {
        self.status = status
        self.docURL = docURL
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case status
        case docURL = "doc_url"
        case updatedAt = "updated_at"
    }
}
