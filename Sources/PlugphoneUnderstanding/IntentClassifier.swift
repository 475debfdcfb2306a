import Foundation

/// A multinomial logistic regression over hashed features: word stems, stem bigrams, character 3- to 5-grams of the
/// words (which carry typos and SMS spellings), slot placeholders (`<line>`, `<model>`), negation and length.
/// Trained at start-up by stochastic gradient descent in a fixed order, so that results are reproducible.
struct IntentClassifier: Sendable {
    /// 2^15 buckets: few collisions for the few thousand distinct features of the data, 2 MB of weights.
    static let buckets = 1 << 15
    /// One SIMD row of weights per bucket: up to 16 intents (the contract has exactly 16; a test and `init` check it).
    typealias Row = SIMD16<Float>

    let labels: [Intent]
    let weights: [Row]

    /// Hashed, L2-normalised features of one utterance.
    struct Features: Sendable {
        var indices: [Int32] = []
        var values: [Float] = []
    }

    struct Hyper: Sendable {
        var epochs = 10
        var learningRate: Float = 1.0
        var decay: Float = 0.15
        /// Weight decay on the touched features, so that probabilities stay honest rather than all 0.999.
        var l2: Float = 0.001
        var seed: UInt64 = 0x5EED_CAFE
    }

    init(examples: [(Features, Intent)], hyper: Hyper = Hyper()) {
        // One lane per intent: a 17th intent must widen `Row` (SIMD32), never be dropped without a word.
        precondition(Intent.allCases.count <= Row.scalarCount, "\(Intent.allCases.count) intents do not fit the classifier's \(Row.scalarCount) lanes")
        let labels = Intent.allCases.filter { intent in examples.contains { $0.1 == intent } }
        var labelIndex: [Intent: Int] = [:]
        for (k, label) in labels.enumerated() { labelIndex[label] = k }
        var mask = Row(repeating: -.infinity)
        for k in labels.indices { mask[k] = 0 }
        var w = [Row](repeating: Row(repeating: 0), count: Self.buckets)
        var order = Array(examples.indices)
        var rng = hyper.seed
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
                    var gradient = Self.softmax(Self.score(features, UnsafeBufferPointer(weights)), mask: mask)
                    gradient[y] -= 1
                    for (n, f) in features.indices.enumerated() {
                        let i = Int(f)
                        weights[i] = weights[i] * shrink - (rate * features.values[n]) * gradient
                    }
                }
            }
        }
        self.labels = labels
        self.weights = w
        self.mask = mask
    }

    let mask: Row

    /// A classifier trained before (`ModelCache`): the labels in lane order and the weights, one row per bucket.
    init(labels: [Intent], rows: [Row]) {
        var mask = Row(repeating: -.infinity)
        for k in labels.indices where k < Row.scalarCount { mask[k] = 0 }
        self.labels = labels
        self.weights = rows.count == Self.buckets ? rows : [Row](repeating: Row(repeating: 0), count: Self.buckets)
        self.mask = mask
    }

    /// Probabilities per intent, in `labels` order.
    func probabilities(_ features: Features) -> [Float] {
        let p = weights.withUnsafeBufferPointer { Self.softmax(Self.score(features, $0), mask: mask) }
        return labels.indices.map { p[$0] }
    }

    private static func score(_ features: Features, _ weights: UnsafeBufferPointer<Row>) -> Row {
        var total = Row(repeating: 0)
        for (n, f) in features.indices.enumerated() { total += weights[Int(f)] * features.values[n] }
        return total
    }

    /// Softmax over the lanes in use (`mask` is 0 there, -inf elsewhere).
    private static func softmax(_ scores: Row, mask: Row) -> Row {
        let masked = scores + mask
        let top = masked.max()
        var out = Row(repeating: 0)
        var sum: Float = 0
        for k in 0..<Row.scalarCount where mask[k] == 0 {
            out[k] = expf(masked[k] - top)
            sum += out[k]
        }
        return sum > 0 ? out / sum : out
    }
}

/// Builds the hashed features of a token sequence. FNV-1a over the bytes: stable across runs (unlike `Hasher`).
struct FeatureBuilder {
    private var indices: [Int32] = []
    private var weights: [Float] = []

    init() {
        indices.reserveCapacity(256)
        weights.reserveCapacity(256)
    }

    enum Kind: UInt8 { case bias = 1, word, bigram, chars, flag, lookup, length }

    mutating func add(_ kind: Kind, _ part: String) { add(kind, part, nil) }

    /// One feature: its kind and one or two strings, hashed without building a new string.
    mutating func add(_ kind: Kind, _ first: String, _ second: String?) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        mix(kind.rawValue)
        for byte in first.utf8 { mix(byte) }
        if let second {
            mix(0x1F)
            for byte in second.utf8 { mix(byte) }
        }
        indices.append(Int32(truncatingIfNeeded: hash % UInt64(IntentClassifier.buckets)))
        weights.append(1)
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
                indices.append(Int32(truncatingIfNeeded: hash % UInt64(IntentClassifier.buckets)))
                // Character grams are many: each weighs less than a whole word.
                weights.append(0.25)
            }
        }
    }

    /// Sorted, duplicates summed, L2-normalised.
    func build() -> IntentClassifier.Features {
        var features = IntentClassifier.Features()
        // Sort plain integers (bucket, then position) rather than indices through a closure: it is the hot path.
        var keys = [UInt64](repeating: 0, count: indices.count)
        for k in indices.indices { keys[k] = UInt64(UInt32(bitPattern: indices[k])) << 32 | UInt64(k) }
        keys.sort()
        features.indices.reserveCapacity(keys.count)
        features.values.reserveCapacity(keys.count)
        for key in keys {
            let bucket = Int32(truncatingIfNeeded: key >> 32)
            let weight = weights[Int(key & 0xFFFF_FFFF)]
            if let last = features.indices.last, last == bucket {
                features.values[features.values.count - 1] += weight
            } else {
                features.indices.append(bucket)
                features.values.append(weight)
            }
        }
        var norm: Float = 0
        for value in features.values { norm += value * value }
        norm = norm > 0 ? norm.squareRoot() : 1
        for k in features.values.indices { features.values[k] /= norm }
        return features
    }
}
