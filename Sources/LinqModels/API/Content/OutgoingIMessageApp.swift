/// An iMessage app card you send; iMessage only and the only part of its message.
public struct OutgoingIMessageApp: Codable, Hashable, Sendable {
    /// The app extension that backs the card.
    public var app: IMessageAppIdentity
    /// What the card shows.
    public var layout: IMessageAppLayout
    /// Opened on tap: https (≤ 2,048 chars) or a `data:` URL (≤ 16,384 chars).
    public var url: String?
    /// Shown where the card cannot render (notifications, lock screen).
    public var fallbackText: String?
    /// `false` always shows the static layout; Linq's default is `true`.
    public var interactive: Bool?

    /// Creates an app card part.
    public init(
        app: IMessageAppIdentity, layout: IMessageAppLayout, url: String? = nil, fallbackText: String? = nil,
        interactive: Bool? = nil
    ) {
        self.app = app
        self.layout = layout
        self.url = url
        self.fallbackText = fallbackText
        self.interactive = interactive
    }

    enum CodingKeys: String, CodingKey {
        case type, app, layout, url, interactive
        case fallbackText = "fallback_text"
    }

    /// Decodes an app card part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        app = try container.decode(IMessageAppIdentity.self, forKey: .app)
        layout = try container.decode(IMessageAppLayout.self, forKey: .layout)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        fallbackText = try container.decodeIfPresent(String.self, forKey: .fallbackText)
        interactive = try container.decodeIfPresent(Bool.self, forKey: .interactive)
    }

    /// Encodes the part with `type: "imessage_app"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("imessage_app", forKey: .type)
        try container.encode(app, forKey: .app)
        try container.encode(layout, forKey: .layout)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(fallbackText, forKey: .fallbackText)
        try container.encodeIfPresent(interactive, forKey: .interactive)
    }
}
