import Foundation
import PlugphoneDomain
import PlugphoneLocalization
@testable import PlugphoneUnderstanding

/// One understander for all tests: built from the package's own `Locales/` (three levels up from this file).
enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let locales: LocalesDirectory = {
        do { return try LocalesDirectory.resolve(explicit: packageRoot.appendingPathComponent("Locales").path) } catch {
            fatalError("\(error)")
        }
    }()

    static let understander: Understander = {
        do { return try Understander(locales: locales, catalog: .demo) } catch { fatalError("\(error)") }
    }()

    static func heldOut(_ language: Language) throws -> RasaNLU {
        let name = "heldout-\(language.rawValue)"
        if let url = Bundle.module.url(forResource: name, withExtension: "yml", subdirectory: "Fixtures") {
            return try RasaNLU.load(url)
        }
        return try RasaNLU.load(packageRoot.appendingPathComponent("Tests/PlugphoneUnderstandingTests/Fixtures/\(name).yml"))
    }

    static func interpret(_ text: String, _ language: Language = .fr) -> Interpretation {
        understander.interpret(text, defaultLanguage: language)
    }
}
