import Foundation
import Mustache

/// Renders one template's files into a new package folder.
///
/// Every file whose name ends in `.mustache` is rendered with swift-mustache and written without
/// that suffix; other files are copied as they are. Folder and file names are rendered too, so
/// `Sources/{{name}}/main.swift.mustache` becomes `Sources/PizzaBot/main.swift`. Output is
/// plain text (no HTML escaping), and a template that names a variable the renderer does not
/// provide is refused rather than rendered with a hole.
struct TemplateRenderer: Sendable {
    /// The values templates may use, by name.
    let values: [String: String]

    /// What would be written for a template's files (path inside the template → bytes):
    /// relative path → contents. The template's manifest is left out.
    func render(_ template: [String: Data]) throws(CommandError) -> [String: Data] {
        var files: [String: Data] = [:]
        for (relative, data) in template where relative != TemplateCatalog.manifestName {
            var path = try render(relative, in: "the file name \(relative)")
            if path.hasSuffix(".mustache") {
                path.removeLast(".mustache".count)
                let text = String(decoding: data, as: UTF8.self)
                files[path] = Data(try render(text, in: relative).utf8)
            } else {
                files[path] = data
            }
        }
        return files
    }

    /// Renders a template's files into `destination`, which must not exist or be an empty
    /// folder. Returns the relative paths written, sorted.
    @discardableResult
    func write(_ template: [String: Data], to destination: URL) throws(CommandError) -> [String] {
        try Self.checkEmpty(destination)
        let files = try render(template)
        do {
            for (path, data) in files {
                let url = destination.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            }
        } catch {
            throw CommandError("Cannot write into \(destination.path): \(error.localizedDescription)")
        }
        return files.keys.sorted()
    }

    /// Refuses a destination that holds anything.
    static func checkEmpty(_ destination: URL) throws(CommandError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw CommandError("\(destination.path) is a file: choose another --output folder.")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
        guard contents.isEmpty else {
            throw CommandError(
                "\(destination.path) already exists and is not empty: choose another NAME or --output folder, or remove it."
            )
        }
    }

    private func render(_ text: String, in place: String) throws(CommandError) -> String {
        guard text.contains("{{") else { return text }
        for name in Self.variables(in: text) where values[name] == nil {
            throw CommandError(
                "\(place) uses {{\(name)}}, which `linqbot new` does not provide. "
                    + "Known: \(values.keys.sorted().joined(separator: ", "))."
            )
        }
        do {
            // Swift sources, not HTML: substitute values exactly as given.
            let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
            return template.render(values)
        } catch {
            throw CommandError("\(place) is not a valid mustache template: \(error)")
        }
    }

    /// The names of the variables and sections `text` refers to (not comments, pragmas or partials).
    static func variables(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if let first = tag.first, "!%>=".contains(first) { continue }
            while let first = tag.first, "{&#^/".contains(first) { tag.removeFirst() }
            tag = tag.trimmingCharacters(in: .whitespaces)
            if tag.hasSuffix("}") { tag.removeLast() }
            if !tag.isEmpty, tag != "." { names.insert(tag) }
        }
        return names
    }
}
