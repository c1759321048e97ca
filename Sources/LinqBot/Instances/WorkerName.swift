/// How worker names carry their instance: a worker of instance `id` is named `id/N`, so a
/// store can free every lease an instance's workers hold from the instance id alone.
///
/// Instance ids never contain `/`, which makes the prefix `id/` name exactly one instance's
/// workers. Workers named otherwise (tests that claim by hand) belong to no instance: only
/// their lease's expiry frees them.
public enum WorkerName {
    /// The longest instance id accepted.
    public static let maximumInstanceIDLength = 200

    /// The name of worker `index` of instance `instanceID`: `instanceID/index`.
    public static func make(instance instanceID: String, index: Int) -> String {
        "\(instanceID)/\(index)"
    }

    /// The instance a worker belongs to (the part before its `/`), or `nil` for a name with none.
    public static func instance(of worker: String) -> String? {
        guard let slash = worker.firstIndex(of: "/"), slash != worker.startIndex else { return nil }
        return String(worker[..<slash])
    }

    /// The prefix of every worker name of `instanceID` (`instanceID/`), for stores that match it.
    public static func prefix(of instanceID: String) -> String { "\(instanceID)/" }

    /// Why `instanceID` cannot name an instance, or `nil` when it can: it must be 1 to 200
    /// printable ASCII characters, without `/` or spaces.
    public static func problem(with instanceID: String) -> String? {
        if instanceID.isEmpty { return "the instance id is empty" }
        if instanceID.utf8.count > maximumInstanceIDLength {
            return "the instance id has \(instanceID.utf8.count) bytes; use at most \(maximumInstanceIDLength)"
        }
        if instanceID.contains("/") { return "the instance id \"\(instanceID)\" contains /, which separates it from worker numbers" }
        if !instanceID.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) {
            return "the instance id \"\(instanceID)\" has spaces or characters other than printable ASCII"
        }
        return nil
    }
}
