/// A language plugphone speaks. French first.
public enum Language: String, Sendable, Codable, CaseIterable, Hashable {
    case fr
    case en

    public static let `default`: Language = .fr
}
