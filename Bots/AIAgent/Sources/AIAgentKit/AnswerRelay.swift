import LinqBot

/// Carries one streamed answer to the chat: drops the hand-off marker, cuts the text into
/// bubbles, sends each when complete, and keeps the typing indicator up in between.
actor AnswerRelay {
    private let context: ChatContext
    private let showsTyping: Bool
    private var filter: HandOffMarkerFilter
    private var splitter: BubbleSplitter
    private var typing = false
    private var sending = false
    /// Counts the pieces of the answer received so far (the timeout watches it).
    private(set) var progress = 0
    /// The answer as shown to the person (without the marker).
    private(set) var shown = ""
    /// How many bubbles were sent.
    private(set) var bubblesSent = 0

    init(context: ChatContext, showsTyping: Bool, marker: String, maxBubbleLength: Int, minBubbleLength: Int) {
        self.context = context
        self.showsTyping = showsTyping
        self.filter = HandOffMarkerFilter(marker: marker)
        self.splitter = BubbleSplitter(maxLength: maxBubbleLength, minLength: minBubbleLength)
    }

    /// Whether the model wrote the hand-off marker.
    var handOffRequested: Bool { filter.found }

    /// Shows the typing indicator (where the chat supports it).
    func startTyping() async {
        guard showsTyping else { return }
        // Typing is best-effort: a failure must not cost the answer.
        _ = try? await context.startTyping()
        typing = true
    }

    /// Shows the typing indicator again, if it is up and no bubble is on its way.
    func refreshTyping() async {
        guard typing, !sending else { return }
        _ = try? await context.startTyping()
    }

    /// Takes the next piece of the answer; sends the bubbles it completes.
    func take(_ text: String) async throws {
        progress += 1
        let visible = filter.feed(text)
        shown += visible
        for bubble in splitter.feed(visible) { try await send(bubble, more: true) }
    }

    /// Ends the answer: sends what is left and hides the typing indicator.
    func finish() async throws {
        let rest = filter.finish()
        shown += rest
        for bubble in splitter.feed(rest) + splitter.finish() { try await send(bubble, more: false) }
        await stopTyping()
    }

    /// Hides the typing indicator if it is up.
    func stopTyping() async {
        guard typing else { return }
        typing = false
        _ = try? await context.stopTyping()
    }

    private func send(_ bubble: String, more: Bool) async throws {
        sending = true
        defer { sending = false }
        try await context.reply(bubble)
        bubblesSent += 1
        typing = false  // a send clears the indicator
        if more { await startTyping() }
    }
}
