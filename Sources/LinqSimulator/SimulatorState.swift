import Foundation
import LinqModels

/// Everything the simulated Linq knows. Mutated only under the simulator's lock.
struct SimulatorState {
    struct Line {
        var phoneNumber: String
        var id: PhoneNumberID
        var flagged = false
        var cardName: String?
        var cardLastName: String?
        var cardImageURL: String?
        var cardWrites: [Date] = []
        var forwardingNumber: String?
        /// When the line was last used (``SimulatorState/lineUses`` then), by a send or a
        /// suggestion of `GET /v3/available_number`: its least recently used line is the answer.
        var lastUse = 0
    }

    struct Person {
        var handle: String
        var iMessage = true
        var rcs = false
        var sms = true
        var optedOut = false
    }

    struct Chat {
        var id: ChatID
        var line: String
        var people: [String]
        var participants: [ChatHandle]
        var displayName: String?
        var isGroup: Bool
        var service: Service
        var createdAt: Date
        var updatedAt: Date
        var left = false
        var lastCardShare: Date?
        var optedOutDM = false
        /// The `health_status` a test set through the control API, and when; `nil`: the
        /// simulator's own (HEALTHY, or OPTED_OUT after an opt-out keyword in a DM).
        var health: ChatHealth?
        var healthChangedAt: Date?
        var typing: Set<String> = []
        var lineTypingUntil: Date?
        /// Every typing call of our line, in order: started (`true`) or stopped, and when.
        var lineTypingLog: [(started: Bool, at: Date)] = []
        var groupIcon: String?
    }

    struct Reaction {
        var id: ReactionID
        var handle: String
        var type: ReactionType
        var customEmoji: String?
        var partIndex: Int
    }

    struct Message {
        var id: MessageID
        var chatID: ChatID
        var outbound: Bool
        var sender: String
        var parts: [MessagePart]
        var effect: MessageEffect?
        var replyTo: ReplyTo?
        var service: Service
        var preferredService: Service?
        var idempotencyKey: String?
        var createdAt: Date
        var updatedAt: Date
        var sentAt: Date?
        var deliveredAt: Date?
        var readAt: Date?
        var status: DeliveryStatus
        var reactions: [Reaction] = []
        var edits: Int = 0
        var kind = "message"
    }

    struct Subscription {
        var id: WebhookSubscriptionID
        var targetURL: String
        var events: [WebhookEventType]
        var phoneNumbers: [String]?
        var isActive = true
        var secret: String
        var createdAt: Date
        var updatedAt: Date
        var routingKeyHeader: String?
        var routingIDHeader: String?
    }

    struct Attachment {
        var id: AttachmentID
        var filename: String
        var contentType: String
        var sizeBytes: Int
        var createdAt: Date
        var uploaded = false
        /// The uploaded bytes.
        var bytes = Data()
    }

    struct StoredResponse {
        var status: Int
        var body: Data
        var messageID: MessageID?
    }

    var lines: [String: Line] = [:]
    var lineOrder: [String] = []
    var people: [String: Person] = [:]
    var chats: [ChatID: Chat] = [:]
    var chatOrder: [ChatID] = []
    var messages: [MessageID: Message] = [:]
    var messagesByChat: [ChatID: [MessageID]] = [:]
    var idempotency: [String: StoredResponse] = [:]
    var deletedKeys: Set<String> = []
    var pairSends: [String: [Date]] = [:]
    var subscriptions: [WebhookSubscriptionID: Subscription] = [:]
    var subscriptionOrder: [WebhookSubscriptionID] = []
    var attachments: [AttachmentID: Attachment] = [:]
    var blocked: [(handle: String, blockedAt: Date, reason: String?)] = []
    var audits: [String: (id: ReputationAuditID, startedAt: Date)] = [:]
    /// Uses of lines so far (sends and suggestions), the clock of ``Line/lastUse``.
    var lineUses = 0
    var version = 0
    /// Messages our lines sent through the API, as `GET /sim/stats` reports them.
    var sentThroughAPI = 0
    var pending: [PendingEvent] = []
    /// Whether Linq's own opt-out rule (403 / 2024 after a keyword) applies. Tests of a bot's
    /// own opt-out layer turn it off, so that layer is what they prove.
    var enforceOptOut = true
    /// Until when every message send is answered 429 / 1007, and the `Retry-After` it carries.
    var rateStorm: (until: Date, retryAfter: Int)?
    /// The outage API calls meet now (``SimulatorOutage``).
    var outage = SimulatorOutage()
    /// Every call that reached people, refused ones included, in arrival order.
    var requestLog: [SimulatorLoggedRequest] = []
    /// Outbound messages waiting to turn `delivered` after the configured delay.
    var awaitingDelivery: [MessageID] = []
    var deliveries: [DeliveryRecord] = []
    /// Per chat, what happened besides messages (edits, tapbacks, membership, renames), in order.
    var timelines: [ChatID: [ChatTimelineEntry]] = [:]

    /// An event waiting to go out to subscriptions, with the line it concerns.
    struct PendingEvent {
        var event: WebhookEvent
        var line: String?
    }

    /// One webhook delivery attempt, for the control API.
    struct DeliveryRecord: Codable {
        var eventID: String
        var eventType: String
        var targetURL: String
        var attempt: Int
        var status: Int?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case attempt, status, error
            case eventID = "event_id"
            case eventType = "event_type"
            case targetURL = "target_url"
        }
    }

    init(configuration: SimulatorConfiguration) {
        for (index, number) in configuration.lines.enumerated() {
            var line = Line(phoneNumber: number, id: PhoneNumberID(Self.uuid(seed: "line-\(index)-\(number)")))
            line.cardName = configuration.contactCards[number]
            lines[number] = line
            lineOrder.append(number)
        }
        outage = configuration.faults.outage
    }

    func person(_ handle: String) -> Person { people[handle] ?? Person(handle: handle) }

    func isBlocked(_ handle: String) -> Bool { blocked.contains { $0.handle == handle } }

    /// Notes a use of `line`, for `GET /v3/available_number`'s rotation.
    mutating func use(line: String) {
        lineUses += 1
        lines[line]?.lastUse = lineUses
    }

    /// A random UUID string; `seed` makes a stable one for configuration-derived records.
    static func uuid(seed: String? = nil) -> String {
        guard let seed else { return UUID().uuidString.lowercased() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var bytes: [UInt8] = []
        for round in 0..<2 {
            for byte in (seed + "\(round)").utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            withUnsafeBytes(of: hash.bigEndian) { bytes.append(contentsOf: $0) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
