package import LinqModels
import Synchronization

/// The events this process's ingress decoded, kept by event id for the worker that runs them, so
/// an event is decoded once on its way from the webhook to its handler. The ingress puts an
/// event in before its inbox append (a worker may claim it in the append's own transaction)
/// and takes it out again when the append stores nothing.
///
/// A bounded cache, not a source of truth: the oldest entries make room for new ones, and an
/// event that is not here (stored by another instance, evicted by a long backlog, or stored
/// before a restart) is decoded again from its stored body, which gives the same event.
package final class DecodedEvents: Sendable {
    private let state: Mutex<BoundedEntries<WebhookEvent>>

    /// Keeps at most `capacity` events.
    package init(capacity: Int = 1_024) {
        state = Mutex(BoundedEntries(capacity: capacity))
    }

    /// Keeps `event` under its inbox event id `id`, evicting the oldest when full.
    package func put(_ event: WebhookEvent, id: String) {
        state.withLock { $0.insert(event, for: id) }
    }

    /// The event with inbox event id `id`, removed from the cache (its worker runs it once, and
    /// an append that stored nothing leaves nothing behind).
    @discardableResult
    package func take(_ id: String) -> WebhookEvent? {
        state.withLock { $0.removeValue(forKey: id) }
    }

    /// The event with inbox event id `id`, left in the cache (a burst's later messages, looked
    /// at before their turn).
    package func peek(_ id: String) -> WebhookEvent? {
        state.withLock { $0[id] }
    }

    /// How many events are kept now.
    package var count: Int { state.withLock { $0.count } }
}
