public import Foundation

/// A line's reputation audit, from `GET /v3/phone_numbers/{phoneNumber}/reputation_audit/{auditId}`.
///
/// Poll until ``status`` is `.complete` or `.error`; the id stays readable for 24 hours.
public struct ReputationAudit: Codable, Hashable, Sendable {
    /// The audit's id.
    public var auditID: ReputationAuditID
    /// Where the audit stands.
    public var status: ReputationAuditStatus
    /// What went wrong, when ``status`` is `.error`.
    public var error: String?
    /// When the report was produced.
    public var generatedAt: Date?
    /// The line audited.
    public var phone: String?
    /// The findings, once complete.
    public var report: ReputationReport?

    /// Creates an audit record.
    public init(
        auditID: ReputationAuditID, status: ReputationAuditStatus, error: String? = nil, generatedAt: Date? = nil,
        phone: String? = nil, report: ReputationReport? = nil
    ) {
        self.auditID = auditID
        self.status = status
        self.error = error
        self.generatedAt = generatedAt
        self.phone = phone
        self.report = report
    }

    enum CodingKeys: String, CodingKey {
        case status, error, phone, report
        case auditID = "audit_id"
        case generatedAt = "generated_at"
    }
}

/// The answer to `POST /v3/phone_numbers/{phoneNumber}/reputation_audit` (202).
///
/// Starting while an audit runs returns the running audit's id.
public struct ReputationAuditStarted: Codable, Hashable, Sendable {
    /// The audit's id.
    public var auditID: ReputationAuditID
    /// Where the audit stands.
    public var status: ReputationAuditStatus

    /// Creates a record.
    public init(auditID: ReputationAuditID, status: ReputationAuditStatus) {
        self.auditID = auditID
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case status
        case auditID = "audit_id"
    }
}

/// The state of a reputation audit.
public struct ReputationAuditStatus: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Still running.
    public static let pending = ReputationAuditStatus(rawValue: "pending")
    /// Finished; the report is ready.
    public static let complete = ReputationAuditStatus(rawValue: "complete")
    /// Failed.
    public static let error = ReputationAuditStatus(rawValue: "error")
}
