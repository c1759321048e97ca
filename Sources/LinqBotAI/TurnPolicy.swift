/// What the agent does when the person writes again while it is still answering.
///
/// A chat's events run one at a time, in order, so the new message always waits for the
/// answer in progress; the policy decides whether that answer goes on.
public enum TurnPolicy: String, Sendable, Hashable, CaseIterable {
    /// The answer in progress stops before its next bubble (the model's stream is cancelled),
    /// and the next turn answers once, with everything said so far: the earlier message, the
    /// bubbles already sent, and the new message. The default.
    case restart
    /// The answer in progress goes on to its end; the new message is answered after it.
    case queue
}

/// Thrown inside a turn when a newer message waits and the turn restarts: the answer stops.
struct TurnRestart: Error {}
