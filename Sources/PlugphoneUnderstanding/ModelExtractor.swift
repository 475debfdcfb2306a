import PlugphoneDomain

/// Phone models from what customers write: brand and/or model name ("yealink t46s"), partial names ("le T46",
/// « le cisco »), typos (« yalink », « gigaset c 530 »), prices (« celui à 90 euros », « moins de 80 euros ») and descriptions
/// that the catalog resolves ("le moins cher", "le sans-fil"). One model → `model`; several → `modelCandidates`.
struct ModelExtractor: Sendable {
    /// A constraint a description puts on the catalog.
    enum Meaning: Sendable, Hashable {
        case cheapest, mostExpensive
        case kind(PhoneKind)
        case feature(String)
        case currency
        case priceAtMost
        /// « Celui à 90 »: the number right after is a deposit.
        case pricePointer

        init?(_ key: String) {
            switch key {
            case "cheapest": self = .cheapest
            case "most_expensive": self = .mostExpensive
            default:
                if key.hasPrefix("kind."), let kind = PhoneKind(rawValue: String(key.dropFirst(5))) { self = .kind(kind) }
                else if key.hasPrefix("feature.") { self = .feature(String(key.dropFirst(8))) }
                else { return nil }
            }
        }
    }

    private struct Code: Sendable {
        var text: String
        var models: [PhoneModelID]
    }

    private let catalog: Catalog
    private var brands: [(name: String, models: [PhoneModelID])] = []
    private var codes: [Code] = []
    /// The longest code, in bytes: longer windows cannot match, even with a typo.
    private var longestCode = 0
    private var aliases = PhraseMatcher<[PhoneModelID]>()
    private var descriptions = PhraseMatcher<Meaning>()
    private var currentPhoneMarkers: Set<String> = []
    private var exclusionMarkers: Set<String> = []
    private var newPhoneMarkers: Set<String> = []

    /// `words` normalises data phrases exactly as utterances are.
    init(catalog: Catalog, resources: [LanguageResources], words: (String) -> [String]) {
        self.catalog = catalog
        var brandIndex: [String: [PhoneModelID]] = [:]
        var codeIndex: [String: [PhoneModelID]] = [:]
        for model in catalog.models {
            let brandWords = words(model.brand)
            let brand = brandWords.joined()
            if !brand.isEmpty { brandIndex[brand, default: []].append(model.id) }
            // Name words after the brand; pieces with a digit are codes ("t46s", "c530", "r650h"), and so is all of it ("c530ip").
            var rest = words(model.name)
            if rest.starts(with: brandWords) { rest.removeFirst(brandWords.count) }
            var groups: [String] = []
            for piece in model.name.split(separator: " ").dropFirst(brandWords.isEmpty ? 0 : 1) {
                let code = words(String(piece)).joined()
                if !code.isEmpty, code.contains(where: \.isNumber) { groups.append(code) }
            }
            let whole = rest.joined()
            if whole.contains(where: \.isNumber) { groups.append(whole) }
            for code in Set(groups) { codeIndex[code, default: []].append(model.id) }
        }
        brands = brandIndex.keys.sorted().map { ($0, brandIndex[$0] ?? []) }
        codes = codeIndex.keys.sorted().map { Code(text: $0, models: codeIndex[$0] ?? []) }
        longestCode = codes.map(\.text.utf8.count).max() ?? 0
        for resource in resources {
            for (id, phrases) in resource.aliases.sorted(by: { $0.key < $1.key }) {
                for phrase in phrases { aliases.add(words(phrase), [PhoneModelID(id)]) }
            }
            for (key, phrases) in resource.descriptions.sorted(by: { $0.key < $1.key }) {
                guard let meaning = Meaning(key) else { continue }
                for phrase in phrases { descriptions.add(words(phrase), meaning) }
            }
            for phrase in resource.currency { descriptions.add(words(phrase), .currency) }
            for phrase in resource.priceAtMost { descriptions.add(words(phrase), .priceAtMost) }
            for phrase in resource.pricePointers { descriptions.add(words(phrase), .pricePointer) }
            currentPhoneMarkers.formUnion(resource.currentPhoneMarkers.flatMap(words))
            exclusionMarkers.formUnion(resource.exclusionMarkers.flatMap(words))
            newPhoneMarkers.formUnion(resource.newPhoneMarkers.flatMap(words))
        }
    }

    // MARK: - Matching

    private struct Mention {
        var position: Int
        var models: Set<PhoneModelID>
    }

    func extract(_ analysis: inout Analysis) {
        var mentions: [Mention] = []
        var brandHits: [Mention] = []
        var constraintHits: [(position: Int, meaning: Meaning)] = []
        var priceExact: Int?
        var priceCeiling: Int?

        // Descriptions, prices and aliases, from data.
        for match in aliases.matches(analysis.folded, claimed: analysis.claimedMask) {
            analysis.claim(match.start..<(match.start + match.length), as: .model)
            mentions.append(Mention(position: match.start, models: Set(match.payload)))
        }
        for match in descriptions.matches(analysis.folded, claimed: analysis.claimedMask) {
            switch match.payload {
            case .currency:
                // "90 euros": the number before the currency word is a price.
                let k = match.start - 1
                // « celui à 90 euros »: the pointer took the number already; the currency word goes with it.
                if k >= 0, case .price? = analysis.claims[k] { analysis.claim(match.start..<(match.start + match.length), as: .price); continue }
                guard k >= 0, analysis.tokens[k].isNumber, analysis.claims[k] == nil, let value = Int(analysis.tokens[k].text) else { continue }
                analysis.claim(k..<(match.start + match.length), as: .price)
                let ceiling = descriptionsBefore(k, in: analysis)
                if ceiling { priceCeiling = value } else { priceExact = value }
            case .pricePointer:
                let k = match.start + match.length
                guard k < analysis.tokens.count, analysis.tokens[k].isNumber, analysis.claims[k] == nil, let value = Int(analysis.tokens[k].text) else { continue }
                analysis.claim(match.start..<(k + 1), as: .price)
                priceExact = value
            case .priceAtMost:
                continue
            default:
                analysis.claim(match.start..<(match.start + match.length), as: .model)
                constraintHits.append((match.start, match.payload))
            }
        }

        // Codes and brands: windows of up to four tokens, joined ("t 46 s", "c 530").
        let tokens = analysis.tokens
        var unknown: (position: Int, text: String)?
        // Only windows with a digit can be codes: decide that from bytes, before building any string.
        let hasDigit = tokens.map { $0.isNumber || $0.text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }
        var i = 0
        while i < tokens.count {
            guard analysis.claims[i] == nil else { i += 1; continue }
            var matched = false
            for width in stride(from: min(4, tokens.count - i), through: 1, by: -1) {
                let window = i..<(i + width)
                guard window.contains(where: { hasDigit[$0] }), window.allSatisfy({ analysis.claims[$0] == nil }) else { continue }
                let length = window.reduce(0) { $0 + tokens[$1].text.utf8.count }
                guard length >= 3, length <= longestCode + 1 else { continue }
                let joined = window.map { tokens[$0].text }.joined()
                // A window of several tokens must be a code written apart, not words around one.
                if width > 1, !window.allSatisfy({ tokens[$0].isNumber || tokens[$0].text.utf8.count <= 3 }) { continue }
                let found = matchCode(joined)
                if !found.isEmpty {
                    analysis.claim(window, as: .model)
                    mentions.append(Mention(position: i, models: found))
                    i += width
                    matched = true
                    break
                }
            }
            if matched { continue }
            if unknown == nil, let code = Self.codeLike(tokens, from: i, claims: analysis.claims) {
                // A code of no catalogue phone (« T48S », « T99 »): claimed, so that no close code takes its place,
                // and reported as written.
                analysis.claim(i..<(i + code.width), as: .model)
                unknown = (i, code.text.uppercased())
                i += code.width
                continue
            }
            if !tokens[i].isNumber, let found = matchBrand(tokens[i].text) {
                analysis.claim(i..<(i + 1), as: .model)
                brandHits.append(Mention(position: i, models: found))
            }
            i += 1
        }

        // Roles (item 4): « échanger le cisco contre un sans-fil », « du W56P au T46S »: with models on both sides of
        // a new-phone marker, the ones before it are the phone the customer has, not the one wanted.
        let hitPositions = mentions.map(\.position) + brandHits.map(\.position) + constraintHits.map(\.position)
            + (unknown.map { [$0.position] } ?? [])
        if let cut = analysis.tokens.indices.first(where: { k in
            analysis.claims[k] == nil && newPhoneMarkers.contains(analysis.tokens[k].text)
                && hitPositions.contains { $0 < k } && hitPositions.contains { $0 > k }
        }) {
            mentions.removeAll { $0.position < cut }
            brandHits.removeAll { $0.position < cut }
            constraintHits.removeAll { $0.position < cut }
        }
        // Exclusions (item 2): « le T46S, pas le W56P », « un sans-fil, pas le Gigaset »: ruled out, never chosen.
        var excluded: Set<PhoneModelID> = []
        func ruledOut(_ mention: Mention) -> Bool {
            guard analysis.preceded(at: mention.position, byAnyOf: exclusionMarkers, within: 2) else { return false }
            excluded.formUnion(mention.models)
            return true
        }
        mentions.removeAll(where: ruledOut)
        brandHits.removeAll(where: ruledOut)
        if !excluded.isEmpty { analysis.slots.excludedModels = catalog.models.map(\.id).filter(excluded.contains) }
        let brandModels: Set<PhoneModelID>? = brandHits.isEmpty ? nil : brandHits.reduce(into: Set<PhoneModelID>()) { $0.formUnion($1.models) }
        let constraints = constraintHits.map(\.meaning)

        if let unknown {
            analysis.slots.unknownModel = unknown.text
            // « mon T41S contre un T48S »: the phone wanted is the unknown one; the customer's own phone before it is
            // not chosen (« le T46S, pas le T48S » keeps the T46S).
            mentions.removeAll { $0.position < unknown.position && analysis.preceded(at: $0.position, byAnyOf: currentPhoneMarkers, within: 2) }
            if mentions.isEmpty, brandModels == nil, constraints.isEmpty { return }
        }
        // « mon T41S marche plus…, un sans-fil si possible » (item 7): the customer's own phone beside a description of
        // the one wanted: the description is what is wanted, the own phone is not chosen.
        if !constraints.isEmpty, !mentions.isEmpty,
           mentions.allSatisfy({ analysis.preceded(at: $0.position, byAnyOf: currentPhoneMarkers, within: 2) }) {
            mentions.removeAll()
        }
        guard !mentions.isEmpty || brandModels != nil || !constraints.isEmpty || priceExact != nil || priceCeiling != nil else { return }

        // Several phones named ("mon T41S, je veux un T46S"): the one wanted is not the one the customer has; several
        // left (« j'hésite entre le T46S et le W56P ») are candidates, none chosen.
        var chosen = mentions
        var hesitating: Set<PhoneModelID>?
        if Set(chosen.map(\.models)).count > 1 {
            let wanted = chosen.filter { !analysis.preceded(at: $0.position, byAnyOf: currentPhoneMarkers, within: 2) }
            if !wanted.isEmpty { chosen = wanted }
            if Set(chosen.map(\.models)).count > 1 {
                hesitating = chosen.reduce(into: Set<PhoneModelID>()) { $0.formUnion($1.models) }
            } else if let last = chosen.last { chosen = [last] }
        }

        var set = Set(catalog.models.map(\.id))
        func narrow(_ keep: Set<PhoneModelID>) {
            let next = set.intersection(keep)
            if !next.isEmpty { set = next }
        }
        if let hesitating { set = hesitating } else if let mention = chosen.last { set = mention.models }
        if let brandModels { narrow(brandModels) }
        for constraint in constraints {
            switch constraint {
            case .kind(let kind): narrow(Set(catalog.models.filter { $0.kind == kind }.map(\.id)))
            case .feature(let feature): narrow(Set(catalog.models.filter { $0.features.contains(feature) }.map(\.id)))
            default: break
            }
        }
        if let priceExact {
            let exact = Set(catalog.models.filter { $0.deposit == .euros(priceExact) }.map(\.id))
            if exact.isEmpty, mentions.isEmpty, brandModels == nil, constraints.isEmpty { return }
            narrow(exact)
        }
        if let priceCeiling { narrow(Set(catalog.models.filter { $0.deposit <= .euros(priceCeiling) }.map(\.id))) }
        if !excluded.isEmpty { narrow(set.subtracting(excluded)) }
        let superlative = constraints.last { $0 == .cheapest || $0 == .mostExpensive }
        if let superlative {
            var pool = catalog.models.filter { set.contains($0.id) }
            if pool.contains(where: \.orderable) { pool = pool.filter(\.orderable) }
            let pick = superlative == .cheapest ? pool.min { $0.deposit < $1.deposit } : pool.max { $0.deposit < $1.deposit }
            if let pick { set = [pick.id] }
        }
        // Catalogue order, so candidates read as the catalogue does.
        let ordered = catalog.models.map(\.id).filter(set.contains)
        if ordered.count == 1 { analysis.slots.model = ordered[0] } else if ordered.count > 1 { analysis.slots.modelCandidates = ordered }
    }

    /// Whether a price-ceiling phrase ("moins de") comes right before position `k`.
    private func descriptionsBefore(_ k: Int, in analysis: Analysis) -> Bool {
        let start = max(0, k - 4)
        let slice = Array(analysis.folded[start..<k])
        let claimed = Array(repeating: false, count: slice.count)
        return descriptions.matches(slice, claimed: claimed).contains { match in
            if case .priceAtMost = match.payload { return match.start + match.length == slice.count }
            return false
        }
    }

    private func matchCode(_ written: String) -> Set<PhoneModelID> {
        var best = 0
        var found: Set<PhoneModelID> = []
        let allDigits = written.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let length = written.utf8.count
        for code in codes {
            var score = 0
            if written == code.text { score = 4 }
            else if !allDigits, length >= 3, code.text.hasPrefix(written) { score = 3 }
            else if allDigits, length >= 3, code.text.contains(written) { score = 2 }
            else if !allDigits, length >= 4, abs(length - code.text.utf8.count) <= 1,
                    Self.sameStart(written, code.text), Self.sameDigits(written, code.text),
                    EditDistance.osa(written, code.text, limit: 1) <= 1 { score = 1 }
            guard score > 0 else { continue }
            if score > best { best = score; found = Set(code.models) } else if score == best { found.formUnion(code.models) }
        }
        return found
    }

    /// The pieces of one written word that reads as a phone model code, from `start`: letters first, then letters and
    /// digits glued together, 3 to 7 characters with 1 to 4 digits (« t48s », « t99 », « cp7842 »); not « 48h » nor
    /// « 2e », which other extractors read. Nil when the word is not such a code.
    static func codeLike(_ tokens: [Token], from start: Int, claims: [Claim?]) -> (width: Int, text: String)? {
        guard start < tokens.count, tokens[start].glued, !tokens[start].isNumber else { return nil }
        var end = start + 1
        // Glued pieces alternate letters and digits: two in a row of the same kind belong to two words.
        while end < tokens.count, end - start < 4, tokens[end].glued, claims[end] == nil, tokens[end].isNumber != tokens[end - 1].isNumber {
            end += 1
        }
        let text = tokens[start..<end].map(\.text).joined()
        let bytes = Array(text.utf8)
        let digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }.count
        guard bytes.count >= 3, bytes.count <= 7, (1...4).contains(digits),
              bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }) else { return nil }
        return (end - start, text)
    }

    /// A typo is forgiven in the letters of a code, and two digits swapped (« w65p »), never a digit changed: a T48S or
    /// a T99 is another phone (not in the catalogue), not a misspelt T46S (issue 10, item 3).
    static func sameDigits(_ a: String, _ b: String) -> Bool {
        a.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.sorted() == b.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.sorted()
    }

    /// A typo keeps one of the first two letters in place, or swaps them: a cheap test before the edit distance.
    static func sameStart(_ a: String, _ b: String) -> Bool {
        var x = a.utf8.makeIterator()
        var y = b.utf8.makeIterator()
        guard let a0 = x.next(), let a1 = x.next(), let b0 = y.next(), let b1 = y.next() else { return false }
        return a0 == b0 || a1 == b1 || (a0 == b1 && a1 == b0)
    }

    private func matchBrand(_ word: String) -> Set<PhoneModelID>? {
        let bytes = word.utf8
        guard bytes.count >= 4, let a0 = bytes.first else { return nil }
        let a1 = bytes[bytes.index(after: bytes.startIndex)]
        var found: Set<PhoneModelID>?
        for brand in brands {
            let name = brand.name.utf8
            guard let b0 = name.first, name.count >= 2, abs(name.count - bytes.count) <= 1 else { continue }
            let b1 = name[name.index(after: name.startIndex)]
            let limit = name.count >= 5 ? 1 : 0
            // A typo keeps one of the first two letters in place, or swaps them: a cheap test before the distance.
            guard a0 == b0 || a1 == b1 || (a0 == b1 && a1 == b0) else { continue }
            if word == brand.name || (limit > 0 && EditDistance.osa(word, brand.name, limit: limit) <= limit) {
                found = (found ?? []).union(brand.models)
            }
        }
        return found
    }
}

/// Optimal string alignment distance (Damerau–Levenshtein without repeated edits), cut off above `limit`.
enum EditDistance {
    static func osa(_ a: String, _ b: String, limit: Int) -> Int {
        if abs(a.utf8.count - b.utf8.count) > limit { return limit + 1 }
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
