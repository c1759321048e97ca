public import Foundation

/// Sample Linq payloads shared by the test targets and the benchmarks.
///
/// The files live beside this source in `Fixtures/`; they are read from the checkout so the
/// exact bytes (signatures depend on them) are used.
public enum Fixtures {
    /// The folder that holds `linq-api/` and `linq-webhooks/`.
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The bytes of a fixture, by its path below `Fixtures/` (e.g. `linq-webhooks/chat.created.json`).
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    /// The names of the files in one fixture folder, sorted.
    public static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
    }
}
