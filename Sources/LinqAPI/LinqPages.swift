public import LinqModels

/// Every item of a cursor-paginated list, fetching pages as iteration reaches them.
///
/// ```swift
/// for try await chat in client.chats.listAll(from: "+15555550100") {
///     print(chat.id)
/// }
/// ```
public struct LinqPages<Page: LinqCursorPage>: AsyncSequence, Sendable {
    /// The items of every page.
    public typealias Element = Page.Item

    private let fetch: @Sendable (String?) async throws -> Page

    /// Creates a sequence that calls `fetch` with `nil` first, then with each `nextCursor`.
    public init(fetch: @escaping @Sendable (_ cursor: String?) async throws -> Page) {
        self.fetch = fetch
    }

    /// Starts a new pass from the first page.
    public func makeAsyncIterator() -> Iterator { Iterator(fetch: fetch) }

    /// Walks the pages.
    public struct Iterator: AsyncIteratorProtocol {
        private let fetch: @Sendable (String?) async throws -> Page
        private var buffer: [Page.Item] = []
        private var index = 0
        private var cursor: String?
        private var finished = false
        private var seenCursors: Set<String> = []

        init(fetch: @escaping @Sendable (String?) async throws -> Page) { self.fetch = fetch }

        /// The next item, fetching the next page when the current one is used up.
        public mutating func next() async throws -> Page.Item? {
            while index >= buffer.count {
                guard !finished else { return nil }
                let page = try await fetch(cursor)
                buffer = page.items
                index = 0
                if let next = page.nextCursor, !next.isEmpty, !seenCursors.contains(next) {
                    seenCursors.insert(next)
                    cursor = next
                } else {
                    finished = true
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
