import Foundation
@testable import LinqBot
import LinqModels
import Testing

/// The dispatcher's cache of the sessions it wrote: used only while the stored bytes match.
@Suite struct SessionCacheTests {
    let written = Data(#"{"count":2}"#.utf8)

    @Test("the kept values come back while the stored bytes are the ones written")
    func hit() {
        let cache = SessionCache()
        // Values that differ from what the bytes decode to show which path answered.
        cache.wrote(chatKey: "c1", data: written, values: ["count": 3])
        #expect(cache.values(chatKey: "c1", data: written) == ["count": 3])
    }

    @Test("other bytes, such as another instance's write, are decoded from the store")
    func miss() {
        let cache = SessionCache()
        cache.wrote(chatKey: "c1", data: written, values: ["count": 3])
        #expect(cache.values(chatKey: "c1", data: Data(#"{"count":7}"#.utf8)) == ["count": 7])
        #expect(cache.values(chatKey: "c2", data: written) == ["count": 2])
    }

    @Test("a full cache lets its oldest chat go, and a chat written again keeps one slot")
    func bounded() {
        let cache = SessionCache(capacity: 2)
        cache.wrote(chatKey: "c1", data: written, values: ["count": 3])
        cache.wrote(chatKey: "c1", data: written, values: ["count": 4])
        cache.wrote(chatKey: "c2", data: written, values: ["count": 5])
        #expect(cache.count == 2)
        #expect(cache.values(chatKey: "c1", data: written) == ["count": 4])
        cache.wrote(chatKey: "c3", data: written, values: ["count": 6])
        #expect(cache.count == 2)
        #expect(cache.values(chatKey: "c1", data: written) == ["count": 2])
        #expect(cache.values(chatKey: "c3", data: written) == ["count": 6])
    }
}
