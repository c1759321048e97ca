import Foundation

/// Numbers injected messages as "msg-<n>", so a webhook or a reply can be matched to the
/// message that caused it by looking at its body.
enum TextMarker {
    static func text(_ number: Int) -> String { "msg-\(number)" }

    private static let prefix: [UInt8] = Array("msg-".utf8)

    /// The number after the first "msg-" in `body`, if any.
    static func find(in body: Data) -> Int? {
        body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            let count = bytes.count
            var index = 0
            while index + prefix.count < count {
                if bytes[index] == prefix[0], bytes[index + 1] == prefix[1], bytes[index + 2] == prefix[2], bytes[index + 3] == prefix[3] {
                    var cursor = index + prefix.count
                    var value = 0
                    var digits = 0
                    while cursor < count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, digits < 18 {
                        value = value * 10 + Int(bytes[cursor] - 0x30)
                        cursor += 1
                        digits += 1
                    }
                    if digits > 0 { return value }
                }
                index += 1
            }
            return nil
        }
    }
}
