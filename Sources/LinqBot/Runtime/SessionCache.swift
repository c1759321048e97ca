import Foundation
import LinqModels
import Synchronization

/// The sessions this process's workers wrote last, by chat, with their decoded values: a
/// chat's next event reads its session without decoding it again when the stored bytes are
/// the ones written here.
///
/// A bounded cache, not a source of truth: the stored bytes are compared every time, so a
/// session another instance wrote since, or a completion that did not commit, is decoded
/// from the store as before. The oldest chats make room for new ones.
final class SessionCache: Sendable {
    private struct Entry {
        var data: Data
        var values: [String: JSONValue]
    }

    private let state: Mutex<BoundedEntries<Entry>>

    /// Keeps the sessions of at most `capacity` chats.
    init(capacity: Int = 1_024) {
        state = Mutex(BoundedEntries(capacity: capacity))
    }

    /// The values of `chatKey`'s stored session `data`: the kept ones when they are its bytes,
    /// else decoded.
    func values(chatKey: String, data: Data) -> [String: JSONValue] {
        if let kept = state.withLock({ $0[chatKey] }), kept.data == data { return kept.values }
        return Bot.decodeSession(data)
    }

    /// Notes that `chatKey`'s session is now `data`, which encodes `values`.
    func wrote(chatKey: String, data: Data, values: [String: JSONValue]) {
        state.withLock { $0.insert(Entry(data: data, values: values), for: chatKey) }
    }

    /// How many chats' sessions are kept now.
    var count: Int { state.withLock { $0.count } }
}
