public import Foundation

/// One fuzz input split the way the harnesses read it: a flags byte, then `lineCount` fields
/// ended by `\n`, then the rest as the body. Missing fields are `nil`, so a short input still
/// exercises the "header absent" paths.
public struct FuzzInput: Sendable {
    /// The first byte: each harness gives its bits a meaning.
    public var flags: UInt8
    /// The fields after the flags byte, as text (invalid UTF-8 is repaired).
    public var fields: [String?]
    /// Everything after the last field.
    public var body: Data

    /// Splits `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer, lineCount: Int) {
        var rest = bytes.isEmpty ? UnsafeRawBufferPointer(start: nil, count: 0) : UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        flags = bytes.first ?? 0
        fields = []
        for _ in 0..<lineCount {
            guard let end = rest.firstIndex(of: 0x0A) else {
                fields.append(nil)
                continue
            }
            fields.append(String(decoding: UnsafeRawBufferPointer(rebasing: rest[rest.startIndex..<end]), as: UTF8.self))
            rest = UnsafeRawBufferPointer(rebasing: rest[(end + 1)...])
        }
        body = Data(rest)
    }

    /// The field at `index`, or `nil`.
    public func field(_ index: Int) -> String? { index < fields.count ? fields[index] : nil }

    /// Whether bit `bit` of the flags is set.
    public func flag(_ bit: Int) -> Bool { flags & (1 << bit) != 0 }
}
