import Foundation
import PackagePlugin

/// Compiles the package's `Locales/` folder into the target it is applied to, so that an installed `plugphone`
/// carries its texts and training data and needs no folder beside it.
///
/// Every YAML file under `Locales/` is an input of the one build command: editing one regenerates the source and
/// rebuilds the target, and a build that changes no locale file does not run the tool at all.
@main
struct EmbedLocales: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let locales = context.package.directoryURL.appending(path: "Locales")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLocalesData.swift")
        return [
            .buildCommand(
                displayName: "Embedding Locales into \(target.name)",
                executable: try context.tool(named: "EmbedLocalesTool").url,
                arguments: [locales.path, output.path],
                inputFiles: Self.localeFiles(in: locales),
                outputFiles: [output]
            )
        ]
    }

    /// The same files, in the same order, as the tool embeds: `.yaml` and `.yml` files at any depth, hidden ones skipped.
    static func localeFiles(in folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension == "yaml" || url.pathExtension == "yml" {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
