/// Where finished leads go: a CRM, a team inbox, a test's list.
public protocol LeadSink: Sendable {
    /// Delivers `summary`; throws when it could not (the event is then retried).
    func deliver(_ summary: LeadSummary) async throws
}
