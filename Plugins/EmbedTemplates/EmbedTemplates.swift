import Foundation
import PackagePlugin

/// Compiles LinqBot's `Templates/` folder into the target it is applied to (`LinqBotCommands`):
/// `LinqBotTemplateEmbedder` writes every template file into one generated Swift source, so a
/// `linqbot` binary copied anywhere still renders the templates it was built with.
///
/// Every template file is an input of the command, so editing, adding or removing one
/// regenerates the source on the next build.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates", directoryHint: .isDirectory)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates+Files.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        // The folders too, so that a file added or removed changes an input's timestamp.
        inputs.append(templates)
        return [
            .buildCommand(
                displayName: "Embedding LinqBot's templates into \(target.name)",
                executable: try context.tool(named: "LinqBotTemplateEmbedder").url,
                arguments: [templates.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
