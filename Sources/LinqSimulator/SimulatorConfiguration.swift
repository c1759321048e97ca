import Foundation

/// How a ``LinqSimulator`` behaves: its key, lines, limits, webhook schedule and faults.
public struct SimulatorConfiguration: Sendable {
    /// The API key clients must send as `Authorization: Bearer …`.
    public var apiKey: String
    /// Our lines (E.164). The first one is the default.
    public var lines: [String]
    /// Lines with a Name & Photo card set up, by number: the card's first name.
    public var contactCards: [String: String]
    /// Linq's per line–recipient limit in messages per ``perPairWindow``; `nil` turns it off (load tests).
    public var perPairLimit: Int?
    /// The window of the per-pair limit.
    public var perPairWindow: Duration
    /// How long after `sent` an outbound message becomes `delivered` (iMessage and RCS DMs).
    public var deliveryDelay: Duration
    /// The waits before each webhook retry; its length is the number of retries.
    public var webhookRetrySchedule: [Duration]
    /// How long a webhook target may take before the attempt counts as failed.
    public var webhookTimeout: Duration
    /// The partner id put on every webhook.
    public var partnerID: String
    /// Faults to inject.
    public var faults: Faults

    /// Creates a configuration; the defaults are Linq's.
    public init(
        apiKey: String = "sim_local_key",
        lines: [String] = ["+15555550100"],
        contactCards: [String: String]? = nil,
        perPairLimit: Int? = 30,
        perPairWindow: Duration = .seconds(60),
        deliveryDelay: Duration = .milliseconds(400),
        webhookRetrySchedule: [Duration] = SimulatorConfiguration.linqRetrySchedule,
        webhookTimeout: Duration = .seconds(10),
        partnerID: String = "5d0c3f7a-91e2-4b6d-8a47-2c9e1f0b6a35",
        faults: Faults = Faults()
    ) {
        self.apiKey = apiKey
        self.lines = lines
        self.contactCards = contactCards ?? Dictionary(uniqueKeysWithValues: lines.prefix(1).map { ($0, "LinqBot") })
        self.perPairLimit = perPairLimit
        self.perPairWindow = perPairWindow
        self.deliveryDelay = deliveryDelay
        self.webhookRetrySchedule = webhookRetrySchedule
        self.webhookTimeout = webhookTimeout
        self.partnerID = partnerID
        self.faults = faults
    }

    /// Ten exponential retries over about 25 minutes, as Linq documents.
    public static let linqRetrySchedule: [Duration] = [5, 10, 20, 40, 80, 160, 300, 300, 300, 300].map { .seconds($0) }

    /// Faults a simulator can inject, each as a probability from 0 to 1.
    public struct Faults: Sendable {
        /// Chance that a webhook is delivered twice.
        public var duplicateRate: Double
        /// Chance that a webhook is held back by ``reorderDelay`` so later events overtake it.
        public var reorderRate: Double
        /// How long a reordered webhook is held back.
        public var reorderDelay: Duration
        /// A delay added before every webhook delivery.
        public var deliveryDelay: Duration
        /// Chance that an API call answers 500 / 3006 without doing anything.
        public var apiErrorRate: Double
        /// A delay added before every API answer.
        public var apiLatency: Duration
        /// An outage from the start: API calls answered 503, left hanging or reset (the
        /// control API's `POST /sim/faults` changes it while running).
        public var outage: SimulatorOutage
        /// The seed of the random choices, so a faulty run can be repeated.
        public var seed: UInt64

        /// Creates a fault set; the default injects nothing.
        public init(
            duplicateRate: Double = 0, reorderRate: Double = 0, reorderDelay: Duration = .seconds(2),
            deliveryDelay: Duration = .zero, apiErrorRate: Double = 0, apiLatency: Duration = .zero, outage: SimulatorOutage = SimulatorOutage(),
            seed: UInt64 = 42
        ) {
            self.duplicateRate = duplicateRate
            self.reorderRate = reorderRate
            self.reorderDelay = reorderDelay
            self.deliveryDelay = deliveryDelay
            self.apiErrorRate = apiErrorRate
            self.apiLatency = apiLatency
            self.outage = outage
            self.seed = seed
        }
    }
}
