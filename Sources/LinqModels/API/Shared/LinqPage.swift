/// Shared behaviour of cursor-paginated list responses.
public protocol LinqCursorPage: Sendable {
    /// The items on this page.
    associatedtype Item: Sendable
    /// The items on this page.
    var items: [Item] { get }
    /// The cursor for the next page; `nil` or empty when this is the last page.
    var nextCursor: String? { get }
}

extension LinqCursorPage {
    /// Whether another page can be fetched with ``nextCursor``.
    public var hasNextPage: Bool {
        guard let nextCursor else { return false }
        return !nextCursor.isEmpty
    }
}
