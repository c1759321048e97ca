import Foundation

/// The templates `linqbot new` renders from: the ones compiled into `linqbot`, or a folder of
/// them (a checkout's `Templates/`, or `--templates DIR`). Each template is a folder holding a
/// `template.json` (`{"summary": "…"}`) and the files of a package.
struct TemplateCatalog: Sendable {
    /// One template.
    struct Entry: Sendable, Hashable, Decodable {
        /// The folder name, e.g. `starter`; what `--template` takes.
        var name: String
        /// One line on what the bot does.
        var summary: String

        enum CodingKeys: String, CodingKey { case summary }

        init(name: String, summary: String) {
            self.name = name
            self.summary = summary
        }

        init(from decoder: any Decoder) throws {
            name = ""
            summary = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .summary)
        }
    }

    /// Where the templates come from.
    enum Source: Sendable, Hashable {
        /// A folder with one subfolder per template.
        case directory(URL)
        /// The templates compiled into this `linqbot`.
        case embedded
    }

    /// The manifest file of each template; it is not rendered.
    static let manifestName = "template.json"

    /// Where the templates come from.
    let source: Source

    /// The catalog of the templates in `directory`.
    init(directory: URL) { source = .directory(directory) }

    /// The catalog of the templates compiled into this `linqbot`.
    static let embedded = TemplateCatalog(source: .embedded)

    private init(source: Source) { self.source = source }

    /// Where the templates are, in words: a folder's path, or the built-in set.
    var origin: String {
        switch source {
        case .directory(let directory): directory.path
        case .embedded: "linqbot \(LinqBotRelease.version) (built in)"
        }
    }

    /// The templates, by name.
    func entries() throws(CommandError) -> [Entry] {
        var entries: [Entry] = []
        for (name, files) in try templates().sorted(by: { $0.key < $1.key }) {
            guard let data = files[Self.manifestName] else { continue }
            do {
                var entry = try JSONDecoder().decode(Entry.self, from: data)
                entry.name = name
                entries.append(entry)
            } catch {
                throw CommandError("\(origin): \(name)/\(Self.manifestName) is not a template manifest ({\"summary\": \"…\"}): \(error)")
            }
        }
        guard !entries.isEmpty else {
            throw CommandError("\(origin) holds no templates (folders with a \(Self.manifestName)).")
        }
        return entries
    }

    /// The files of template `name` (path inside the template → bytes), manifest included; an
    /// unknown name is an error that lists the valid ones.
    func files(of name: String) throws(CommandError) -> [String: Data] {
        let entries = try entries()
        guard entries.contains(where: { $0.name == name }), let files = try templates()[name] else {
            throw CommandError(
                "There is no template \"\(name)\". Choose one of: \(entries.map(\.name).joined(separator: ", ")) "
                    + "(`linqbot new --list` describes them)."
            )
        }
        return files
    }

    /// The catalog as `linqbot new --list` prints it.
    func listing() throws(CommandError) -> String {
        let entries = try entries()
        let width = entries.map(\.name.count).max() ?? 0
        let rows = entries.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary }
        return (["Templates in \(origin):"] + rows.map { "  " + $0 }).joined(separator: "\n")
    }

    /// Every template: name → (path inside it → bytes).
    private func templates() throws(CommandError) -> [String: [String: Data]] {
        switch source {
        case .embedded: try EmbeddedTemplates.templates()
        case .directory(let directory): try Self.read(directory)
        }
    }

    /// Reads each subfolder of `directory` as a template.
    private static func read(_ directory: URL) throws(CommandError) -> [String: [String: Data]] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw CommandError("Cannot read the templates folder \(directory.path): \(error.localizedDescription)")
        }
        var templates: [String: [String: Data]] = [:]
        for name in names {
            let folder = directory.appendingPathComponent(name, isDirectory: true)
            guard LinqBotCheckout.isDirectory(folder) else { continue }
            templates[name] = try readFiles(in: folder)
        }
        return templates
    }

    /// Every regular file below `folder`, hidden ones too: relative path → bytes.
    static func readFiles(in folder: URL) throws(CommandError) -> [String: Data] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw CommandError("Cannot read the template folder \(folder.path).")
        }
        let base = folder.resolvingSymlinksInPath().standardizedFileURL.path
        var files: [String: Data] = [:]
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard full.hasPrefix(base + "/") else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CommandError("Cannot read \(url.path).")
            }
            files[String(full.dropFirst(base.count + 1))] = data
        }
        return files
    }
}
