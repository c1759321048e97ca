/// Where appointment outcomes go: the business's system, or a test's list.
public protocol OutcomeSink: Sendable {
    /// Delivers `outcome`; throws when it could not (the event is then retried).
    func deliver(_ outcome: AppointmentOutcome) async throws
}
