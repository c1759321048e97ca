import Foundation

/// The `Templates/` folder `linqbot new` renders from: one folder per template, each holding a
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

    /// The manifest file of each template; it is not rendered.
    static let manifestName = "template.json"

    /// The folder holding the templates.
    let directory: URL

    /// The templates, by name.
    func entries() throws(CommandError) -> [Entry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw CommandError("Cannot read the templates folder \(directory.path): \(error.localizedDescription)")
        }
        var entries: [Entry] = []
        for name in names.sorted() {
            let manifest = directory.appendingPathComponent(name).appendingPathComponent(Self.manifestName)
            guard let data = FileManager.default.contents(atPath: manifest.path) else { continue }
            do {
                var entry = try JSONDecoder().decode(Entry.self, from: data)
                entry.name = name
                entries.append(entry)
            } catch {
                throw CommandError("\(manifest.path) is not a template manifest ({\"summary\": \"…\"}): \(error)")
            }
        }
        guard !entries.isEmpty else {
            throw CommandError("\(directory.path) holds no templates (folders with a \(Self.manifestName)).")
        }
        return entries
    }

    /// The folder of template `name`; an unknown name is an error that lists the valid ones.
    func folder(of name: String) throws(CommandError) -> URL {
        let entries = try entries()
        guard entries.contains(where: { $0.name == name }) else {
            throw CommandError(
                "There is no template \"\(name)\". Choose one of: \(entries.map(\.name).joined(separator: ", ")) "
                    + "(`linqbot new --list` describes them)."
            )
        }
        return directory.appendingPathComponent(name)
    }

    /// The catalog as `linqbot new --list` prints it.
    func listing() throws(CommandError) -> String {
        let entries = try entries()
        let width = entries.map(\.name.count).max() ?? 0
        let rows = entries.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary }
        return (["Templates in \(directory.path):"] + rows.map { "  " + $0 }).joined(separator: "\n")
    }
}
