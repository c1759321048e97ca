/// The body of `POST /v3/messages/{messageId}/update`: replace one of our iMessage app cards.
///
/// The update arrives as a new message. ``interactive`` is not inherited from the original card.
public struct UpdateAppCardRequest: Codable, Hashable, Sendable {
    /// The new layout.
    public var layout: IMessageAppLayout
    /// The app identity; it cannot change from the original card.
    public var app: IMessageAppIdentity?
    /// The experience, for cards sent through one.
    public var experience: MessageExperience?
    /// Opened on tap.
    public var url: String?
    /// Shown where the card cannot render.
    public var fallbackText: String?
    /// `false` always shows the static layout; Linq's default is `true`.
    public var interactive: Bool?

    /// Creates the body.
    public init(
        layout: IMessageAppLayout, app: IMessageAppIdentity? = nil, experience: MessageExperience? = nil,
        url: String? = nil, fallbackText: String? = nil, interactive: Bool? = nil
    ) {
        self.layout = layout
        self.app = app
        self.experience = experience
        self.url = url
        self.fallbackText = fallbackText
        self.interactive = interactive
    }

    enum CodingKeys: String, CodingKey {
        case layout, app, experience, url, interactive
        case fallbackText = "fallback_text"
    }
}
