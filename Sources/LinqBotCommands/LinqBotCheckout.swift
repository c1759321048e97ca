import Foundation

/// A LinqBot source checkout: the folder with LinqBot's `Package.swift` and `Templates/`.
///
/// `linqbot new` looks for the checkout its own binary was built in (the binary lives under the
/// checkout's `.build/`), so the templates it renders and the path dependency it writes come
/// from the same sources.
struct LinqBotCheckout: Sendable, Hashable {
    /// The checkout's root folder.
    let root: URL

    /// The checkout's templates.
    var templates: URL { root.appendingPathComponent("Templates", isDirectory: true) }

    /// The checkout at `root`, or `nil` when `root` is not one.
    init?(root: URL) {
        let manifest = root.appendingPathComponent("Package.swift")
        guard let data = FileManager.default.contents(atPath: manifest.path),
            String(decoding: data, as: UTF8.self).contains("name: \"LinqBot\""),
            Self.isDirectory(root.appendingPathComponent("Templates"))
        else { return nil }
        self.root = root.standardizedFileURL
    }

    /// The nearest checkout at or above `start` (a file or a folder), following symbolic links.
    static func enclosing(_ start: URL) -> LinqBotCheckout? {
        var folder = start.resolvingSymlinksInPath().standardizedFileURL
        if !isDirectory(folder) { folder = folder.deletingLastPathComponent() }
        while true {
            if let checkout = LinqBotCheckout(root: folder) { return checkout }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path || folder.path == "/" { return nil }
            folder = parent
        }
    }

    /// The checkout this `linqbot` binary was built in, if it still runs from there.
    static func ofRunningExecutable() -> LinqBotCheckout? {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return enclosing(executable)
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
