/// The simulator's web chat page, served at `/`.
enum ChatPage {
    /// The page's HTML.
    static let html = "<!doctype html><title>LinqSimulator</title><p>Loading…</p>"
}
