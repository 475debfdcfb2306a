import PlugphoneDomain

/// What claimed a token, so that the classifier sees `<line>` rather than ten digits and extractors do not overlap.
enum Claim: Sendable {
    case line, model, price, shipping
    /// "L'autre ligne", « le deuxième »: a pointer at something the conversation showed.
    case reference
}

/// The tokens of one utterance and what the extractors have claimed in them.
struct Analysis {
    var tokens: [Token]
    var folded: [String]
    var claims: [Claim?]
    var slots = Slots()

    init(tokens: [Token]) {
        self.tokens = tokens
        self.folded = tokens.map { PhraseMatcher<Int>.fold($0.text) }
        self.claims = Array(repeating: nil, count: tokens.count)
    }

    var claimedMask: [Bool] { claims.map { $0 != nil } }

    mutating func claim(_ range: Range<Int>, as claim: Claim) {
        for k in range where k < claims.count { claims[k] = claim }
    }

    /// Whether one of `words` stands within `distance` tokens before `position`.
    func preceded(at position: Int, byAnyOf words: Set<String>, within distance: Int) -> Bool {
        var k = position - 1
        while k >= 0 && k >= position - distance {
            if words.contains(tokens[k].text) || words.contains(folded[k]) { return true }
            k -= 1
        }
        return false
    }
}

/// Lines: runs of numbers, written or spoken, that make a French (or `+`-prefixed) number.
struct LineExtractor: Sendable {
    func extract(_ analysis: inout Analysis) {
        let tokens = analysis.tokens
        var i = 0
        while i < tokens.count {
            guard tokens[i].isNumber, analysis.claims[i] == nil else { i += 1; continue }
            var end = i
            while end < tokens.count, tokens[end].isNumber, analysis.claims[end] == nil { end += 1 }
            // The longest window of the run that is a line, earliest first. A line has at most 15 digits and every
            // token at least one, so a window never spans more than 15 tokens: linear in the run, not cubic.
            for start in i..<end {
                var digits = ""
                var stop = start
                while stop < end, digits.utf8.count + tokens[stop].text.utf8.count <= 15 {
                    digits += tokens[stop].text
                    stop += 1
                }
                while stop > start {
                    if digits.count >= 9, digits.count <= 15,
                       let line = LineNumber(parsing: (tokens[start].plus ? "+" : "") + digits) {
                        analysis.slots.line = line
                        analysis.claim(start..<stop, as: .line)
                        return
                    }
                    stop -= 1
                    digits.removeLast(tokens[stop].text.count)
                }
            }
            i = end
        }
    }
}

/// Shipping modes from data phrases (the `shipping_mode` synonyms of `nlu.yml`); a negated phrase ("pas en express")
/// states nothing, two different modes (a question comparing them) state nothing either, and neither does a question
/// about a mode (« l'envoi express, ça marche comment ? »): asking about a mode is not choosing it.
struct ShippingExtractor: Sendable {
    var matcher = PhraseMatcher<ShippingMode>()
    var negations: Set<String> = []
    /// Words that make the utterance a question about what it names (`comment`, `how`): data, `question_words`.
    var questionWords: Set<String> = []

    func extract(_ analysis: inout Analysis) {
        let found = matcher.matches(analysis.folded, claimed: analysis.claimedMask)
        guard !found.isEmpty else { return }
        let asking = analysis.tokens.contains { !$0.isNumber && questionWords.contains($0.text) }
        var modes: [ShippingMode] = []
        for match in found {
            analysis.claim(match.start..<(match.start + match.length), as: .shipping)
            if analysis.preceded(at: match.start, byAnyOf: negations, within: 2) { continue }
            if !modes.contains(match.payload) { modes.append(match.payload) }
        }
        if modes.count == 1, !asking { analysis.slots.shippingMode = modes[0] }
    }
}
