public import LinqModels

extension LinqClient {
    /// The contact card resource (our Name & Photo per line): `/v3/contact_card`.
    public var contactCards: ContactCards { ContactCards(client: self) }

    /// Contact cards: create, list, update.
    public struct ContactCards: Sendable {
        let client: LinqClient

        /// Sets up a line's card once: `POST /v3/contact_card`. A second create gives 409 / 2014; update instead.
        public func create(_ request: ContactCardRequest) async throws -> ContactCard {
            try await client.execute(.json(.post, ["v3", "contact_card"], body: request), as: ContactCard.self)
        }

        /// The card of one line, or every card when `phoneNumber` is `nil`: `GET /v3/contact_card`.
        public func list(phoneNumber: String? = nil) async throws -> ContactCardList {
            var query = LinqQuery()
            query.add("phone_number", phoneNumber)
            return try await client.execute(.get(["v3", "contact_card"], query: query.items), as: ContactCardList.self)
        }

        /// Merges `request` into a line's card: `PATCH /v3/contact_card?phone_number=…`.
        public func update(phoneNumber: String, _ request: UpdateContactCardRequest) async throws -> ContactCard {
            try await client.execute(
                .json(.patch, ["v3", "contact_card"], body: request, query: [(name: "phone_number", value: phoneNumber)]),
                as: ContactCard.self
            )
        }
    }
}
