/// A dictionary of at most `capacity` entries, for the bounded caches of the runtime and the
/// stores: a key not kept yet takes the slot of the oldest one, whose entry goes. Keys removed
/// early leave their slot to be reused in turn. Not synchronized: its owner keeps it under a lock.
package struct BoundedEntries<Value> {
    private var entries: [String: Value] = [:]
    /// Keys in the order they were kept, as a ring: the slot `next` holds the oldest.
    private var ring: [String?]
    private var next = 0

    /// Keeps at most `capacity` entries (at least one).
    package init(capacity: Int) {
        ring = Array(repeating: nil, count: max(1, capacity))
    }

    /// The entry of `key`, if kept.
    package subscript(key: String) -> Value? { entries[key] }

    /// How many entries are kept.
    package var count: Int { entries.count }

    /// Keeps `value` under `key`: in place when the key is kept already, else in the oldest slot.
    package mutating func insert(_ value: Value, for key: String) {
        if entries.updateValue(value, forKey: key) != nil { return }
        if let oldest = ring[next], oldest != key { entries[oldest] = nil }
        ring[next] = key
        next = (next + 1) % ring.count
    }

    /// Removes and returns the entry of `key`.
    @discardableResult
    package mutating func removeValue(forKey key: String) -> Value? {
        entries.removeValue(forKey: key)
    }
}
