/// A Linq error code (`error.code` in an error body).
///
/// Codes group by range: 1xxx validation, 2xxx resource or permission, 3xxx infrastructure,
/// 4xxx delivery, 5xxx files. The named ones are those a bot has to act on.
public struct LinqErrorCode: RawRepresentable, Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The numeric code.
    public let rawValue: Int
    /// Wraps a numeric code.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Wraps a numeric code literal.
    public init(integerLiteral value: Int) { self.rawValue = value }
    /// The numeric code.
    public var description: String { String(rawValue) }

    /// 1001: a required field is missing.
    public static let missingField: LinqErrorCode = 1001
    /// 1002: a phone number is not E.164.
    public static let invalidPhoneNumber: LinqErrorCode = 1002
    /// 1003: the body is not valid JSON.
    public static let malformedBody: LinqErrorCode = 1003
    /// 1004: the message content or parts are invalid.
    public static let invalidMessageContent: LinqErrorCode = 1004
    /// 1005: a parameter value is invalid; also a link in a new chat's first message.
    public static let invalidParameter: LinqErrorCode = 1005
    /// 1006: direct chats cannot be updated.
    public static let groupOnly: LinqErrorCode = 1006
    /// 1007: rate limited; wait for `Retry-After`.
    public static let rateLimited: LinqErrorCode = 1007
    /// 2001: chat not found.
    public static let chatNotFound: LinqErrorCode = 2001
    /// 2002: message not found.
    public static let messageNotFound: LinqErrorCode = 2002
    /// 2003: attachment not found.
    public static let attachmentNotFound: LinqErrorCode = 2003
    /// 2004: missing or invalid credentials.
    public static let unauthorized: LinqErrorCode = 2004
    /// 2006: not allowed to send from this number.
    public static let lineNotPermitted: LinqErrorCode = 2006
    /// 2010: webhook subscription not found.
    public static let subscriptionNotFound: LinqErrorCode = 2010
    /// 2012: the line has no active contact card.
    public static let noContactCard: LinqErrorCode = 2012
    /// 2014: a contact card already exists; update it instead.
    public static let contactCardExists: LinqErrorCode = 2014
    /// 2016: not supported in group chats.
    public static let groupNotSupported: LinqErrorCode = 2016
    /// 2017: not supported on this chat's service.
    public static let serviceNotSupported: LinqErrorCode = 2017
    /// 2023: a mention was used in a direct chat.
    public static let mentionInDirectChat: LinqErrorCode = 2023
    /// 2024: the recipient opted out.
    public static let recipientOptedOut: LinqErrorCode = 2024
    /// 2026: the handle is blocked by us.
    public static let handleBlocked: LinqErrorCode = 2026
    /// 2027: the sending line is temporarily ineligible.
    public static let lineIneligible: LinqErrorCode = 2027
    /// 3006: an unexpected internal error.
    public static let internalError: LinqErrorCode = 3006
}
