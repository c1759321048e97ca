/// A store shared by several processes that tells all of them when work is queued, so an idle
/// worker on any instance wakes at once instead of at its next poll (PostgreSQL's
/// `LISTEN`/`NOTIFY`).
///
/// The store announces work itself, in the transaction that makes it claimable: an appended
/// event, a fired timer, the leases of a dead instance freed. A ``BotApplication`` listens
/// whenever its store conforms; polling (``Bot/Configuration/idlePoll``) stays as the
/// fallback for a lost notification or a broken listening connection. Stores that one process
/// alone writes (in memory, SQLite) need not conform: the ingress and the scheduler wake the
/// process's own workers.
public protocol WorkNotifyingStore: BotStore {
    /// Listens for work announced by any instance sharing the store (this one included) until
    /// the task is cancelled: calls `ready` once listening (an announcement after it is never
    /// missed), then `onWork` on each announcement with how much work it announces (at least 1:
    /// events stored, timers fired or leases freed). Throws when the listening connection fails;
    /// the caller listens again.
    func listenForWork(ready: @escaping @Sendable () -> Void, onWork: @escaping @Sendable (_ count: Int) -> Void) async throws
}
