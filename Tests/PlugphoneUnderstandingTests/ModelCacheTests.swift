import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// The trained classifiers cached on disk (issue 10, first reply): same results as training, and a corrupt, truncated
/// or foreign file is ignored and rebuilt, never fatal.
@Suite("Model cache")
struct ModelCacheTests {
    static func temporaryCache() -> ModelCache {
        ModelCache(folder: FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-cache-\(UUID().uuidString)"))
    }

    static let sample = ["le T54W a le bluetooth ?", "annuler mon abonnement fibre", "je voudrais échanger mon téléphone", "yes please"]

    @Test func aCachedModelUnderstandsExactlyAsATrainedOne() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.folder) }
        let first = try Understander(locales: Fixture.locales, catalog: .demo, cache: cache)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.folder.path)
        #expect(files.count == 1)
        let second = try Understander(locales: Fixture.locales, catalog: .demo, cache: cache)
        for text in Self.sample {
            #expect(first.interpret(text, defaultLanguage: .fr) == Fixture.interpret(text))
            #expect(second.interpret(text, defaultLanguage: .fr) == Fixture.interpret(text))
        }
    }

    @Test func aCorruptTruncatedOrForeignFileIsIgnoredAndRebuilt() throws {
        let cache = Self.temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.folder) }
        _ = try Understander(locales: Fixture.locales, catalog: .demo, cache: cache)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.folder.path).first)
        let url = cache.folder.appendingPathComponent(name)
        let good = try Data(contentsOf: url)

        var corrupt = good
        corrupt[1000] ^= 0xFF
        try corrupt.write(to: url)
        #expect(ModelCache.decode(corrupt, key: 0) == nil)
        let rebuilt = try Understander(locales: Fixture.locales, catalog: .demo, cache: cache)
        #expect(rebuilt.interpret(Self.sample[0], defaultLanguage: .fr) == Fixture.interpret(Self.sample[0]))
        #expect(try Data(contentsOf: url) == good, "the corrupt file was replaced by a good one")

        try good.prefix(100).write(to: url)
        _ = try Understander(locales: Fixture.locales, catalog: .demo, cache: cache)
        #expect(try Data(contentsOf: url) == good)

        try Data("not a model".utf8).write(to: url)
        _ = try Understander(locales: Fixture.locales, catalog: .demo, cache: cache)
        #expect(try Data(contentsOf: url) == good)
    }

    @Test func theKeyFollowsTheContentOfLocalesAndTheCatalogue() throws {
        let source = try LocalesSource(Fixture.locales)
        let digest = ModelCache.localesDigest(source)
        #expect(digest == ModelCache.localesDigest(source))
        #expect(ModelCache.key(locales: digest, catalog: .demo) != ModelCache.key(locales: digest &+ 1, catalog: .demo))
        var other = Catalog.demo
        if let first = other.models.first { other = Catalog(models: [first]) }
        #expect(ModelCache.key(locales: digest, catalog: .demo) != ModelCache.key(locales: digest, catalog: other))
    }

    @Test func anUnwritableFolderIsNotFatal() throws {
        let cache = ModelCache(folder: URL(fileURLWithPath: "/proc/plugphone-cannot-write-here"))
        let understander = try Understander(locales: Fixture.locales, catalog: .demo, cache: cache)
        #expect(understander.interpret(Self.sample[1], defaultLanguage: .fr).intent == .outOfScope)
    }
}
