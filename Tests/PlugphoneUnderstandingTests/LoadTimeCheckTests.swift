import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// The understanding's data is checked when it is loaded: an unknown intent, a value of the wrong shape or a misspelt
/// key is an error naming the file and the line, never examples or words silently dropped.
struct LoadTimeCheckTests {
    /// The shipped data with one file replaced.
    private func source(replacing path: String, with text: String) throws -> LocalesSource {
        var files = try LocalesSource(Fixture.locales).files
        files[path] = text
        return LocalesSource(origin: .builtIn, files: files)
    }

    private func loadError(_ path: String, _ text: String) throws -> LocaleDataError? {
        do {
            _ = try LanguageResources.load(path.hasPrefix("fr/") ? .fr : .en, from: try source(replacing: path, with: text))
            return nil
        } catch let error as LocaleDataError {
            return error
        }
    }

    @Test func anUnknownIntentIsAnErrorAtItsLine() throws {
        let shipped = try #require(try LocalesSource(Fixture.locales).files["en/nlu.yml"])
        let error = try #require(try loadError("en/nlu.yml", shipped + "\n- intent: order_pizza\n  examples: |\n    - a pizza please\n"))
        #expect(error.file == "Locales/en/nlu.yml (built in)")
        #expect(error.line == shipped.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
        #expect(error.reason.hasPrefix("unknown intent order_pizza; the intents are order_phone, "))
    }

    @Test func anIntentWithoutExamplesIsAnError() throws {
        let yaml = "version: \"3.1\"\nnlu:\n- intent: greet\n  examples: |\n    - bonjour\n"
        let error = try #require(try loadError("fr/nlu.yml", yaml))
        #expect(error.reason.hasPrefix("no examples for the intent(s) order_phone, change_phone"))
    }

    @Test func malformedValuesAreErrorsAtTheirLine() throws {
        let numbers = try #require(try loadError("fr/numbers.yaml", "units: {un: 1}\nteens:\n  onze: onze\n"))
        #expect(numbers.line == 3)
        #expect(numbers.reason == "teens.onze must be a whole number")
        let list = try #require(try loadError("fr/normalization.yaml", "fillers: le\n"))
        #expect(list.line == 1)
        let misspelt = try #require(try loadError("fr/normalization.yaml", "fillers: [le]\nstop_word: [et]\n"))
        #expect(misspelt.line == 2)
        #expect(misspelt.reason.hasPrefix("unknown key stop_word; the keys are "))
        let syntax = try #require(try loadError("fr/models.yaml", "currency: [euros\n"))
        #expect(syntax.file == "Locales/fr/models.yaml (built in)")
        #expect(syntax.line != nil)
        let regex = try #require(try loadError("en/nlu.yml", "nlu:\n- intent: greet\n  examples: |\n    - hi\n- regex: rma\n  examples: |\n    - rma(\n"))
        #expect(regex.line == 6)
        #expect(regex.reason == "regex rma: rma( is not a valid regular expression")
        let item = try #require(try loadError("en/nlu.yml", "nlu:\n- intent: greet\n  examples: |\n    - hi\n- examples: |\n    - orphan\n"))
        #expect(item.line == 5)
    }

    @Test func theShippedDataNamesOnlyKnownIntentsAndEveryOne() throws {
        let source = try LocalesSource(Fixture.locales)
        for language in Language.allCases {
            let nlu = try RasaNLU.parse(try #require(source.text(language, "nlu.yml")))
            #expect(Set(nlu.intentOrder) == Set(Intent.allCases.map(\.rawValue)), "\(language)")
            _ = try LanguageResources.load(language, from: source)
        }
    }

    /// The classifier keeps one SIMD lane per intent: a 17th intent must come with a wider row, never be dropped.
    @Test func everyIntentHasALaneInTheClassifier() {
        #expect(Intent.allCases.count <= IntentClassifier.Row.scalarCount)
        #expect(Set(Fixture.understander.packs[.fr]?.classifier.labels ?? []) == Set(Intent.allCases))
        #expect(Set(Fixture.understander.packs[.en]?.classifier.labels ?? []) == Set(Intent.allCases))
    }
}
