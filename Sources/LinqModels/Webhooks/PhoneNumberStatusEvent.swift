public import Foundation

/// A `phone_number.status_updated` event: one of our lines changed status or reputation.
public struct PhoneNumberStatusEvent: Hashable, Sendable {
    /// The line, in E.164.
    public var phoneNumber: String
    /// The status before the change.
    public var previousStatus: LineStatus
    /// The status after the change.
    public var newStatus: LineStatus
    /// The reputation before the change.
    public var previousReputation: LineReputation
    /// The reputation after the change.
    public var newReputation: LineReputation
    /// When the change happened.
    public var changedAt: Date

    /// Creates a line status event.
    public init(
        phoneNumber: String, previousStatus: LineStatus, newStatus: LineStatus,
        previousReputation: LineReputation, newReputation: LineReputation, changedAt: Date
    ) {
        self.phoneNumber = phoneNumber
        self.previousStatus = previousStatus
        self.newStatus = newStatus
        self.previousReputation = previousReputation
        self.newReputation = newReputation
        self.changedAt = changedAt
    }

    /// `true` when the line went from not flagged to flagged.
    public var becameFlagged: Bool { newStatus == .flagged && previousStatus != .flagged }

    enum CodingKeys: String, CodingKey {
        case phoneNumber = "phone_number"
        case previousStatus = "previous_status"
        case newStatus = "new_status"
        case previousReputation = "previous_reputation"
        case newReputation = "new_reputation"
        case changedAt = "changed_at"
    }

    init(data decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            phoneNumber: try container.decode(String.self, forKey: .phoneNumber),
            previousStatus: try container.decodeValue(forKey: .previousStatus),
            newStatus: try container.decodeValue(forKey: .newStatus),
            previousReputation: try container.decodeValue(forKey: .previousReputation),
            newReputation: try container.decodeValue(forKey: .newReputation),
            changedAt: try container.decodeTimestamp(forKey: .changedAt)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(phoneNumber, forKey: .phoneNumber)
        try container.encode(previousStatus, forKey: .previousStatus)
        try container.encode(newStatus, forKey: .newStatus)
        try container.encode(previousReputation, forKey: .previousReputation)
        try container.encode(newReputation, forKey: .newReputation)
        try container.encode(changedAt, forKey: .changedAt)
    }
}
