import Foundation

/// Paths for the CLI tests: this checkout, and temporary folders that are removed afterwards.
enum Workspace {
    /// The root of the checkout these tests belong to.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().standardizedFileURL

    /// Runs `body` with a new empty folder, then removes it.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-cli-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Every file under `folder` (hidden ones too), by relative path, as text.
    static func files(in folder: URL) throws -> [String: String] {
        let base = folder.resolvingSymlinksInPath().standardizedFileURL.path
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = url.resolvingSymlinksInPath().standardizedFileURL.path
            files[String(path.dropFirst(base.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }
}
