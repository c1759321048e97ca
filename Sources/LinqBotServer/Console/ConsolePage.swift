import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The admin web console at `/admin/`: one self-contained page (markup, style and script
/// inline) that asks for the admin token once, keeps it in the tab's `sessionStorage` and sends
/// it as the bearer header of its calls to the admin API; it uses no cookies. The page itself
/// holds no data, so it is served without the token; everything it shows comes from the
/// token-checked routes. Its sources are `console.html`, `console.css` and `console-*.js`
/// beside this file (see `Tests/Browser/make_console_page.py`).
enum ConsolePage {
    /// The scripts, in order, as they stand inside the page's `<script>` element.
    static let script = "\n" + [core, chats, panels].joined(separator: "\n") + "\n"
    /// The style sheet as it stands inside the page's `<style>` element.
    static let styleSheet = "\n" + style + "\n"

    /// The whole page.
    static let html = markup
        .replacingOccurrences(of: "<style>\n/*console.css*/\n</style>", with: "<style>\(styleSheet)</style>")
        .replacingOccurrences(of: "<script>\n//console.js\n</script>", with: "<script>\(script)</script>")

    /// Allows the page's own inline script and style (by hash), calls to this origin, and nothing else.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src '\(hash(script))'", "style-src '\(hash(styleSheet))'", "connect-src 'self'", "img-src data:",
        "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// The page as a response, with headers that keep it out of caches and frames.
    static func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }
}
