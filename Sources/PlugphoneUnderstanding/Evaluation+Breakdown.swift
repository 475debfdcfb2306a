import Foundation
import PlugphoneDomain

/// Aggregate figures over a held-out set: out-of-scope recall, in-scope accuracy, per-intent recall and the confusion
/// pairs, as counts only (so that an outsider set can be measured without printing its messages).
extension Evaluation {
    private static let outOfScope = Intent.outOfScope.rawValue

    /// Expected `out_of_scope` examples predicted `out_of_scope`.
    public var outOfScopeRecall: (correct: Int, total: Int) {
        let row = confusion[Self.outOfScope] ?? [:]
        return (row[Self.outOfScope] ?? 0, row.values.reduce(0, +))
    }

    /// Of the predictions `out_of_scope`, how many were out of scope.
    public var outOfScopePrecision: (correct: Int, total: Int) {
        let predicted = confusion.values.reduce(0) { $0 + ($1[Self.outOfScope] ?? 0) }
        return (confusion[Self.outOfScope]?[Self.outOfScope] ?? 0, predicted)
    }

    /// Intent accuracy on the examples whose expected intent is not `out_of_scope`.
    public var inScopeAccuracy: (correct: Int, total: Int) {
        var correct = 0
        var total = 0
        for (expected, row) in confusion where expected != Self.outOfScope {
            correct += row[expected] ?? 0
            total += row.values.reduce(0, +)
        }
        return (correct, total)
    }

    /// Per expected intent: (correct, total), by intent name.
    public var recallByIntent: [(intent: String, correct: Int, total: Int)] {
        confusion.keys.sorted().map { intent in
            let row = confusion[intent] ?? [:]
            return (intent, row[intent] ?? 0, row.values.reduce(0, +))
        }
    }

    /// Off-diagonal (expected, predicted, count), most frequent first.
    public var confusionPairs: [(expected: String, predicted: String, count: Int)] {
        var pairs: [(expected: String, predicted: String, count: Int)] = []
        for (expected, row) in confusion {
            for (predicted, count) in row where predicted != expected { pairs.append((expected, predicted, count)) }
        }
        return pairs.sorted { ($0.count, $1.expected, $1.predicted) > ($1.count, $0.expected, $0.predicted) }
    }

    /// The summary line, then out-of-scope recall, in-scope accuracy, per-intent recall and the top confusion pairs.
    public func breakdown(topPairs: Int = 12) -> String {
        func ratio(_ value: (correct: Int, total: Int)) -> String {
            let share = value.total == 0 ? 0 : Double(value.correct) / Double(value.total)
            return "\(Interpretation.twoDecimals(share)) (\(value.correct)/\(value.total))"
        }
        var lines = [summary]
        lines.append("  out-of-scope recall \(ratio(outOfScopeRecall)), precision \(ratio(outOfScopePrecision)); in-scope accuracy \(ratio(inScopeAccuracy))")
        lines.append("  recall by intent: " + recallByIntent.map { "\($0.intent) \($0.correct)/\($0.total)" }.joined(separator: ", "))
        let pairs = confusionPairs.prefix(topPairs)
        if !pairs.isEmpty {
            lines.append("  top confusions (expected → predicted): " + pairs.map { "\($0.expected)→\($0.predicted) \($0.count)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
