import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// Every extractor is linear in its input: long runs of numbers, number words and codes are read in time
/// proportional to their length (the line extractor was cubic: one line of 1,000 numbers took about 1 s).
@Suite(.serialized) struct LongInputTests {
    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test func aLineAfterThousandsOfNumbersIsStillFound() {
        // 1,990 scalars: the normaliser reads at most 2,000 of an utterance.
        let noise = Array(repeating: "0", count: 988).joined(separator: " ")
        let interpretation = Fixture.understander.interpret(noise + " 09 72 10 10 11", defaultLanguage: .fr)
        #expect(interpretation.slots.line == LineNumber(rawValue: "+33972101011"))
        #expect(Fixture.understander.interpret(noise, defaultLanguage: .fr).slots.line == nil)
    }

    /// Eight times the input takes well under 32 times as long (a quadratic extractor would take 64×, a cubic one
    /// 512×). Measured on the fastest of five runs, one test at a time, so a busy machine does not decide.
    @Test(arguments: ["0", "09", "soixante-douze", "t 46 s", "pas en express", "le moins cher yealink", "zéro neuf"])
    func linearInItsInput(word: String) {
        func fastest(_ count: Int) -> Double {
            let text = Array(repeating: word, count: count).joined(separator: " ")
            return (0..<5).map { _ in Self.seconds { _ = Fixture.understander.interpret(text, defaultLanguage: .fr) } }.min() ?? 0
        }
        // The normaliser reads at most 2,000 scalars of an utterance: the large input stays just below.
        let large = 1_990 / (word.count + 1), small = large / 8
        _ = fastest(10)
        let smallTime = fastest(small), largeTime = fastest(large)
        // Eight times the input: linear is 8×, quadratic 64×, cubic 512×; a busy machine (the whole suite runs in
        // parallel, in a debug build) has been seen to more than double a ratio.
        #expect(largeTime < max(smallTime, 0.001) * 32, "\(word): \(small) → \(smallTime) s, \(large) → \(largeTime) s")
    }
}
