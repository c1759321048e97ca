/// A credential that never shows itself in logs, `print` or string interpolation.
///
/// ```swift
/// let key = Secret("sk_live_…")
/// print(key)            // Secret(redacted)
/// key.reveal()          // the real value, for the Authorization header only
/// ```
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, ExpressibleByStringLiteral
{
    private let value: String

    /// Wraps a credential.
    public init(_ value: String) { self.value = value }

    /// Wraps a credential literal.
    public init(stringLiteral value: String) { self.value = value }

    /// The credential itself. Call it only where the value must leave the process.
    public func reveal() -> String { value }

    /// Whether the credential is empty.
    public var isEmpty: Bool { value.isEmpty }

    /// Always `Secret(redacted)`.
    public var description: String { "Secret(redacted)" }

    /// Always `Secret(redacted)`.
    public var debugDescription: String { "Secret(redacted)" }

    /// A mirror with no children, so `dump` shows nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
