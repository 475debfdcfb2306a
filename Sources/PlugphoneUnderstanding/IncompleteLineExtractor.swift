/// Issue 10, item 5: a French number one digit short (« 09 72 10 10 1 ») is reported, not ignored, so the
/// conversation can say « il manque un chiffre ». Runs after the line extractor, on what it left.
struct IncompleteLineExtractor: Sendable {
    func extract(_ analysis: inout Analysis) {
        guard analysis.slots.line == nil else { return }
        let tokens = analysis.tokens
        var i = 0
        while i < tokens.count {
            guard tokens[i].isNumber, analysis.claims[i] == nil else { i += 1; continue }
            var end = i
            while end < tokens.count, tokens[end].isNumber, analysis.claims[end] == nil { end += 1 }
            let digits = tokens[i..<end].map(\.text).joined()
            // Nine digits from a leading 0, written in at least three groups: a line with one digit missing.
            if end - i >= 3, digits.utf8.count == 9, digits.hasPrefix("0") {
                analysis.slots.incompleteLine = digits
                analysis.claim(i..<end, as: .line)
                return
            }
            i = end
        }
    }
}
