import ArgumentParser
import Foundation
import PlugphoneBuiltInLocales
import PlugphoneLocalization

extension Language: ExpressibleByArgument {}

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database (env PLUGPHONE_DB).", valueName: "path"))
    public var db: String?

    @Option(name: .long, help: ArgumentHelp("A Locales folder to use instead of the texts and training data built into the program (env PLUGPHONE_LOCALES).", valueName: "path"))
    public var locales: String?

    @Option(name: .long, help: "The language of the session: fr or en.")
    public var lang: Language = .default

    public init() {}

    /// The texts and training data in use: `--locales`, else `PLUGPHONE_LOCALES`, else those built into the program.
    /// A folder asked for and not found, or unreadable, fails with a clear sentence (exit 2).
    public func localesSource() throws -> LocalesSource {
        do { return try LocalesSource.resolve(explicit: locales, builtIn: BuiltInLocales.files) } catch let error as LocalesDirectory.NotFound {
            throw CLIFailure(.usage, error.description)
        } catch let error as LocaleDataError {
            throw CLIFailure(.usage, error.description)
        }
    }

    public func languagePack() throws -> LanguagePack {
        try languagePack(lang)
    }

    /// One language's pack, after the checks of `languagePacks()`.
    public func languagePack(_ language: Language) throws -> LanguagePack {
        guard let pack = try languagePacks()[language] else { throw CLIFailure(.usage, "--lang \(language.rawValue)") }
        return pack
    }
}
