import Foundation

/// What a person's answer to a reminder means.
public enum AppointmentReply: Sendable, Hashable {
    /// Yes, they will come.
    case confirm
    /// They will not come.
    case cancel
    /// They want another time.
    case reschedule
    /// The offered slot with this index (from 0).
    case pick(Int)
    /// Keep the current time after all (while picking a slot).
    case keep

    /// Reads `text`; `nil` when it says none of these. A bare "CANCEL" is left to the line's
    /// opt-out rules (it is one of Linq's stop words), so cancelling is "X" or "cancel it".
    public init?(_ text: String, offered: Int = 0) {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        let words = Set(lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        if offered > 0, let number = Int(lowered), (1...offered).contains(number) {
            self = .pick(number - 1)
        } else if ["c", "y", "yes", "confirm", "confirmed", "ok", "okay", "👍", "sure", "yep"].contains(lowered) || words.contains("confirm") {
            self = .confirm
        } else if ["x", "cancel it", "cancel please", "please cancel", "can't make it", "cant make it"].contains(lowered)
            || lowered.hasPrefix("cancel my") || lowered.hasPrefix("cancel the") || lowered.hasPrefix("cancel appointment") {
            self = .cancel
        } else if ["r", "reschedule", "change", "another time", "different time", "move it"].contains(lowered) || words.contains("reschedule") {
            self = .reschedule
        } else if ["keep", "k", "never mind", "nevermind", "keep it", "keep the current one"].contains(lowered) {
            self = .keep
        } else {
            return nil
        }
    }
}
