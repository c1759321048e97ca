import AsyncHTTPClient
import Foundation
import LinqAPI
import NIOCore
import NIOHTTP1

/// A seeded generator of hostile webhook deliveries (RELIABILITY.md E1): random bytes,
/// truncated JSON, invalid UTF-8, wrong content types, duplicate and huge headers, chunked
/// bodies, signatures of another body, replays and bodies over the limit. None may be stored.
struct HostileRequests {
    private var state: UInt64
    let valid: Data
    let signer: WebhookSigner
    let url: String

    init(seed: UInt64, valid: Data, signer: WebhookSigner, base: String) {
        self.state = seed
        self.valid = valid
        self.signer = signer
        self.url = base + "/webhooks/linq"
    }

    /// SplitMix64: small, fast and the same on every machine.
    private mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func random(below bound: Int) -> Int { Int(random() % UInt64(bound)) }

    private mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random()) } }

    private func signed(_ body: Data, id: String, timestamp: Int64 = 1_773_157_328) -> [(String, String)] {
        let headers = signer.headers(id: id, timestamp: timestamp, body: body, eventType: "message.received", subscriptionID: "s")
        return headers.map { ($0.name, $0.value) }
    }

    /// The next hostile request.
    mutating func next() -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        let id = "hostile-\(random())"
        var body = Data()
        switch random(below: 10) {
        case 0:  // random bytes, unsigned
            body = Data(bytes(random(below: 4096)))
        case 1:  // truncated JSON, correctly signed
            body = valid.prefix(random(below: valid.count - 1))
            request.headers.add(contentsOf: signed(body, id: id))
        case 2:  // invalid UTF-8 inside the JSON, correctly signed
            body = valid
            body.replaceSubrange(40..<44, with: [0xC3, 0x28, 0xFF, 0xFE])
            request.headers.add(contentsOf: signed(body, id: id))
        case 3:  // wrong content type, unsigned
            request.headers.replaceOrAdd(name: "content-type", value: "text/plain")
            body = Data("STOP".utf8)
        case 4:  // duplicate signature headers, neither valid
            body = valid
            request.headers.add(contentsOf: signed(body, id: id).filter { $0.0 != "webhook-signature" })
            request.headers.add(name: "webhook-signature", value: "v1,AAAA")
            request.headers.add(name: "webhook-signature", value: "v1,\(Data(bytes(32)).base64EncodedString())")
        case 5:  // a 64 KiB signature header
            body = valid
            request.headers.add(contentsOf: signed(body, id: id).filter { $0.0 != "webhook-signature" })
            request.headers.add(name: "webhook-signature", value: String(repeating: "v1,AAAA ", count: 8 * 1024))
        case 6:  // chunked random bytes with no length, unsigned
            let chunk = ByteBuffer(bytes: bytes(1 + random(below: 2048)))
            request.body = .stream(AsyncStream { $0.yield(chunk); $0.finish() }, length: .unknown)
            return request
        case 7:  // the signature of a different body
            body = valid
            var other = valid
            other.append(0x20)
            request.headers.add(contentsOf: signed(other, id: id))
        case 8:  // a replay: a valid signature ten minutes old
            body = valid
            request.headers.add(contentsOf: signed(body, id: id, timestamp: 1_773_157_328 - 600))
        default:  // over the body limit
            body = Data(count: 256 * 1024 + 1 + random(below: 4096))
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }
}
