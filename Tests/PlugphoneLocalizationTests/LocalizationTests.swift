import Foundation
import Testing
import PlugphoneDomain
@testable import PlugphoneLocalization

/// The locales shipped in `Locales/`, three levels above this file.
let locales = LocalesDirectory(url: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Locales"))

struct FormattingTests {
    let fr = try! LanguagePack.load(.fr, from: locales)
    let en = try! LanguagePack.load(.en, from: locales)

    @Test(arguments: [(9000, "90,00 € HT", "€90.00 excl. VAT"), (0, "0,00 € HT", "€0.00 excl. VAT"), (5, "0,05 € HT", "€0.05 excl. VAT"),
                      (123_456_78, "123\u{202F}456,78 € HT", "€123,456.78 excl. VAT"), (-3000, "-30,00 € HT", "€-30.00 excl. VAT")])
    func money(cents: Int, french: String, english: String) {
        #expect(fr.format.money(Money(cents: cents)) == french)
        #expect(en.format.money(Money(cents: cents)) == english)
    }

    @Test func dates() {
        let date = Date(timeIntervalSince1970: 1_797_156_000) // 2026-12-13T10:00:00Z
        #expect(fr.format.date(date) == "13 décembre 2026")
        #expect(en.format.date(date) == "13 December 2026")
    }

    @Test func modelDescriptions() throws {
        let t54w = try #require(Catalog.demo[PhoneModelID("yealink.t54w")])
        #expect(fr.describe(t54w) == "poste de bureau, Bluetooth, Wi-Fi")
        #expect(en.describe(t54w) == "desk phone, Bluetooth, Wi-Fi")
    }

    @Test func placeholders() throws {
        let m = try Messages.parse("a:\n  b: \"Bonjour {name}, {missing} {\"\nlist: [x, y]\n", language: .fr)
        #expect(m.text("a.b", ["name": "Camille"]) == "Bonjour Camille, {missing} {")
        #expect(m.list("list") == ["x", "y"])
        #expect(m.text("nope") == "⟦nope⟧")
    }
}

struct LocaleFilesTests {
    func all(_ language: Language) throws -> Messages { try Messages.load(language, from: locales) }

    /// Every key said in one language is said in the other.
    @Test func frenchAndEnglishSayTheSameThings() throws {
        let fr = Set(try all(.fr).keys), en = Set(try all(.en).keys)
        #expect(fr.subtracting(en).sorted() == [])
        #expect(en.subtracting(fr).sorted() == [])
    }

    /// Real French: a narrow no-break space before ? ! : ; and inside « », never a plain one.
    @Test func frenchTypography() throws {
        let messages = try all(.fr)
        for key in messages.keys {
            let text = messages.text(key)
            for mark in ["?", "!", ":", ";", "»"] {
                #expect(!text.contains(" " + mark), "\(key): plain space before \(mark) in «\(text)»")
                #expect(!text.contains("\u{00A0}" + mark), "\(key): use U+202F before \(mark)")
            }
            #expect(!text.contains("« "), "\(key): plain space after « in «\(text)»")
            #expect(!text.contains("\""), "\(key): straight quotes in French, use « »: \(text)")
        }
    }

    @Test func duplicateKeysAcrossFilesAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-locales-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fr"), withIntermediateDirectories: true)
        try "a: \"1\"\n".write(to: folder.appendingPathComponent("fr/messages.yaml"), atomically: true, encoding: .utf8)
        try "a: \"2\"\n".write(to: folder.appendingPathComponent("fr/messages-other.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: LocaleDataError(file: folder.appendingPathComponent("fr/messages.yaml").path, line: 1, reason: "key a is already defined in \(folder.appendingPathComponent("fr/messages-other.yaml").path):1")) { try Messages.load(.fr, from: LocalesDirectory(url: folder)) }
    }

    @Test func localesAreFoundFromAnExplicitPathTheEnvironmentOrUpTheTree() throws {
        let root = locales.url.deletingLastPathComponent()
        #expect(try LocalesDirectory.resolve(explicit: locales.url.path, environment: [:], executablePath: nil, workingDirectory: "/").url.standardizedFileURL == locales.url.standardizedFileURL)
        #expect(try LocalesDirectory.resolve(environment: ["PLUGPHONE_LOCALES": locales.url.path], executablePath: nil, workingDirectory: "/").url.standardizedFileURL == locales.url.standardizedFileURL)
        let deep = root.appendingPathComponent(".build/debug/plugphone").path
        #expect(try LocalesDirectory.resolve(environment: [:], executablePath: deep, workingDirectory: "/").url.standardizedFileURL == locales.url.standardizedFileURL)
        #expect(throws: LocalesDirectory.NotFound.self) { try LocalesDirectory.resolve(environment: [:], executablePath: "/usr/bin/true", workingDirectory: "/") }
        #expect(throws: LocalesDirectory.NotFound.self) { try LocalesDirectory.resolve(explicit: "/nonexistent", environment: [:], executablePath: deep, workingDirectory: "/") }
    }
}
