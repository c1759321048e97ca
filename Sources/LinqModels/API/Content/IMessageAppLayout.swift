/// The visible layout of an iMessage app card.
///
/// Set at least one caption or ``imageURL``; ``imageTitle`` and ``imageSubtitle`` need ``imageURL``.
public struct IMessageAppLayout: Codable, Hashable, Sendable {
    /// Primary label, top left, bold.
    public var caption: String?
    /// Secondary label under ``caption``.
    public var subcaption: String?
    /// Label at the top right.
    public var trailingCaption: String?
    /// Label under ``trailingCaption``.
    public var trailingSubcaption: String?
    /// A preview image (JPEG, PNG, HEIF or WebP); needs a trusted chat with inbound activity.
    public var imageURL: String?
    /// Bold text over the image.
    public var imageTitle: String?
    /// Text under ``imageTitle``, over the image.
    public var imageSubtitle: String?

    /// Creates a layout.
    public init(
        caption: String? = nil, subcaption: String? = nil, trailingCaption: String? = nil,
        trailingSubcaption: String? = nil, imageURL: String? = nil, imageTitle: String? = nil,
        imageSubtitle: String? = nil
    ) {
        self.caption = caption
        self.subcaption = subcaption
        self.trailingCaption = trailingCaption
        self.trailingSubcaption = trailingSubcaption
        self.imageURL = imageURL
        self.imageTitle = imageTitle
        self.imageSubtitle = imageSubtitle
    }

    enum CodingKeys: String, CodingKey {
        case caption, subcaption
        case trailingCaption = "trailing_caption"
        case trailingSubcaption = "trailing_subcaption"
        case imageURL = "image_url"
        case imageTitle = "image_title"
        case imageSubtitle = "image_subtitle"
    }
}
