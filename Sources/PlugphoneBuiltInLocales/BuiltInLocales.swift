/// The package's `Locales/` folder as it was at build time, compiled into the program by the EmbedLocales plugin,
/// so that an installed binary needs no folder beside it.
public enum BuiltInLocales {
    /// Relative path (`fr/messages.yaml`) → the file's text, for every YAML file of `Locales/`.
    public static let files: [String: String] = {
        var files: [String: String] = [:]
        for (path, text) in embeddedLocaleFiles { files[path] = text }
        return files
    }()
}
