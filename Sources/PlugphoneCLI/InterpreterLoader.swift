import Foundation
import PlugphoneBuiltInLocales
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding
import PlugphoneTerminal
import Synchronization

/// Builds the understanding on a background thread, so the welcome and the first prompt do not wait for it:
/// a person takes far longer to type a first line than the model takes to load, and a session that ends
/// before its first line (stdin at end of file, Ctrl-D at once) never waits for it at all.
final class InterpreterLoader: Sendable {
    private let result = Mutex<Result<ConversationRuntime.Interpret, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)
    /// Whether the data was read and found usable, known before the (longer) training ends.
    private let checkResult = Mutex<Result<Void, CLIFailure>?>(nil)
    private let checkDone = DispatchSemaphore(value: 0)

    init(locales: LocalesSource, catalog: Catalog) {
        let thread = Thread { [self] in
            // Reading can only fail on the locale data: invalid configuration, exit 2, with the file and line.
            let data: Result<Understander.TrainingData, CLIFailure>
            do { data = .success(try Understander.TrainingData(locales)) } catch { data = .failure(CLIFailure(.usage, "\(error)")) }
            checkResult.withLock { $0 = data.map { _ in () } }
            checkDone.signal()
            let built = Result<ConversationRuntime.Interpret, any Error> {
                let understander = try Understander(data: data.get(), catalog: catalog, cache: .standard())
                return { text, language in understander.interpret(text, defaultLanguage: language) }
            }.mapError { error -> any Error in error is CLIFailure ? error : CLIFailure(.usage, "\(error)") }
            result.withLock { $0 = built }
            done.signal()
        }
        thread.start()
    }

    /// Waits until the understanding's data is read (milliseconds, not the training): bad locale data is reported
    /// before anything is said.
    func checked() throws {
        if let checked = checkResult.withLock({ $0 }) { return try checked.get() }
        checkDone.wait()
        checkDone.signal()
        try checkResult.withLock({ $0 })?.get()
    }

    /// Waits for the understanding; throws what building it threw. Call before the first line is heard.
    func ready() throws -> ConversationRuntime.Interpret {
        if result.withLock({ $0 == nil }) {
            done.wait()
            done.signal()
        }
        guard let built = result.withLock({ $0 }) else { return { text, language in Self.unknown(text, language) } }
        // Malformed training data (`nlu.yml`) is bad usage, exit code 2, as in `parse`.
        do { return try built.get() } catch let failure as CLIFailure { throw failure } catch {
            throw CLIFailure(.usage, TerminalSanitizer.clean("\(error)"))
        }
    }

    /// The closure the runtime holds: it waits for the understanding on first use. `ready()` is called
    /// first by the session, so a failure is reported there, as a command error, and never reaches here.
    var interpret: ConversationRuntime.Interpret {
        { [self] text, language in
            guard let interpret = try? ready() else { return Self.unknown(text, language) }
            return interpret(text, language)
        }
    }

    private static func unknown(_ text: String, _ language: Language) -> Interpretation {
        Interpretation(text: text, language: language, intent: .outOfScope, confidence: 0)
    }
}

extension GlobalOptions {
    /// Every language's pack, read side by side: a session may switch language, and reading the YAML is
    /// most of what happens before the first prompt.
    ///
    /// Checked before anything is said: every language defines the same message keys, and a `--locales` folder every
    /// key of the built-in data (the keys the program uses). A failure names the file and line (exit 2).
    func languagePacks() throws -> [Language: LanguagePack] {
        let languages = Language.allCases
        let source = try localesSource()
        let loaded = Mutex<[Language: Result<LanguagePack, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: languages.count) { index in
            let language = languages[index]
            let result = Result { try LanguagePack.load(language, from: source) }
            loaded.withLock { $0[language] = result }
        }
        var packs: [Language: LanguagePack] = [:]
        do {
            for language in languages {
                guard let result = loaded.withLock({ $0[language] }) else { continue }
                packs[language] = try result.get()
            }
            try Messages.checkSameKeys(languages.compactMap { packs[$0]?.messages })
            if source.origin != .builtIn {
                let builtIn = LocalesSource(origin: .builtIn, files: BuiltInLocales.files)
                for language in languages {
                    try packs[language]?.messages.checkComplete(against: Messages.load(language, from: builtIn))
                }
            }
        } catch let error as LocaleDataError {
            throw CLIFailure(.usage, error.description)
        }
        if let pack = packs[lang] ?? packs.values.first { try checkEnvironment(pack) }
        return packs
    }
}
