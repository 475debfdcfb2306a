import Foundation
import PlugphoneBuiltInLocales
import PlugphoneDomain
import Testing
@testable import PlugphoneLocalization

/// Locale data is checked when it is loaded: a mistake is an error naming the file and the line, never a silent skip
/// or a `⟦key⟧` shown to a customer.
struct LocaleDataCheckTests {
    @Test func malformedYAMLNamesTheFileAndLine() {
        #expect(throws: LocaleDataError.self) { try Messages.parse("a: \"ok\"\nb: [unclosed\n", language: .fr, file: "fr/messages.yaml") }
        do {
            _ = try Messages.parse("a: \"ok\"\nb:\n  - \"x\"\n  - {c: d}\n", language: .fr, file: "fr/messages.yaml")
            Issue.record("a mapping inside a list of texts was accepted")
        } catch let error as LocaleDataError {
            #expect(error.file == "fr/messages.yaml")
            #expect(error.line == 4)
            #expect(error.description.hasPrefix("Invalid locale data: fr/messages.yaml:4: "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aKeyInOneLanguageOnlyIsAnErrorAtItsLine() throws {
        let fr = try Messages.parse("conv:\n  greeting: Bonjour\n  extra: Encore\n", language: .fr, file: "fr/messages.yaml")
        let en = try Messages.parse("conv:\n  greeting: Hello\n", language: .en, file: "en/messages.yaml")
        #expect(throws: LocaleDataError(file: "fr/messages.yaml", line: 3, reason: "message key conv.extra is defined for fr but missing from en")) {
            try Messages.checkSameKeys([fr, en])
        }
        #expect(throws: Never.self) { try Messages.checkSameKeys([fr, fr]) }
    }

    @Test func anOperatorsFolderMustDefineEveryKeyOfTheBuiltInData() throws {
        let builtIn = try Messages.parse("a: A\nlist: [x, y]\n", language: .fr, file: "Locales/fr/messages.yaml (built in)")
        let custom = try Messages.parse("a: Autre\n", language: .fr, file: "/srv/locales/fr/messages.yaml")
        #expect(throws: LocaleDataError(
            file: "Locales/fr/messages.yaml (built in)", line: 2, reason: "message key list is used by the program but missing from the fr messages in use"
        )) { try custom.checkComplete(against: builtIn) }
    }

    @Test func theShippedLanguagesDefineTheSameKeys() throws {
        let source = try LocalesSource(locales)
        try Messages.checkSameKeys(Language.allCases.map { try Messages.load($0, from: source) })
    }

    @Test func theBuiltInLocalesAreTheRepositorysFolderByteForByte() throws {
        let folder = try LocalesSource(locales)
        let builtIn = LocalesSource(origin: .builtIn, files: BuiltInLocales.files)
        #expect(builtIn.files == folder.files)
        #expect(builtIn.contentDigest == folder.contentDigest)
        #expect(builtIn.files["fr/nlu.yml"] != nil)
    }

    @Test func theContentDigestIsStableAndFollowsEveryByte() {
        let a = LocalesSource(origin: .builtIn, files: ["fr/messages.yaml": "a: « é »\n", "en/messages.yaml": "a: b\n"])
        let same = LocalesSource(origin: .folder(URL(fileURLWithPath: "/x")), files: ["en/messages.yaml": "a: b\n", "fr/messages.yaml": "a: « é »\n"])
        let edited = LocalesSource(origin: .builtIn, files: ["fr/messages.yaml": "a: « è »\n", "en/messages.yaml": "a: b\n"])
        let moved = LocalesSource(origin: .builtIn, files: ["fr/messages.yaml": "a: « é »\n", "en/message.yaml": "a: b\n"])
        #expect(a.contentDigest == same.contentDigest)
        #expect(a.contentDigest != edited.contentDigest)
        #expect(a.contentDigest != moved.contentDigest)
        #expect(a.contentDigest.count == 16)
        let englishOnly = a.contentDigest { $0.hasPrefix("en/") }
        #expect(englishOnly == edited.contentDigest { $0.hasPrefix("en/") })
        #expect(englishOnly == LocalesSource(origin: .builtIn, files: ["en/messages.yaml": "a: b\n"]).contentDigest)
        // FNV-1a-64 of nothing is its offset basis: the digest is the published algorithm, reproducible anywhere.
        #expect(LocalesSource(origin: .builtIn, files: [:]).contentDigest == "cbf29ce484222325")
    }

    @Test func anAskedForFolderThatIsMissingIsAnErrorNotTheBuiltInData() throws {
        #expect(throws: LocalesDirectory.NotFound.self) {
            try LocalesSource.resolve(explicit: "/nonexistent", environment: [:], workingDirectory: "/", builtIn: [:])
        }
        let builtIn = try LocalesSource.resolve(explicit: nil, environment: [:], workingDirectory: "/", builtIn: ["fr/a.yaml": "a: b"])
        #expect(builtIn.origin == .builtIn)
        let fromEnvironment = try LocalesSource.resolve(explicit: nil, environment: ["PLUGPHONE_LOCALES": locales.url.path], workingDirectory: "/", builtIn: [:])
        #expect(fromEnvironment.origin == .folder(locales.url.standardizedFileURL))
    }
}
