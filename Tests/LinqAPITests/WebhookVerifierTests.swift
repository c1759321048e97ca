import Crypto
import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import Testing

/// Suite A of the reliability plan: signature and replay checks on a fixed clock.
@Suite struct WebhookVerifierTests {
    static let secretText = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="
    static let otherSecretText = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
    static let now = Date(timeIntervalSince1970: 1_773_157_330)

    let body: Data
    let headers: LinqHTTPHeaders
    let verifier: WebhookVerifier

    init() throws {
        body = try Fixtures.data("linq-webhooks/message.received.2026-02-03.json")
        let example = try JSONValue.decode(Fixtures.data("linq-webhooks/_signing/message.received.2026-02-03.headers.json"))
        guard case .object(let fields) = example["headers"] else { throw FixtureError.missing("headers") }
        headers = LinqHTTPHeaders(fields.compactMap { name, value in value.stringValue.map { (name, $0) } })
        verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(Self.secretText)]))
    }

    func headers(replacing name: String, with value: String?) -> LinqHTTPHeaders {
        var copy = LinqHTTPHeaders(headers.filter { $0.name.caseInsensitiveCompare(name) != .orderedSame }.map { ($0.name, $0.value) })
        if let value { copy.add(name, value) }
        return copy
    }

    func status(_ headers: LinqHTTPHeaders, body: Data? = nil, at now: Date = now, verifier: WebhookVerifier? = nil) -> Int {
        do {
            _ = try (verifier ?? self.verifier).verify(body: body ?? self.body, headers: headers, now: now)
            return 200
        } catch {
            return error.httpStatus
        }
    }

    @Test("the fixture's signing example verifies")
    func signingExample() throws {
        let verified = try verifier.verify(body: body, headers: headers, now: Self.now)
        #expect(verified.id == "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13")
        #expect(verified.scheme == .standardWebhooks)
        #expect(verified.timestamp == Date(timeIntervalSince1970: 1_773_157_328))
    }

    @Test("A1: the Standard Webhooks known-answer vector")
    func knownAnswer() throws {
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let payload = Data(#"{"test": 2432232314}"#.utf8)
        let signature = WebhookSigner(secret: secret).standardSignature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: payload)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        let verifier = try WebhookVerifier(configuration: .init(secrets: [secret]))
        let headers: LinqHTTPHeaders = [
            "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": signature,
        ]
        #expect(throws: Never.self) { try verifier.verify(body: payload, headers: headers, now: Date(timeIntervalSince1970: 1_614_265_330)) }
    }

    @Test("A2: each missing Standard Webhooks header is a 401", arguments: ["webhook-id", "webhook-timestamp", "webhook-signature"])
    func missingHeader(name: String) {
        let stripped = headers(replacing: name, with: nil)
        #expect(throws: WebhookVerificationError.missingHeader(name)) { try verifier.verify(body: body, headers: stripped, now: Self.now) }
        #expect(status(stripped) == 401)
    }

    @Test("A3/A4: the ±300 s window is inclusive, 301 s is not", arguments: [(-300, 200), (300, 200), (-301, 401), (301, 401)])
    func tolerance(offset: Int, expected: Int) throws {
        let signer = WebhookSigner(secret: try WebhookSecret(Self.secretText))
        let timestamp = Int64(Self.now.timeIntervalSince1970) + Int64(offset)
        let signed = headers
            .replacingValue("webhook-timestamp", String(timestamp))
            .replacingValue("webhook-signature", signer.standardSignature(id: "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", timestamp: timestamp, body: body))
        #expect(status(signed) == expected)
        if offset == -301 {
            #expect(throws: WebhookVerificationError.timestampTooOld) { try verifier.verify(body: body, headers: signed, now: Self.now) }
        } else if offset == 301 {
            #expect(throws: WebhookVerificationError.timestampTooNew) { try verifier.verify(body: body, headers: signed, now: Self.now) }
        }
    }

    @Test("A5: malformed timestamps are 401", arguments: ["abc", "1e9", "-1", "NaN", String(repeating: "9", count: 40), "１２３", "", " 1773157328", "1773157328.0"])
    func malformedTimestamp(value: String) {
        #expect(status(headers.replacingValue("webhook-timestamp", value)) == 401)
    }

    @Test("A6: junk entries beside a valid v1 signature are skipped")
    func junkEntries() throws {
        let valid = try #require(headers["webhook-signature"])
        #expect(status(headers.replacingValue("webhook-signature", "v2,x v1,junk \(valid) v1a,y")) == 200)
    }

    @Test("A7: a changed byte, a wrong secret, or another id's signature is a 401")
    func tampering() throws {
        var changed = body
        changed[changed.startIndex + 40] ^= 0x01
        #expect(status(headers, body: changed) == 401)
        let wrong = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(Self.otherSecretText)]))
        #expect(status(headers, verifier: wrong) == 401)
        #expect(status(headers.replacingValue("webhook-id", "b2d4f6a8-3c5e-4a7b-8f9d-1e3c5a7b9d24")) == 401)
    }

    @Test("A8: secrets with or without whsec_, unpadded; empty or short secrets fail at creation")
    func secretForms() throws {
        let bare = String(Self.secretText.dropFirst(6))
        let unpadded = String(Self.secretText.dropLast())
        for text in [Self.secretText, bare, unpadded, String(bare.dropLast())] {
            let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(text)]))
            #expect(status(headers, verifier: verifier) == 200, "secret form \(text.prefix(8))…")
        }
        #expect(throws: WebhookSecretError.self) { try WebhookSecret("") }
        #expect(throws: WebhookSecretError.self) { try WebhookSecret("   ") }
        #expect(throws: WebhookSecretError.self) { try WebhookSecret("whsec_") }
        #expect(throws: WebhookSecretError.self) { try WebhookSecret("whsec_c2hvcnQ=") }
        #expect(throws: WebhookSecretError.self) { try WebhookSecret("whsec_not base64!") }
        #expect(throws: WebhookSecretError.self) { try WebhookVerifier(configuration: .init(secrets: [])) }
        #expect(throws: WebhookSecretError.self) { try WebhookVerifier.Configuration.fromEnvironment([:]) }
        #expect(throws: WebhookSecretError.self) {
            try WebhookVerifier.Configuration.fromEnvironment(["LINQ_WEBHOOK_SECRET": "\(Self.secretText),whsec_c2hvcnQ="])
        }
        let rotation = try WebhookVerifier.Configuration.fromEnvironment(["LINQ_WEBHOOK_SECRET": "\(Self.otherSecretText), \(Self.secretText)"])
        #expect(rotation.secrets.count == 2)
        #expect(status(headers, verifier: try WebhookVerifier(configuration: rotation)) == 200)
    }

    @Test("A9: rotation accepts old, new or both until the old secret expires")
    func rotation() throws {
        let expiry = Self.now.addingTimeInterval(3600)
        let verifier = try WebhookVerifier(configuration: .init(secrets: [
            WebhookSecret(Self.otherSecretText), WebhookSecret(Self.secretText, expiresAt: expiry),
        ]))
        let newSigner = WebhookSigner(secret: try WebhookSecret(Self.otherSecretText))
        let id = "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13"
        let oldOnly = try #require(headers["webhook-signature"])
        let newOnly = newSigner.standardSignature(id: id, timestamp: 1_773_157_328, body: body)
        #expect(status(headers, verifier: verifier) == 200)
        #expect(status(headers.replacingValue("webhook-signature", newOnly), verifier: verifier) == 200)
        #expect(status(headers.replacingValue("webhook-signature", "\(newOnly) \(oldOnly)"), verifier: verifier) == 200)
        let verified = try verifier.verify(body: body, headers: headers, now: Self.now)
        #expect(verified.secretIndex == 1)
        // After the old secret expires (and with the timestamp still fresh), old-only is refused.
        let later = expiry.addingTimeInterval(1)
        let laterStamp = Int64(later.timeIntervalSince1970)
        let oldSigner = WebhookSigner(secret: try WebhookSecret(Self.secretText))
        let fresh = headers.replacingValue("webhook-timestamp", String(laterStamp))
        #expect(status(fresh.replacingValue("webhook-signature", oldSigner.standardSignature(id: id, timestamp: laterStamp, body: body)), at: later, verifier: verifier) == 401)
        #expect(status(fresh.replacingValue("webhook-signature", newSigner.standardSignature(id: id, timestamp: laterStamp, body: body)), at: later, verifier: verifier) == 200)
    }

    @Test("A10: malformed signature entries are refused without escaping errors", arguments: ["v1", "v1,", ",", " ", "v1,,,,", "v1,!!!!"])
    func malformedEntries(value: String) {
        #expect(status(headers.replacingValue("webhook-signature", value)) == 401)
    }

    @Test("A10: 10,000 entries and a 1 MiB header are refused quickly")
    func oversizedHeaders() throws {
        let valid = try #require(headers["webhook-signature"])
        let many = Array(repeating: "v1,AAAA", count: 10_000).joined(separator: " ") + " " + valid
        #expect([401, 431].contains(status(headers.replacingValue("webhook-signature", many))))
        let huge = String(repeating: "v", count: 1 << 20)
        #expect(status(headers.replacingValue("webhook-signature", huge)) == 431)
        #expect(status(headers.replacingValue("webhook-id", huge)) == 431)
        let eleven = Array(repeating: "v1,AAAA", count: 10).joined(separator: " ") + " " + valid
        #expect(status(headers.replacingValue("webhook-signature", eleven)) == 401)
        let clock = ContinuousClock()
        var slowest = Duration.zero
        for _ in 0..<200 {
            let elapsed = clock.measure { _ = status(headers.replacingValue("webhook-signature", many)) }
            slowest = max(slowest, elapsed)
        }
        #expect(slowest < .milliseconds(50), "slowest verify of a hostile header: \(slowest)")
    }

    @Test("A12: a captured delivery replayed 301 s later is refused")
    func lateReplay() {
        #expect(status(headers, at: Date(timeIntervalSince1970: 1_773_157_328 + 301)) == 401)
        #expect(status(headers, at: Date(timeIntervalSince1970: 1_773_157_328 + 10)) == 200)
    }

    @Test("A13: legacy X-Webhook-Signature is ignored by default and accepted when enabled, in either case")
    func legacyScheme() throws {
        let legacyOnly = LinqHTTPHeaders(headers.filter { !$0.name.lowercased().hasPrefix("webhook-") }.map { ($0.name, $0.value) })
        #expect(status(legacyOnly) == 401)
        let enabled = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(Self.secretText)], acceptsLegacySignature: true))
        #expect(status(legacyOnly, verifier: enabled) == 200)
        let upper = try #require(legacyOnly["X-Webhook-Signature"]).uppercased()
        #expect(status(legacyOnly.replacingValue("X-Webhook-Signature", upper), verifier: enabled) == 200)
        let stale = legacyOnly.replacingValue("X-Webhook-Timestamp", "1773150000")
        #expect(status(stale, verifier: enabled) == 401)
        let signer = WebhookSigner(secret: try WebhookSecret(Self.secretText))
        #expect(signer.legacySignature(timestamp: 1_773_157_328, body: body) == legacyOnly["X-Webhook-Signature"])
    }

    @Test("A14: a signature keyed on the UTF-8 secret string is refused under Standard Webhooks")
    func utf8KeyedSignatureIsRejected() throws {
        let id = "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13"
        let signed = Data("\(id).1773157328.".utf8) + body
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(Self.secretText.utf8)))
        #expect(status(headers.replacingValue("webhook-signature", "v1," + Data(mac).base64EncodedString())) == 401)
    }

    @Test("V2 sha256= over the body only, when enabled")
    func v2Scheme() throws {
        let enabled = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(Self.secretText)], acceptsV2Signature: true))
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(Self.secretText.utf8)))
        let signature = mac.map { String(format: "%02x", $0) }.joined()
        let headers: LinqHTTPHeaders = ["X-Webhook-Signature": "sha256=" + signature]
        #expect(status(headers, verifier: enabled) == 200)
        #expect(status(headers) == 401)
    }

    @Test("A15: signatures are compared only with swift-crypto's constant-time check")
    func constantTimeAudit() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/LinqAPI/Webhooks").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        var usesCryptoCheck = false
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            usesCryptoCheck = usesCryptoCheck || source.contains("isValidAuthenticationCode")
            // A comparison of MAC or signature values (not their counts) with == or elementsEqual is a timing leak.
            let leak = /\b(mac|macs|signature|signatures|candidate|candidates|digest|expected)\b\s*(==|!=|\.elementsEqual)|(==|!=)\s*\b(mac|signature|candidate|digest|expected)\b(?!\.count)/
            for line in source.split(separator: "\n") {
                #expect(line.firstMatch(of: leak) == nil, "\(file): comparison over signature bytes: \(line)")
            }
        }
        #expect(usesCryptoCheck)
    }
}

enum FixtureError: Error { case missing(String) }

extension LinqHTTPHeaders {
    func replacingValue(_ name: String, _ value: String) -> LinqHTTPHeaders {
        var copy = self
        copy.set(name, value)
        return copy
    }
}

extension JSONValue {
    static func decode(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }
}
