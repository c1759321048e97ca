import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import LinqAPI

/// Lets an admin request through only with `Authorization: Bearer <token>`; anything else is
/// 401 with `WWW-Authenticate: Bearer` and the same body, whether the header is missing or wrong.
///
/// The check takes the same time whatever the presented token: both sides go through HMAC-SHA256
/// under a key made at start, and swift-crypto compares the codes in constant time, so neither
/// the token's bytes nor its length leak through timing.
struct AdminAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    private let key: SymmetricKey
    private let expected: HashedAuthenticationCode<SHA256>

    init(token: Secret) {
        let key = SymmetricKey(size: .bits256)
        self.key = key
        self.expected = HMAC<SHA256>.authenticationCode(for: Data(token.reveal().utf8), using: key)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = Self.bearerToken(request.headers[.authorization]), !presented.isEmpty,
              HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: Data(presented.utf8), using: key)
        else {
            var response = AdminJSON.error(401, "missing or wrong bearer token: send Authorization: Bearer <the admin token>")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer` credential (the scheme is case-insensitive).
    static func bearerToken(_ header: String?) -> Substring? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].drop(while: { $0 == " " })
    }
}
