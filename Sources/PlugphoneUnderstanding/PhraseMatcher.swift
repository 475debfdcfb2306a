/// Finds data phrases ("sous 48 h", "le moins cher") in a token sequence: longest match first, left to right,
/// never over tokens another extractor already claimed. Words compare after a light, language-neutral folding of
/// plural and feminine endings, so the data need not list "recu", "recue", "recus".
struct PhraseMatcher<Payload: Sendable>: Sendable {
    struct Match {
        var start: Int
        var length: Int
        var payload: Payload
    }

    private var phrases: [(words: [String], payload: Payload)] = []
    /// First word → phrase indices, longest phrase first.
    private var index: [String: [Int]] = [:]

    init() {}

    var isEmpty: Bool { phrases.isEmpty }

    mutating func add(_ words: [String], _ payload: Payload) {
        let folded = words.map(Self.fold)
        guard let first = folded.first else { return }
        phrases.append((folded, payload))
        index[first, default: []].append(phrases.count - 1)
        index[first]?.sort { phrases[$0].words.count > phrases[$1].words.count }
    }

    /// Plural and feminine endings dropped: "recues" → "recu", "lignes" → "lign".
    static func fold(_ word: String) -> String {
        let bytes = word.utf8
        guard bytes.count > 3, let last = bytes.last, last == 0x73 || last == 0x78 || last == 0x65 else { return word }
        var w = Substring(word)
        if w.count > 3, w.last == "s" || w.last == "x" { w = w.dropLast() }
        if w.count > 3, w.last == "e" { w = w.dropLast() }
        return String(w)
    }

    /// `folded` are the utterance's words already folded with `fold`; `claimed` marks tokens to skip.
    func matches(_ folded: [String], claimed: [Bool]) -> [Match] {
        var out: [Match] = []
        var i = 0
        while i < folded.count {
            var found: Match?
            if !claimed[i], let candidates = index[folded[i]] {
                for p in candidates {
                    let words = phrases[p].words
                    guard i + words.count <= folded.count else { continue }
                    var ok = true
                    for k in 1..<max(1, words.count) where k < words.count {
                        if claimed[i + k] || folded[i + k] != words[k] { ok = false; break }
                    }
                    if ok { found = Match(start: i, length: words.count, payload: phrases[p].payload); break }
                }
            }
            if let found {
                out.append(found)
                i += found.length
            } else {
                i += 1
            }
        }
        return out
    }
}
