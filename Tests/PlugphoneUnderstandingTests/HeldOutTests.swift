import Foundation
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// The regression guard: intent accuracy and slot exact-match on the held-out split (never trained on) may not fall
/// more than two points below what was measured when this test was written.
@Suite("Held-out split")
struct HeldOutTests {
    /// Measured: fr 182/192 intents (0.948), 191/192 slots (0.995); en 101/109 (0.927), 108/109 (0.991).
    static let floors: [(Language, Double, Double)] = [
        (.fr, 0.948 - 0.02, 0.995 - 0.02),
        (.en, 0.927 - 0.02, 0.991 - 0.02),
    ]

    @Test("accuracy does not regress", arguments: floors)
    func heldOut(_ language: Language, _ intentFloor: Double, _ slotFloor: Double) throws {
        let report = Evaluation(understander: Fixture.understander, data: try Fixture.heldOut(language), language: language)
        print(report.summary)
        for failure in report.failures { print("  " + failure.description) }
        #expect(report.count >= (language == .fr ? 150 : 100))
        #expect(report.intentAccuracy >= intentFloor, "\(report.summary)")
        #expect(report.slotExactMatch >= slotFloor, "\(report.summary)")
    }

    @Test("the held-out split is not in the training data")
    func disjoint() throws {
        for language in Language.allCases {
            let training = try RasaNLU.load(Fixture.locales.folder(for: language).appendingPathComponent("nlu.yml"))
            let trained = Set(training.intents.flatMap { $0.examples.map { Fixture.understander.normalizer.words($0.text) } })
            for (_, examples) in try Fixture.heldOut(language).intents {
                for example in examples {
                    let seen = trained.contains(Fixture.understander.normalizer.words(example.text))
                    #expect(!seen, "held-out example also in training: \(example.text)")
                }
            }
        }
    }
}
