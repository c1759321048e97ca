/// The states of a flow: an enum with `String` raw values. The raw value is what is stored, so
/// renaming a case is a change of stored data (a chat in a state that no longer exists is reset
/// with a warning).
///
/// ```swift
/// enum Step: String, FlowState { case name, need, budget }
/// ```
public protocol FlowState: RawRepresentable, Hashable, Sendable where RawValue == String {}

/// What a flow's handler decides after an event.
public enum FlowTransition<State: FlowState>: Sendable, Hashable {
    /// Stay in the current state (its timeouts keep running; the data is saved).
    case stay
    /// Leave the current state (cancelling its timeouts) and enter `State`: its entry action
    /// runs and its timeouts start. Going to the current state enters it again.
    case go(State)
    /// End the flow: timeouts are cancelled and the chat is in no flow afterwards.
    case finish
}

/// How a bot (or a flow) takes a burst of messages from one person.
public enum BurstPolicy: Sendable, Hashable {
    /// Every message is its own turn, in order (the default).
    case queue
    /// Messages that arrive while a turn runs, or within `window` of the last one, become one
    /// turn with all their texts (``ChatContext/texts``). A burst waits at most `maxWait` from
    /// its first message.
    case coalesce(window: Duration, maxWait: Duration)

    /// Coalesces with a debounce `window` (and at most five windows of waiting).
    public static func coalesce(window: Duration) -> BurstPolicy { .coalesce(window: window, maxWait: window * 5) }
}
