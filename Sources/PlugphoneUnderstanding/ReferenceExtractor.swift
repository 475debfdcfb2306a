/// References to what the conversation just showed, from data phrases (`Locales/<lang>/references.yaml`):
/// a line relative to the one under discussion ("l'autre ligne", "the other line") and a position in what was just
/// listed (« le deuxième », "le dernier", "le 2", "the second one"). The understanding only reads them; the conversation
/// knows what was listed and resolves them.
///
/// A position needs its head word right before it (« le », `the`, « numéro »): « le mois dernier » and `last week` point at
/// nothing, and neither does "le 2" followed by more than fillers ("the 2 lines").
struct ReferenceExtractor: Sendable {
    enum Meaning: Sendable, Hashable {
        case otherLine
        case ordinal(Ordinal)
        /// A word before a position: « le deuxième », "le 2", "number 2".
        case head
    }

    var matcher = PhraseMatcher<Meaning>()
    /// Words that may follow a bare digit without making it something else ("le 2 svp").
    var fillers: Set<String> = []
    /// The highest position a bare digit may point at ("le 2"): lists are short, larger numbers are something else.
    static let largestBarePosition = 9

    mutating func add(otherLine phrases: [[String]]) {
        for words in phrases { matcher.add(words, .otherLine) }
    }

    mutating func add(ordinal: Ordinal, phrases: [[String]]) {
        for words in phrases { matcher.add(words, .ordinal(ordinal)) }
    }

    mutating func add(heads phrases: [[String]]) {
        for words in phrases { matcher.add(words, .head) }
    }

    func extract(_ analysis: inout Analysis) {
        guard !matcher.isEmpty else { return }
        var afterHead = -1
        for match in matcher.matches(analysis.folded, claimed: analysis.claimedMask) {
            let end = match.start + match.length
            switch match.payload {
            case .otherLine:
                analysis.claim(match.start..<end, as: .reference)
                analysis.slots.lineReference = .other
            case .ordinal(let ordinal):
                guard match.start == afterHead else { continue }
                analysis.claim(match.start..<end, as: .reference)
                if analysis.slots.ordinal == nil { analysis.slots.ordinal = ordinal }
            case .head:
                afterHead = end
                // "le 2": a lone small number right after the head word, with only fillers after it.
                guard end < analysis.tokens.count, analysis.claims[end] == nil, analysis.tokens[end].isNumber,
                      let value = Int(analysis.tokens[end].text), (1...Self.largestBarePosition).contains(value),
                      analysis.tokens[(end + 1)...].allSatisfy({ !$0.isNumber && fillers.contains($0.text) }) else { continue }
                analysis.claim(end..<(end + 1), as: .reference)
                if analysis.slots.ordinal == nil { analysis.slots.ordinal = .position(value) }
            }
        }
    }
}
