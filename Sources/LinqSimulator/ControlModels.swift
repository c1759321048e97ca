import Foundation
import LinqModels

/// Bodies of the control API.
struct ControlMessageRequest: Decodable {
    var line: String?
    var text: String?
    var mediaURL: String?
    var filename: String?
    var mimeType: String?
    var chatID: String?
    var replyTo: String?
    enum CodingKeys: String, CodingKey {
        case line, text, filename
        case mediaURL = "media_url"
        case mimeType = "mime_type"
        case chatID = "chat_id"
        case replyTo = "reply_to"
    }
}

struct ControlReactionRequest: Decodable {
    var messageID: String
    var type: String
    var customEmoji: String?
    var operation: String?
    enum CodingKeys: String, CodingKey {
        case type, operation
        case messageID = "message_id"
        case customEmoji = "custom_emoji"
    }
}

struct ControlTypingRequest: Decodable {
    var chatID: String?
    var line: String?
    var typing: Bool
    enum CodingKeys: String, CodingKey {
        case line, typing
        case chatID = "chat_id"
    }
}

struct ControlReadRequest: Decodable {
    var chatID: String
    enum CodingKeys: String, CodingKey { case chatID = "chat_id" }
}

struct ControlCardRequest: Decodable {
    var line: String
    var firstName: String
    var lastName: String?
    var imageURL: String?
    enum CodingKeys: String, CodingKey {
        case line
        case firstName = "first_name"
        case lastName = "last_name"
        case imageURL = "image_url"
    }
}

struct ControlCapabilities: Codable {
    var imessage: Bool
    var rcs: Bool
    var sms: Bool
}

struct ControlGroupRequest: Decodable {
    var line: String
    var handles: [String]
    var displayName: String?
    enum CodingKeys: String, CodingKey {
        case line, handles
        case displayName = "display_name"
    }
}

/// `POST /sim/rules`: switch Linq's opt-out enforcement, or answer every send 429 for a while.
struct ControlRulesRequest: Decodable {
    var enforceOptOut: Bool?
    var rateLimitSeconds: Double?
    var retryAfter: Int?
    enum CodingKeys: String, CodingKey {
        case enforceOptOut = "enforce_opt_out"
        case rateLimitSeconds = "rate_limit_seconds"
        case retryAfter = "retry_after"
    }
}

/// `POST /sim/faults`: an outage of the API (shares of calls answered 503, hanging, reset).
struct ControlFaultsRequest: Decodable {
    var unavailableRate: Double?
    var timeoutRate: Double?
    var resetRate: Double?
    var hangSeconds: Double?
    var seconds: Double?
    enum CodingKeys: String, CodingKey {
        case seconds
        case unavailableRate = "unavailable_rate"
        case timeoutRate = "timeout_rate"
        case resetRate = "reset_rate"
        case hangSeconds = "hang_seconds"
    }
}

/// `POST /sim/handles/{handle}/edits`: the person edits the text of one of their messages.
struct ControlEditRequest: Decodable {
    var messageID: String
    var text: String
    var partIndex: Int?
    enum CodingKeys: String, CodingKey {
        case text
        case messageID = "message_id"
        case partIndex = "part_index"
    }
}

/// `POST /sim/handles/{handle}/participants`: the person adds someone to a group or takes
/// someone out (themselves: they leave).
struct ControlParticipantRequest: Decodable {
    var chatID: String
    var handle: String
    var operation: String?
    enum CodingKeys: String, CodingKey {
        case handle, operation
        case chatID = "chat_id"
    }
}
