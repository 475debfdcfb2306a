/// The number words of one or more languages (`Locales/<lang>/numbers.yaml`), and the grammar that reads them:
/// "soixante et onze" = 71, "quatre-vingt-dix-neuf" = 99, "cent vingt" = 120, "double one" = 1 1.
struct NumberWords: Sendable {
    var units: [String: Int] = [:]
    var teens: [String: Int] = [:]
    var tens: [String: Int] = [:]
    /// Tens followed by a teen rather than a unit: soixante-douze = 60 + 12.
    var tensTakingTeens: Set<String> = []
    /// Tens multiplied by the unit before them: quatre-vingts = 4 × 20.
    var multipliedTens: [String: Int] = [:]
    var hundreds: [String: Int] = [:]
    /// "et" in "vingt et un".
    var conjunctions: Set<String> = []
    /// "double one" = 1 1.
    var repeaters: [String: Int] = [:]
    /// Words that are numbers only next to another number ("un" is an article, "neuf" means new, "one" a pronoun).
    var ambiguous: Set<String> = []
    /// Tens that a unit joins only from a given one: « dix-sept » but never « dix un » (that is 10 then 1, as in
    /// « … dix dix dix, un sans-fil »).
    var unitsJoiningTens: [String: Int] = [:]

    init() {}

    init(units: [String: Int], teens: [String: Int], tens: [String: Int], tensTakingTeens: [String], multipliedTens: [String: Int],
         hundreds: [String: Int], conjunctions: [String], repeaters: [String: Int], ambiguous: [String]) {
        self.units = units
        self.teens = teens
        self.tens = tens
        self.tensTakingTeens = Set(tensTakingTeens)
        self.multipliedTens = multipliedTens
        self.hundreds = hundreds
        self.conjunctions = Set(conjunctions)
        self.repeaters = repeaters
        self.ambiguous = Set(ambiguous)
        index()
    }

    /// Both languages at once: the words do not collide, and a French customer may well say "double".
    func merged(with other: NumberWords) -> NumberWords {
        var out = self
        out.units.merge(other.units) { mine, _ in mine }
        out.teens.merge(other.teens) { mine, _ in mine }
        out.tens.merge(other.tens) { mine, _ in mine }
        out.tensTakingTeens.formUnion(other.tensTakingTeens)
        out.multipliedTens.merge(other.multipliedTens) { mine, _ in mine }
        out.hundreds.merge(other.hundreds) { mine, _ in mine }
        out.conjunctions.formUnion(other.conjunctions)
        out.repeaters.merge(other.repeaters) { mine, _ in mine }
        out.ambiguous.formUnion(other.ambiguous)
        out.unitsJoiningTens.merge(other.unitsJoiningTens) { mine, _ in mine }
        out.index()
        return out
    }

    /// Every word above, for one quick look-up per token.
    private(set) var allWords: Set<String> = []

    mutating func index() {
        allWords = Set(units.keys).union(teens.keys).union(tens.keys).union(hundreds.keys).union(multipliedTens.keys)
    }

    func isNumberWord(_ word: String) -> Bool { allWords.contains(word) }

    /// Reads one number starting at `start` in `words` (nil where a position is not a plain word).
    /// Returns its value and the position after it.
    func readGroup(_ words: [String?], at start: Int) -> (value: Int, next: Int)? {
        func word(_ k: Int) -> String? { k < words.count ? words[k] : nil }
        var k = start
        var value = 0
        var sawHundred = false
        if let w = word(k), let u = units[w], u >= 1, let w2 = word(k + 1), let h = hundreds[w2] {
            value = u * h
            k += 2
            sawHundred = true
        } else if let w = word(k), let h = hundreds[w] {
            value = h
            k += 1
            sawHundred = true
        }
        if sawHundred {
            var afterConjunction = k
            if let w = word(k), conjunctions.contains(w) { afterConjunction = k + 1 }
            if let (rest, next) = readBelowHundred(words, at: afterConjunction), rest > 0 { return (value + rest, next) }
            return (value, k)
        }
        return readBelowHundred(words, at: k)
    }

    private func readBelowHundred(_ words: [String?], at start: Int) -> (value: Int, next: Int)? {
        func word(_ k: Int) -> String? { k < words.count ? words[k] : nil }
        guard let first = word(start) else { return nil }
        var base: Int
        var k: Int
        var takesTeens: Bool
        var smallestUnit = 1
        if let u = units[first], u >= 1, let second = word(start + 1), let m = multipliedTens[second] {
            base = u * m
            k = start + 2
            takesTeens = true
        } else if let t = tens[first] {
            base = t
            k = start + 1
            takesTeens = tensTakingTeens.contains(first)
            smallestUnit = unitsJoiningTens[first] ?? 1
        } else if let t = teens[first] {
            return (t, start + 1)
        } else if let u = units[first] {
            return (u, start + 1)
        } else {
            return nil
        }
        // The tail: "et" then 1…9, or 1…19 after tens that take teens.
        for offset in [0, 1] {
            let position = k + offset
            if offset == 1 { guard let w = word(k), conjunctions.contains(w) else { break } }
            guard let w = word(position) else { break }
            if let u = units[w], (smallestUnit...9).contains(u) { return (base + u, position + 1) }
            if takesTeens {
                if let t = teens[w] { return (base + t, position + 1) }
                if let t = tens[w], t == 10 {
                    if let w2 = word(position + 1), let u = units[w2], (1...9).contains(u) { return (base + 10 + u, position + 2) }
                    return (base + 10, position + 1)
                }
            }
        }
        return (base, k)
    }
}
