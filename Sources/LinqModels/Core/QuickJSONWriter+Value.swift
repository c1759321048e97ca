package import Foundation

extension QuickJSONWriter {
    /// `object` as JSON, its keys sorted, or `nil` when it holds a number JSON cannot carry
    /// (NaN or an infinity, which `JSONEncoder` refuses with an error of its own).
    ///
    /// A chat's session is written this way on every event: it reads back as the same values
    /// `JSONEncoder`'s text does, without the encoder's boxing of each value.
    package static func json(_ object: [String: JSONValue]) -> Data? {
        var writer = QuickJSONWriter(capacity: 256)
        guard writer.value(.object(object)) else { return nil }
        return writer.data
    }

    /// Appends `value`; `false` for a number that is not finite (the writer is then unfinished).
    package mutating func value(_ value: JSONValue) -> Bool {
        switch value {
        case .null:
            raw("null")
        case .bool(let flag):
            flag ? raw("true") : raw("false")
        case .number(let number):
            guard number.isFinite else { return false }
            // Whole numbers as integers, as the encoder writes them; others in the shortest
            // form that reads back as the same `Double`.
            if number.rounded(.towardZero) == number, abs(number) < 9_007_199_254_740_992 {
                unquoted(String(Int64(number)))
            } else {
                unquoted(number.description)
            }
        case .string(let text):
            string(text)
        case .array(let items):
            raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { raw(",") }
                guard self.value(item) else { return false }
            }
            raw("]")
        case .object(let members):
            raw("{")
            for (index, (key, member)) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { raw(",") }
                string(key)
                raw(":")
                guard self.value(member) else { return false }
            }
            raw("}")
        }
        return true
    }
}
