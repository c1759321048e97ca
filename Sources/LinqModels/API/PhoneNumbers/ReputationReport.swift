/// The findings of a reputation audit. Every field is optional.
public struct ReputationReport: Codable, Hashable, Sendable {
    /// The overall verdict.
    public var severity: ReputationStatus?
    /// The driver that matters most (a ``ReputationDriverKey`` value).
    public var primaryDriver: String?
    /// What is driving the reputation.
    public var drivers: [Driver]?
    /// What to do about it, by priority.
    public var actionItems: [ActionItem]?
    /// Chats that support the findings.
    public var evidence: Evidence?
    /// The whole report as Markdown.
    public var summaryMarkdown: String?

    /// Creates a report.
    public init(
        severity: ReputationStatus? = nil, primaryDriver: String? = nil, drivers: [Driver]? = nil,
        actionItems: [ActionItem]? = nil, evidence: Evidence? = nil, summaryMarkdown: String? = nil
    ) {
        self.severity = severity
        self.primaryDriver = primaryDriver
        self.drivers = drivers
        self.actionItems = actionItems
        self.evidence = evidence
        self.summaryMarkdown = summaryMarkdown
    }

    enum CodingKeys: String, CodingKey {
        case severity, drivers, evidence
        case primaryDriver = "primary_driver"
        case actionItems = "action_items"
        case summaryMarkdown = "summary_markdown"
    }

    /// One factor behind the reputation.
    public struct Driver: Codable, Hashable, Sendable {
        /// Which factor.
        public var key: ReputationDriverKey?
        /// The measured value, as text.
        public var metric: String?
        /// A short explanation.
        public var summary: String?

        /// Creates a driver.
        public init(key: ReputationDriverKey? = nil, metric: String? = nil, summary: String? = nil) {
            self.key = key
            self.metric = metric
            self.summary = summary
        }

        enum CodingKeys: String, CodingKey { case key, metric, summary }
    }

    /// A recommended action.
    public struct ActionItem: Codable, Hashable, Sendable {
        /// Its priority (lower first).
        public var priority: Int?
        /// A short title.
        public var title: String?
        /// What to do.
        public var detail: String?
        /// How much acting on it should help.
        public var expectedImpact: Impact?

        /// Creates an action item.
        public init(priority: Int? = nil, title: String? = nil, detail: String? = nil, expectedImpact: Impact? = nil) {
            self.priority = priority
            self.title = title
            self.detail = detail
            self.expectedImpact = expectedImpact
        }

        enum CodingKeys: String, CodingKey {
            case priority, title, detail
            case expectedImpact = "expected_impact"
        }

        /// The expected effect of an action item.
        public struct Impact: LinqStringValue {
            /// The raw value as Linq spells it.
            public let rawValue: String
            /// Wraps a raw value.
            public init(rawValue: String) { self.rawValue = rawValue }
            /// A large improvement.
            public static let high = Impact(rawValue: "high")
            /// A moderate improvement.
            public static let medium = Impact(rawValue: "medium")
            /// A small improvement.
            public static let low = Impact(rawValue: "low")
        }
    }

    /// Chats cited by the report.
    public struct Evidence: Codable, Hashable, Sendable {
        /// Up to 15 chats that are not healthy.
        public var unhealthyChats: [UnhealthyChat]?
        /// Chats where we kept sending after an opt-out.
        public var optOutChats: [OptOutChat]?

        /// Creates evidence.
        public init(unhealthyChats: [UnhealthyChat]? = nil, optOutChats: [OptOutChat]? = nil) {
            self.unhealthyChats = unhealthyChats
            self.optOutChats = optOutChats
        }

        enum CodingKeys: String, CodingKey {
            case unhealthyChats = "unhealthy_chats"
            case optOutChats = "opt_out_chats"
        }
    }

    /// A chat that is at risk, critical or opted out.
    public struct UnhealthyChat: Codable, Hashable, Sendable {
        /// The chat.
        public var chatID: ChatID?
        /// Its health.
        public var status: ChatHealth?
        /// The drivers it illustrates.
        public var driverKeys: [ReputationDriverKey]?

        /// Creates a record.
        public init(chatID: ChatID? = nil, status: ChatHealth? = nil, driverKeys: [ReputationDriverKey]? = nil) {
            self.chatID = chatID
            self.status = status
            self.driverKeys = driverKeys
        }

        enum CodingKeys: String, CodingKey {
            case status
            case chatID = "chat_id"
            case driverKeys = "driver_keys"
        }
    }

    /// A chat where messages went out after the recipient opted out.
    public struct OptOutChat: Codable, Hashable, Sendable {
        /// The chat.
        public var chatID: ChatID?
        /// How many messages followed the STOP.
        public var messagesAfterStop: Int?

        /// Creates a record.
        public init(chatID: ChatID? = nil, messagesAfterStop: Int? = nil) {
            self.chatID = chatID
            self.messagesAfterStop = messagesAfterStop
        }

        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case messagesAfterStop = "messages_after_stop"
        }
    }
}

/// A factor a reputation audit reports on.
public struct ReputationDriverKey: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Few replies.
    public static let lowEngagement = Self(rawValue: "low_engagement")
    /// Overall conversation health.
    public static let overallConversationHealth = Self(rawValue: "overall_conversation_health")
    /// A sudden rise in volume.
    public static let volumeSpike = Self(rawValue: "volume_spike")
    /// Many new conversations.
    public static let newConversationRate = Self(rawValue: "new_conversation_rate")
    /// How opt-outs were handled.
    public static let optOutHandling = Self(rawValue: "opt_out_handling")
    /// The line was flagged.
    public static let flagged = Self(rawValue: "flagged")
    /// Something else.
    public static let other = Self(rawValue: "other")
}
