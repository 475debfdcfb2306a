import Foundation
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

    init(locales: LocalesDirectory, catalog: Catalog) {
        let thread = Thread { [self] in
            let built = Result { try Interpreter.make(locales: locales, catalog: catalog) }
            result.withLock { $0 = built }
            done.signal()
        }
        thread.start()
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
    func languagePacks() throws -> [Language: LanguagePack] {
        let languages = Language.allCases
        let directory = try localesDirectory()
        let loaded = Mutex<[Language: Result<LanguagePack, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: languages.count) { index in
            let language = languages[index]
            let result = Result { try LanguagePack.load(language, from: directory) }
            loaded.withLock { $0[language] = result }
        }
        var packs: [Language: LanguagePack] = [:]
        for language in languages {
            guard let result = loaded.withLock({ $0[language] }) else { continue }
            do { packs[language] = try result.get() } catch let error as Messages.LoadError {
                throw CLIFailure(.usage, error.description)
            }
        }
        if let pack = packs[lang] ?? packs.values.first { try checkEnvironment(pack) }
        return packs
    }
}
