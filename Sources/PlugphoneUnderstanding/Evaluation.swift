import Foundation
import PlugphoneDomain
import PlugphoneLocalization

/// Intent accuracy and slot exact-match of an `Understander` on annotated examples (a held-out split in Rasa layout).
///
/// Expected slots come from the annotations: `line` (value, or the annotated text read as a written number), `model`
/// (a catalog id; `a|b|c` for several candidates) and `shipping_mode`. A slot exact-match means all of them, and
/// nothing more, came out.
public struct Evaluation: Sendable {
    public struct Failure: Sendable, CustomStringConvertible {
        public var text: String
        public var expectedIntent: String
        public var expectedSlots: Slots
        public var got: Interpretation
        public var description: String {
            "\(text) | expected \(expectedIntent) \(Self.describe(expectedSlots)) | got \(got.summaryLine)"
        }
        static func describe(_ slots: Slots) -> String {
            var parts: [String] = []
            if let line = slots.line { parts.append("line=\(line)") }
            if let model = slots.model { parts.append("model=\(model)") }
            if !slots.modelCandidates.isEmpty { parts.append("candidates=" + slots.modelCandidates.map(\.rawValue).joined(separator: ",")) }
            if let mode = slots.shippingMode { parts.append("shipping_mode=\(mode.rawValue)") }
            if let reference = slots.lineReference { parts.append("line_ref=\(reference.rawValue)") }
            if let ordinal = slots.ordinal { parts.append("ordinal=\(ordinal.jsonValue)") }
            return parts.joined(separator: " ")
        }
    }

    public var language: Language
    public var count = 0
    public var intentCorrect = 0
    public var slotExact = 0
    /// Examples with at least one annotated slot, and how many of them matched exactly.
    public var withSlots = 0
    public var withSlotsExact = 0
    public var languageCorrect = 0
    public var failures: [Failure] = []
    /// Expected intent → predicted intent → count (diagonal included).
    public var confusion: [String: [String: Int]] = [:]

    public var intentAccuracy: Double { count == 0 ? 0 : Double(intentCorrect) / Double(count) }
    public var slotExactMatch: Double { count == 0 ? 0 : Double(slotExact) / Double(count) }
    public var slotExactMatchWhereStated: Double { withSlots == 0 ? 0 : Double(withSlotsExact) / Double(withSlots) }
    public var languageAccuracy: Double { count == 0 ? 0 : Double(languageCorrect) / Double(count) }

    public init(understander: Understander, data: RasaNLU, language: Language) {
        self.language = language
        for (intent, examples) in data.intents {
            for example in examples {
                let expected = Self.expectedSlots(example.entities)
                let got = understander.interpret(example.text, defaultLanguage: language)
                count += 1
                if got.language == language { languageCorrect += 1 }
                let intentOK = got.intent.rawValue == intent
                let slotsOK = got.slots == expected
                if intentOK { intentCorrect += 1 }
                confusion[intent, default: [:]][got.intent.rawValue, default: 0] += 1
                if slotsOK { slotExact += 1 }
                if !expected.isEmpty {
                    withSlots += 1
                    if slotsOK { withSlotsExact += 1 }
                }
                if !intentOK || !slotsOK {
                    failures.append(Failure(text: example.text, expectedIntent: intent, expectedSlots: expected, got: got))
                }
            }
        }
    }

    public static func expectedSlots(_ entities: [RasaNLU.Entity]) -> Slots {
        var slots = Slots()
        for entity in entities {
            switch entity.name {
            case "line":
                if let value = entity.value { slots.line = LineNumber(rawValue: value) } else { slots.line = LineNumber(parsing: entity.text) }
            case "model":
                let ids = (entity.value ?? "").split(separator: "|").map { PhoneModelID(String($0)) }
                if ids.count == 1 { slots.model = ids[0] } else if ids.count > 1 { slots.modelCandidates = ids }
            case "shipping_mode":
                slots.shippingMode = entity.value.flatMap(ShippingMode.init(rawValue:))
            case "line_ref":
                slots.lineReference = entity.value.flatMap(LineReference.init(rawValue:))
            case "ordinal":
                slots.ordinal = entity.value.flatMap(Ordinal.init(jsonValue:))
            default:
                break
            }
        }
        return slots
    }

    /// `fr: intent accuracy 0.93 (186/200), slot exact-match 0.95 (190/200) …`
    public var summary: String {
        func pct(_ value: Double) -> String { Interpretation.twoDecimals(value) }
        return "\(language.rawValue): \(count) examples, intent accuracy \(pct(intentAccuracy)) (\(intentCorrect)/\(count)), "
            + "slot exact-match \(pct(slotExactMatch)) (\(slotExact)/\(count)), "
            + "where slots stated \(pct(slotExactMatchWhereStated)) (\(withSlotsExact)/\(withSlots)), "
            + "language detected \(pct(languageAccuracy))"
    }
}
