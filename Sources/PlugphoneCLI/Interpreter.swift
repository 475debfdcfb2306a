import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

/// The understanding the conversation listens through: one `Understander` per process.
public enum Interpreter {
    public static func make(locales: LocalesDirectory, catalog: Catalog) throws -> ConversationRuntime.Interpret {
        try make(locales: LocalesSource(locales), catalog: catalog)
    }

    public static func make(locales: LocalesSource, catalog: Catalog) throws -> ConversationRuntime.Interpret {
        let understander = try Understander(locales: locales, catalog: catalog, cache: .standard())
        return { text, language in understander.interpret(text, defaultLanguage: language) }
    }
}
