import Foundation

/// What an agent types to find the caller: a phone number in any written form, an account id in any case or without
/// its suffix, or (part of) the holder's name. The store answers it with every account that matches.
public struct CallerQuery: Hashable, Sendable {
    /// The number, when the text is one (`09 72 10 10 11`, `+33 9 72 10 10 11`, `0033972101011`…).
    public var line: LineNumber?
    /// The text as an account id, lowercased, without the `-ovh` suffix (`AB12345-OVH` → `ab12345`).
    public var accountStem: String?
    /// The text folded (lowercase, no accents, single spaces), to look for in holders' names; nil for a number.
    public var holderWords: String?

    /// The provider's account suffix: `ab12345` means `ab12345-ovh`.
    public static let accountSuffix = "-ovh"

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let number = LineNumber(parsing: trimmed) {
            line = number
            return
        }
        let folded = Self.fold(trimmed)
        if !folded.contains(" ") {
            accountStem = folded.hasSuffix(Self.accountSuffix) ? String(folded.dropLast(Self.accountSuffix.count)) : folded
        }
        holderWords = folded
    }

    /// Lowercased, without accents, runs of spaces made one: how names and ids are compared.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether this account matches the query's id or name (the line is the store's to match).
    public func matches(_ account: Account) -> Bool {
        let id = account.id.rawValue.lowercased()
        if let accountStem, id == accountStem || id == accountStem + Self.accountSuffix { return true }
        if let holderWords, Self.fold(account.holder).contains(holderWords) { return true }
        return false
    }
}
