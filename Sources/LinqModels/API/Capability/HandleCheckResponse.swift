/// The answer to a capability check.
public struct HandleCheckResponse: Codable, Hashable, Sendable {
    /// The handle checked.
    public var address: String
    /// Whether the handle can receive the checked service.
    public var available: Bool
    /// Why not, when ``available`` is `false`.
    public var reason: Reason?
    /// The service a message would actually use now, e.g. `SMS` when RCS is unavailable.
    public var selectedService: Service?

    /// Creates a response.
    public init(address: String, available: Bool, reason: Reason? = nil, selectedService: Service? = nil) {
        self.address = address
        self.available = available
        self.reason = reason
        self.selectedService = selectedService
    }

    enum CodingKeys: String, CodingKey {
        case address, available, reason
        case selectedService = "selected_service"
    }

    /// Why a handle cannot receive a service.
    public struct Reason: LinqStringValue {
        /// The raw value as Linq spells it.
        public let rawValue: String
        /// Wraps a raw value.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The handle does not support the service.
        public static let notSupported = Reason(rawValue: "not_supported")
    }
}
