import LinqBot
import LinqModels

/// Carries one streamed answer to the chat: drops the hand-off marker, cuts the text into
/// bubbles, writes each to the ``AnswerJournal`` and then sends it under its own idempotency
/// key, and keeps the typing indicator up in between.
actor AnswerRelay {
    private let context: ChatContext
    private let showsTyping: Bool
    private let botID: String
    private var filter: HandOffMarkerFilter
    private var splitter: BubbleSplitter
    private var journal: AnswerJournal
    private let interrupted: @Sendable () async -> Bool
    private var typing = false
    private var sending = false
    /// Counts the pieces of the answer received so far (the timeout watches it).
    private(set) var progress = 0
    /// The answer as shown to the person (without the marker).
    private(set) var shown = ""
    /// How many bubbles were sent.
    private(set) var bubblesSent = 0
    /// How many of them belong to a stopped answer this one resumed after.
    private var resumedAfter = 0

    /// `interrupted` tells, before each bubble, whether the answer should stop for a newer
    /// message (``TurnPolicy/restart``).
    init(
        context: ChatContext, botID: String, showsTyping: Bool, marker: String, maxBubbleLength: Int, minBubbleLength: Int,
        plainText: Bool = true, interrupted: @escaping @Sendable () async -> Bool = { false }
    ) {
        self.context = context
        self.interrupted = interrupted
        self.botID = botID
        self.showsTyping = showsTyping
        self.filter = HandOffMarkerFilter(marker: marker)
        self.splitter = BubbleSplitter(maxLength: maxBubbleLength, minLength: minBubbleLength, plainText: plainText)
        self.journal = AnswerJournal(eventID: context.event.eventID.rawValue)
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
        for bubble in splitter.feed(visible) { try await send([bubble], complete: false, more: true) }
    }

    /// Notes that the model starts again after tools ran: its new text begins a new bubble.
    func startRound() async throws {
        guard !shown.isEmpty, !filter.found else { return }
        try await take("\n\n")
        progress -= 1
    }

    /// Ends the answer: journals what is left as the whole answer, sends it, and hides typing.
    func finish() async throws {
        let rest = filter.finish()
        shown += rest
        let bubbles = splitter.feed(rest) + splitter.finish()
        try await send(bubbles, complete: true, more: false)
        await stopTyping()
    }

    /// Throws ``TurnRestart`` when a newer message waits and the answer should stop.
    func checkInterruption() async throws {
        if await interrupted() { throw TurnRestart() }
    }

    /// The bubbles of this answer sent so far (after those of a stopped answer it resumed),
    /// as one text: what the person saw of a stopped answer.
    var sentAnswer: String { journal.bubbles.prefix(bubblesSent).dropFirst(resumedAfter).joined(separator: "\n\n") }

    /// Ends a stopped answer: the bubbles sent so far are journaled as the whole answer, with
    /// how many of the turn's texts it answered, so a run of the turn again after a crash ends
    /// the same way (or answers what it stopped for, should the turn now hold it).
    func stop(answeredTexts: Int) async throws {
        journal.bubbles = Array(journal.bubbles.prefix(bubblesSent))
        journal.complete = true
        journal.stopped = true
        journal.answeredTexts = answeredTexts
        try await journal.save(context)
    }

    /// Goes on after the bubbles of a stopped answer (sent again by ``replay(_:)``): the new
    /// answer's bubbles follow them in the journal, under the next keys.
    func resume() {
        journal.complete = false
        journal.stopped = nil
        journal.answeredTexts = nil
        resumedAfter = bubblesSent
        shown = ""
    }

    /// Sends again the bubbles a crashed run journaled: those already sent are recognised by
    /// their keys and not sent twice.
    func replay(_ saved: AnswerJournal) async throws {
        journal = saved
        for (index, bubble) in saved.bubbles.enumerated() {
            try await context.reply(.text(bubble, idempotencyKey: key(index)))
            bubblesSent += 1
        }
        shown = saved.bubbles.joined(separator: "\n\n")
    }

    /// Hides the typing indicator if it is up.
    func stopTyping() async {
        guard typing else { return }
        typing = false
        _ = try? await context.stopTyping()
    }

    private func key(_ index: Int) -> String {
        AnswerJournal.key(botID: botID, eventID: journal.eventID, index: index)
    }

    private func send(_ bubbles: [String], complete: Bool, more: Bool) async throws {
        guard !bubbles.isEmpty || complete else { return }
        // A newer message waits: no further bubble goes out (the next turn answers everything).
        if !bubbles.isEmpty { try await checkInterruption() }
        journal.bubbles += bubbles
        journal.complete = complete
        try await journal.save(context)
        for bubble in bubbles {
            sending = true
            defer { sending = false }
            try await context.reply(.text(bubble, idempotencyKey: key(bubblesSent)))
            bubblesSent += 1
            typing = false  // a send clears the indicator
            if more { await startTyping() }
        }
    }
}
