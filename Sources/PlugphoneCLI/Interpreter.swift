import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

/// The understanding the conversation listens through.
public enum Interpreter {
    public static func make(locales: LocalesDirectory, catalog: Catalog) throws -> ConversationRuntime.Interpret {
        throw CLIFailure(.usage, "understanding not merged yet")
    }
}
