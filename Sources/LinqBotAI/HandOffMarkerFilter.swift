import Foundation

/// Watches a streamed answer for the hand-off marker, which may arrive split over several
/// pieces: text that might be the start of the marker is held back until it is clear, and
/// everything from the marker on is dropped.
///
/// ```swift
/// var filter = HandOffMarkerFilter(marker: "[HANDOFF]")
/// filter.feed("Let me get someone. [HAND")   // "Let me get someone. "
/// filter.feed("OFF]")                        // ""; filter.found == true
/// ```
public struct HandOffMarkerFilter: Sendable {
    /// The marker; empty turns the filter off.
    public let marker: String
    /// Whether the marker has been seen.
    public private(set) var found = false
    private var held = ""

    /// Creates a filter for `marker`.
    public init(marker: String) { self.marker = marker }

    /// Takes the next piece; returns the text that is safe to show.
    public mutating func feed(_ text: String) -> String {
        guard !found else { return "" }
        guard !marker.isEmpty else { return text }
        let combined = held + text
        if let range = combined.range(of: marker) {
            found = true
            held = ""
            return String(combined[..<range.lowerBound])
        }
        // Hold back the longest ending of the text that is a beginning of the marker.
        var keep = min(marker.count - 1, combined.count)
        while keep > 0, !marker.hasPrefix(combined.suffix(keep)) { keep -= 1 }
        held = String(combined.suffix(keep))
        return String(combined.dropLast(keep))
    }

    /// Ends the answer; returns held-back text that turned out not to be the marker.
    public mutating func finish() -> String {
        defer { held = "" }
        return found ? "" : held
    }
}
