import Foundation

// Turns a templates folder into one Swift source for `LinqBotCommands`, so that `linqbot new`
// carries its templates inside the binary and renders them wherever it runs.
//
//     LinqBotTemplateEmbedder TEMPLATES_DIR OUTPUT_SWIFT_FILE
//
// Every regular file below TEMPLATES_DIR becomes one `EmbeddedTemplates.File`: the template's
// folder name, the path inside it, and the bytes as base64 (exact bytes, whatever they hold).
// The files are listed in path order, so the same folder always gives the same source.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: LinqBotTemplateEmbedder TEMPLATES_DIR OUTPUT_SWIFT_FILE\n".utf8))
    exit(2)
}
let templates = URL(fileURLWithPath: arguments[1], isDirectory: true).resolvingSymlinksInPath().standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

/// Files the templates folder may hold that are not part of any template.
let ignored: Set<String> = [".DS_Store"]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

/// A Swift string literal for a path: quotes and backslashes escaped.
func literal(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": escaped += "\\\\"
        case "\"": escaped += "\\\""
        case "\n": escaped += "\\n"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return "\"\(escaped)\""
}

guard let enumerator = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) else {
    fail("cannot read the templates folder \(templates.path)")
}
let base = templates.path
var entries: [(template: String, path: String, data: Data)] = []
for case let url as URL in enumerator {
    guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
    guard !ignored.contains(url.lastPathComponent) else { continue }
    let full = url.resolvingSymlinksInPath().standardizedFileURL.path
    guard full.hasPrefix(base + "/") else { continue }
    let relative = full.dropFirst(base.count + 1).split(separator: "/", maxSplits: 1).map(String.init)
    guard relative.count == 2 else { continue }  // a loose file beside the template folders
    guard let data = FileManager.default.contents(atPath: full) else { fail("cannot read \(full)") }
    entries.append((relative[0], relative[1], data))
}
entries.sort { ($0.template, $0.path) < ($1.template, $1.path) }
guard !entries.isEmpty else { fail("\(templates.path) holds no template files") }

var source = """
    // Generated at build time from LinqBot's Templates/ folder by LinqBotTemplateEmbedder
    // (the EmbedTemplates build plugin). Edit the templates, not this file.

    extension EmbeddedTemplates {
        /// Every file of every template, in path order.
        static let files: [EmbeddedTemplates.File] = [

    """
for entry in entries {
    source += "        EmbeddedTemplates.File(template: \(literal(entry.template)), path: \(literal(entry.path)), base64: "
    source += "\"\(entry.data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"

do {
    try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    // Rewrite only on change, so an unchanged folder does not recompile LinqBotCommands.
    if FileManager.default.contents(atPath: output.path) != Data(source.utf8) {
        try Data(source.utf8).write(to: output, options: .atomic)
    }
} catch {
    fail("cannot write \(output.path): \(error)")
}
