public import LinqBot

/// The questions of the qualifying flow, in order.
public enum LeadStep: String, FlowState, CaseIterable {
    /// What the person is called.
    case name
    /// Buy, sell or rent.
    case need
    /// How much they can spend.
    case budget
    /// When they want to move.
    case timeline
}
