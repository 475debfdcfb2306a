import PlugphoneDomain
import PlugphoneLocalization

extension Interpretation {
    /// The one-line JSON of CONTRACT.md §2, keys in the contract's order:
    /// `{"text":…,"lang":…,"intent":…,"confidence":0.97,"slots":{"line":…,"model":…,"shipping_mode":…}}`.
    /// Slots hold only what was stated; `candidates` (several models fit) and `best_guess` (below the threshold) are added
    /// only when they apply.
    public var jsonLine: String {
        var out = "{\"text\":"
        Self.appendJSONString(text, to: &out)
        out += ",\"lang\":\"" + language.rawValue + "\",\"intent\":\"" + intent.rawValue + "\",\"confidence\":"
        out += Self.twoDecimals(confidence)
        out += ",\"slots\":{"
        var first = true
        func key(_ name: String) {
            if !first { out += "," }
            first = false
            out += "\"" + name + "\":"
        }
        if let line = slots.line { key("line"); Self.appendJSONString(line.rawValue, to: &out) }
        if let model = slots.model { key("model"); Self.appendJSONString(model.rawValue, to: &out) }
        if !slots.modelCandidates.isEmpty {
            key("candidates")
            out += "["
            for (n, id) in slots.modelCandidates.enumerated() {
                if n > 0 { out += "," }
                Self.appendJSONString(id.rawValue, to: &out)
            }
            out += "]"
        }
        if let mode = slots.shippingMode { key("shipping_mode"); Self.appendJSONString(mode.rawValue, to: &out) }
        if let reference = slots.lineReference { key("line_ref"); Self.appendJSONString(reference.rawValue, to: &out) }
        if let ordinal = slots.ordinal { key("ordinal"); Self.appendJSONString(ordinal.jsonValue, to: &out) }
        out += "}"
        if let bestGuess { out += ",\"best_guess\":\"" + bestGuess.rawValue + "\"" }
        out += "}"
        return out
    }

    /// One readable line: `change_phone 0.97 fr line=+33972101011 model=yealink.t46s`.
    public var summaryLine: String {
        var parts = [intent.rawValue, Self.twoDecimals(confidence), language.rawValue]
        if let line = slots.line { parts.append("line=" + line.rawValue) }
        if let model = slots.model { parts.append("model=" + model.rawValue) }
        if !slots.modelCandidates.isEmpty { parts.append("candidates=" + slots.modelCandidates.map(\.rawValue).joined(separator: ",")) }
        if let mode = slots.shippingMode { parts.append("shipping_mode=" + mode.rawValue) }
        if let reference = slots.lineReference { parts.append("line_ref=" + reference.rawValue) }
        if let ordinal = slots.ordinal { parts.append("ordinal=" + ordinal.jsonValue) }
        if let bestGuess { parts.append("best_guess=" + bestGuess.rawValue) }
        return parts.joined(separator: " ")
    }

    /// `0.97`, `1.00`: rounded to two decimals, written without locale.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((min(max(value, 0), 1) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    static func appendJSONString(_ string: String, to out: inout String) {
        // Most strings need no escaping: copy them whole.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            out += "\"" + string + "\""
            return
        }
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
