public import LinqModels

extension LinqClient {
    /// The phone numbers resource (our lines): `/v3/phone_numbers`.
    public var phoneNumbers: PhoneNumbers { PhoneNumbers(client: self) }

    /// Phone numbers: list, call forwarding, reputation audits, smart number assignment.
    public struct PhoneNumbers: Sendable {
        let client: LinqClient

        /// Every line with its reputation: `GET /v3/phone_numbers`.
        public func list() async throws -> PhoneNumberList {
            try await client.execute(.get(["v3", "phone_numbers"]), as: PhoneNumberList.self)
        }

        /// Sets or clears where inbound voice calls are forwarded: `PUT /v3/phone_numbers/{phoneNumberId}`.
        ///
        /// ```swift
        /// try await client.phoneNumbers.updateForwarding(lineID, .forward(to: "+15555550199"))
        /// ```
        public func updateForwarding(_ phoneNumberID: PhoneNumberID, _ request: UpdatePhoneNumberRequest) async throws -> UpdatePhoneNumberResponse {
            try await client.execute(
                .json(.put, ["v3", "phone_numbers", phoneNumberID.rawValue], body: request), as: UpdatePhoneNumberResponse.self
            )
        }

        /// Starts a reputation audit of a line: `POST /v3/phone_numbers/{phoneNumber}/reputation_audit`.
        ///
        /// While an audit runs, starting again returns the running audit's id.
        public func startReputationAudit(phoneNumber: String) async throws -> ReputationAuditStarted {
            try await client.execute(
                .bodiless(.post, ["v3", "phone_numbers", phoneNumber, "reputation_audit"]), as: ReputationAuditStarted.self
            )
        }

        /// An audit's status and report: `GET /v3/phone_numbers/{phoneNumber}/reputation_audit/{auditId}`.
        public func reputationAudit(phoneNumber: String, auditID: ReputationAuditID) async throws -> ReputationAudit {
            try await client.execute(
                .get(["v3", "phone_numbers", phoneNumber, "reputation_audit", auditID.rawValue]), as: ReputationAudit.self
            )
        }

        /// The line Linq would send from, with a vCard of our lines: `GET /v3/available_number`.
        ///
        /// - Parameters:
        ///   - to: recipient handles; an existing chat with them makes the choice sticky.
        ///   - excludeFrom: lines (E.164) not to choose.
        ///   - type: only lines of this kind (`.iMessage` or `.rcs`).
        public func availableNumber(to: [String]? = nil, excludeFrom: [String]? = nil, type: LineType? = nil) async throws -> AvailableNumber {
            var query = LinqQuery()
            query.add("to", to)
            query.add("exclude_from", excludeFrom)
            query.add("type", type?.rawValue)
            return try await client.execute(.get(["v3", "available_number"], query: query.items), as: AvailableNumber.self)
        }

        /// The deprecated line list: `GET /v3/phonenumbers`. Prefer ``list()``.
        public func legacyList() async throws -> LegacyPhoneNumberList {
            try await client.execute(.get(["v3", "phonenumbers"]), as: LegacyPhoneNumberList.self)
        }
    }
}
