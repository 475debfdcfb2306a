import Foundation

/// A multinomial logistic regression over hashed features: word stems, stem bigrams, character 3- to 5-grams of the
/// words (which carry typos and SMS spellings), slot placeholders (`<line>`, `<model>`), negation and length.
/// Trained at start-up by stochastic gradient descent in a fixed order, so that results are reproducible.
struct IntentClassifier: Sendable {
    /// 2^16 buckets: few collisions for a few thousand distinct features, 4 MB of weights for 16 intents.
    static let buckets = 1 << 16

    let labels: [Intent]
    private let weights: [Float]

    /// Hashed, L2-normalised features of one utterance.
    struct Features: Sendable {
        var indices: [Int32] = []
        var values: [Float] = []
    }

    struct Hyper: Sendable {
        var epochs = 15
        var learningRate: Float = 1.0
        var decay: Float = 0.15
        /// Weight decay on the touched features, so that probabilities stay honest rather than all 0.999.
        var l2: Float = 0.001
        var seed: UInt64 = 0x5EED_CAFE
    }

    init(examples: [(Features, Intent)], hyper: Hyper = Hyper()) {
        let labels = Intent.allCases.filter { intent in examples.contains { $0.1 == intent } }
        let classCount = labels.count
        var labelIndex: [Intent: Int] = [:]
        for (k, label) in labels.enumerated() { labelIndex[label] = k }
        var w = [Float](repeating: 0, count: Self.buckets * max(1, classCount))
        var order = Array(examples.indices)
        var rng = hyper.seed
        var scores = [Float](repeating: 0, count: classCount)
        w.withUnsafeMutableBufferPointer { weights in
            for epoch in 0..<hyper.epochs {
                // Fisher–Yates with a fixed-seed xorshift: the same data gives the same model.
                for k in stride(from: order.count - 1, to: 0, by: -1) {
                    rng ^= rng << 13
                    rng ^= rng >> 7
                    rng ^= rng << 17
                    order.swapAt(k, Int(rng % UInt64(k + 1)))
                }
                let rate = hyper.learningRate / (1 + hyper.decay * Float(epoch))
                let shrink = 1 - rate * hyper.l2
                for e in order {
                    let (features, intent) = examples[e]
                    guard let y = labelIndex[intent] else { continue }
                    Self.score(features, weights: UnsafeBufferPointer(weights), classes: classCount, into: &scores)
                    Self.softmax(&scores)
                    for (n, f) in features.indices.enumerated() {
                        let base = Int(f) * classCount
                        let v = features.values[n]
                        for c in 0..<classCount {
                            let gradient = scores[c] - (c == y ? 1 : 0)
                            weights[base + c] = weights[base + c] * shrink - rate * gradient * v
                        }
                    }
                }
            }
        }
        self.labels = labels
        self.weights = w
    }

    /// Probabilities per intent, in `labels` order.
    func probabilities(_ features: Features) -> [Float] {
        var scores = [Float](repeating: 0, count: labels.count)
        weights.withUnsafeBufferPointer { Self.score(features, weights: $0, classes: labels.count, into: &scores) }
        Self.softmax(&scores)
        return scores
    }

    private static func score(_ features: Features, weights: UnsafeBufferPointer<Float>, classes: Int, into scores: inout [Float]) {
        for c in 0..<classes { scores[c] = 0 }
        for (n, f) in features.indices.enumerated() {
            let base = Int(f) * classes
            let v = features.values[n]
            for c in 0..<classes { scores[c] += weights[base + c] * v }
        }
    }

    private static func softmax(_ scores: inout [Float]) {
        guard let top = scores.max() else { return }
        var sum: Float = 0
        for c in scores.indices {
            scores[c] = expf(scores[c] - top)
            sum += scores[c]
        }
        for c in scores.indices { scores[c] /= sum }
    }
}

/// Builds the hashed features of a token sequence. FNV-1a over the bytes: stable across runs (unlike `Hasher`).
struct FeatureBuilder {
    private var counts: [Int32: Float] = [:]

    enum Kind: UInt8 { case bias = 1, word, bigram, chars, flag, lookup, length }

    mutating func add(_ kind: Kind, _ parts: String...) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        mix(kind.rawValue)
        for (n, part) in parts.enumerated() {
            if n > 0 { mix(0x1F) }
            for byte in part.utf8 { mix(byte) }
        }
        let index = Int32(truncatingIfNeeded: hash % UInt64(IntentClassifier.buckets))
        counts[index, default: 0] += 1
    }

    /// Character n-grams of `#word#`, n = 3…5.
    mutating func addCharacterGrams(_ word: String) {
        let bytes: [UInt8] = [0x23] + Array(word.utf8) + [0x23]
        for n in 3...5 where bytes.count >= n {
            for start in 0...(bytes.count - n) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                hash ^= UInt64(Kind.chars.rawValue)
                hash = hash &* 0x0000_0100_0000_01B3
                for k in start..<(start + n) {
                    hash ^= UInt64(bytes[k])
                    hash = hash &* 0x0000_0100_0000_01B3
                }
                let index = Int32(truncatingIfNeeded: hash % UInt64(IntentClassifier.buckets))
                // Character grams are many: each weighs less than a whole word.
                counts[index, default: 0] += 0.25
            }
        }
    }

    func build() -> IntentClassifier.Features {
        var features = IntentClassifier.Features()
        let keys = counts.keys.sorted()
        var norm: Float = 0
        for key in keys { norm += (counts[key] ?? 0) * (counts[key] ?? 0) }
        norm = norm > 0 ? norm.squareRoot() : 1
        features.indices = keys
        features.values = keys.map { (counts[$0] ?? 0) / norm }
        return features
    }
}
