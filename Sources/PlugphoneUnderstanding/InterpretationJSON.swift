import PlugphoneDomain
import PlugphoneLocalization

extension Interpretation {
    /// The JSON of docs/reference.md §2, keys in the contract's order:
    /// `{"text":…,"lang":…,"intent":…,"confidence":0.97,"slots":{"line":…,"model":…,"shipping_mode":…}}`,
    /// and `best_guess` when the confidence was below the threshold.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("text", .string(text)), ("lang", .string(language.rawValue)), ("intent", .string(intent.rawValue)),
            ("confidence", .number(Self.twoDecimals(confidence))), ("slots", slotsJSON),
        ]
        if let bestGuess { fields.append(("best_guess", .string(bestGuess.rawValue))) }
        if let act { fields.append(("act", .string(act.rawValue))) }
        if !alsoAsks.isEmpty { fields.append(("also_asks", .array(alsoAsks.map { .string($0.rawValue) }))) }
        return .object(fields)
    }

    /// One line of `parse --json`.
    public var jsonLine: String { json.serialized() }

    /// Only what the utterance stated; `candidates` (several models fit), `line_ref` and `ordinal` are additions
    /// to the contract, present only when they apply.
    public var slotsJSON: JSONValue {
        .object(slotValues.map { key, value in
            switch key {
            case "candidates": (key, .array(slots.modelCandidates.map { .string($0.rawValue) }))
            case "excluded_models": (key, .array(slots.excludedModels.map { .string($0.rawValue) }))
            default: (key, .string(value))
            }
        })
    }

    /// The stated slots as `key=value` words: `line=+33972101011 model=yealink.t46s`.
    public var slotSummary: String {
        slotValues.map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// Every key `slots` can hold, in the contract's order (what a transcript's `understood:` may name).
    public static let slotKeys = [
        "line", "model", "candidates", "shipping_mode", "line_ref", "ordinal", "reference", "request_ref", "line_ending",
        "request_kind", "unknown_model", "line_incomplete", "excluded_models", "feature",
    ]

    /// The stated slots in the contract's order, values as written in JSON (candidates comma-separated).
    private var slotValues: [(String, String)] {
        var values: [(String, String)] = []
        if let line = slots.line { values.append(("line", line.rawValue)) }
        if let model = slots.model { values.append(("model", model.rawValue)) }
        if !slots.modelCandidates.isEmpty { values.append(("candidates", slots.modelCandidates.map(\.rawValue).joined(separator: ","))) }
        if let mode = slots.shippingMode { values.append(("shipping_mode", mode.rawValue)) }
        if let reference = slots.lineReference { values.append(("line_ref", reference.rawValue)) }
        if let ordinal = slots.ordinal { values.append(("ordinal", ordinal.jsonValue)) }
        if let reference = slots.reference { values.append(("reference", reference.rawValue)) }
        if let pointer = slots.requestPointer { values.append(("request_ref", pointer.rawValue)) }
        if let ending = slots.lineEnding { values.append(("line_ending", ending)) }
        if let kind = slots.requestKind { values.append(("request_kind", kind.rawValue)) }
        if let unknown = slots.unknownModel { values.append(("unknown_model", unknown)) }
        if let digits = slots.incompleteLine { values.append(("line_incomplete", digits)) }
        if !slots.excludedModels.isEmpty { values.append(("excluded_models", slots.excludedModels.map(\.rawValue).joined(separator: ","))) }
        if let feature = slots.feature { values.append(("feature", feature)) }
        return values
    }

    /// One readable line: `change_phone 0.97 fr line=+33972101011 model=yealink.t46s`.
    public var summaryLine: String {
        var parts = [intent.rawValue, Self.twoDecimals(confidence), language.rawValue]
        if !slotSummary.isEmpty { parts.append(slotSummary) }
        if let bestGuess { parts.append("best_guess=" + bestGuess.rawValue) }
        if let act { parts.append("act=" + act.rawValue) }
        return parts.joined(separator: " ")
    }

    /// `0.97`, `1.00`: rounded to two decimals, written without locale.
    public static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((min(max(value, 0), 1) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
