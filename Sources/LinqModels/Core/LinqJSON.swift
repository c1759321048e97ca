public import Foundation

/// The JSON coders every LinqBot module uses for Linq's wire format.
///
/// Dates are read with ``LinqTimestamp`` (0 to 9 fractional digits) and written as UTC
/// with milliseconds. Model types spell their snake_case keys out, so no key strategy is set.
public enum LinqJSON {
    /// A decoder for Linq payloads.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = LinqTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "Expected an ISO-8601 timestamp such as 2026-03-10T15:42:07.318Z, got \"\(text)\""
                )
            }
            return date
        }
        return decoder
    }

    /// An encoder for request bodies; keys are sorted so output is stable.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(LinqTimestamp.format(date))
        }
        return encoder
    }
}
