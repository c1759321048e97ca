import Foundation

/// Pretty JSON for `--json` output.
enum JSONText {
    static func encode(_ value: some Encodable) throws(CommandError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw CommandError("Cannot print the answer as JSON: \(error)")
        }
    }
}
