import ArgumentParser
import Foundation
import PlugphoneLocalization

extension Language: ExpressibleByArgument {}

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database (env PLUGPHONE_DB).", valueName: "path"))
    public var db: String?

    @Option(name: .long, help: ArgumentHelp("The Locales folder (env PLUGPHONE_LOCALES).", valueName: "path"))
    public var locales: String?

    @Option(name: .long, help: "The language of the session: fr or en.")
    public var lang: Language = .default

    public init() {}

    /// Finds the Locales folder, or fails with a clear sentence.
    public func localesDirectory() throws -> LocalesDirectory {
        do { return try LocalesDirectory.resolve(explicit: locales) } catch let error as LocalesDirectory.NotFound {
            throw CLIFailure(.usage, error.description)
        }
    }

    public func languagePack() throws -> LanguagePack {
        try languagePack(lang)
    }

    public func languagePack(_ language: Language) throws -> LanguagePack {
        let pack: LanguagePack
        do { pack = try LanguagePack.load(language, from: try localesDirectory()) } catch let error as Messages.LoadError {
            throw CLIFailure(.usage, error.description)
        }
        try checkEnvironment(pack)
        return pack
    }
}
