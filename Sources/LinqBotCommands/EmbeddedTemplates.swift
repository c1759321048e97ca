import Foundation

/// The templates compiled into `linqbot`: the `EmbedTemplates` build plugin turns LinqBot's
/// `Templates/` folder into `EmbeddedTemplates.files` at build time, so the binary renders
/// the templates it was built with from any folder, with no checkout around.
enum EmbeddedTemplates {
    /// One file of one template, as the build embedded it.
    struct File: Sendable {
        /// The template's folder name, e.g. `starter`.
        let template: String
        /// The path inside the template folder, e.g. `Sources/{{name}}/main.swift.mustache`.
        let path: String
        /// The file's bytes, base64-encoded.
        let base64: String
    }

    /// Every embedded template: template name → (path inside it → bytes).
    static func templates() throws(CommandError) -> [String: [String: Data]] {
        var templates: [String: [String: Data]] = [:]
        for file in files {
            guard let data = Data(base64Encoded: file.base64) else {
                throw CommandError("The embedded template file \(file.template)/\(file.path) is damaged: rebuild linqbot.")
            }
            templates[file.template, default: [:]][file.path] = data
        }
        return templates
    }
}
