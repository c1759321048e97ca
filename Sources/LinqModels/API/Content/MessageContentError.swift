/// Why ``MessageContent/validate(forNewChat:)`` rejected a message.
///
/// Part indexes are 0-based positions in ``MessageContent/parts``.
public enum MessageContentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Neither `parts` nor `experience` is set, or `parts` is empty.
    case empty
    /// Both `parts` and `experience` are set.
    case partsAndExperience
    /// More than 100 parts.
    case tooManyParts(count: Int)
    /// More than 40 media parts that use a public `url`.
    case tooManyURLMedia(count: Int)
    /// Two text parts in a row (the second one's index).
    case consecutiveTextParts(index: Int)
    /// A `link`, `imessage_app` or `app_clip` part alongside other parts.
    case partMustBeAlone(index: Int, type: String)
    /// A text part that is empty or longer than 10,000 characters.
    case textLength(index: Int, length: Int)
    /// A link longer than 2,048 characters.
    case linkTooLong(index: Int, length: Int)
    /// A link without a scheme such as `https://`.
    case linkWithoutScheme(index: Int)
    /// A media `url` that does not start with `https://`.
    case mediaURLNotHTTPS(index: Int)
    /// An idempotency key that is empty or longer than 255 characters.
    case idempotencyKeyLength(length: Int)
    /// A range outside the text of a text part.
    case rangeOutOfBounds(index: Int)
    /// `mention_range` without `mention`, or `mention` together with inline stickers.
    case invalidMention(index: Int)
    /// A `link` part in the first message of a new chat.
    case linkInNewChat(index: Int)
    /// A URL inside a text part in the first message of a new chat.
    case urlInNewChatText(index: Int)
    /// `reply_to` in the first message of a new chat.
    case replyToInNewChat
    /// An effect in the first message of a new chat.
    case effectInNewChat

    /// A sentence describing the problem.
    public var description: String {
        switch self {
        case .empty:
            "A message needs at least one part or an experience."
        case .partsAndExperience:
            "A message carries either parts or an experience, not both."
        case .tooManyParts(let count):
            "A message can have at most 100 parts; this one has \(count)."
        case .tooManyURLMedia(let count):
            "At most 40 media parts may use a public url (upload the rest as attachments); this message has \(count)."
        case .consecutiveTextParts(let index):
            "Parts \(index - 1) and \(index) are both text; separate text parts with a media part or merge them."
        case .partMustBeAlone(let index, let type):
            "Part \(index) is a \(type) part, which must be the only part of its message."
        case .textLength(let index, let length):
            "Text part \(index) has \(length) characters; text must be 1 to 10,000 characters."
        case .linkTooLong(let index, let length):
            "Link part \(index) is \(length) characters long; links can be at most 2,048."
        case .linkWithoutScheme(let index):
            "Link part \(index) needs a scheme such as https://."
        case .mediaURLNotHTTPS(let index):
            "Media part \(index) must use an https:// URL."
        case .idempotencyKeyLength(let length):
            "The idempotency key has \(length) characters; it must be 1 to 255."
        case .rangeOutOfBounds(let index):
            "Text part \(index) has a decoration, sticker or mention range outside its text."
        case .invalidMention(let index):
            "Text part \(index): mention_range needs a mention, and a mention cannot be combined with inline stickers."
        case .linkInNewChat(let index):
            "Part \(index) is a link; the first message of a new chat cannot contain a link (Linq answers 400 / 1005)."
        case .urlInNewChatText(let index):
            "Text part \(index) contains a URL; the first message of a new chat cannot contain one (Linq answers 400 / 1005)."
        case .replyToInNewChat:
            "The first message of a new chat cannot be a reply."
        case .effectInNewChat:
            "The first message of a new chat cannot carry an effect."
        }
    }
}
