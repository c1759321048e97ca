/// The request body of a streamed chat completion.
struct ChatCompletionRequest: Encodable {
    var model: String
    var messages: [ChatTurn]
    var stream: Bool
    var temperature: Double?
}

/// One streamed chunk (or an error body): only the fields the agent reads.
struct ChatCompletionChunk: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable {
            var content: String?
        }

        var delta: Delta?
    }

    struct ErrorBody: Decodable {
        var message: String?
    }

    var choices: [Choice]?
    var error: ErrorBody?
}
