/// What a phone is, for lists and for descriptions a customer may use ("le sans-fil").
public enum PhoneKind: String, Sendable, Codable, CaseIterable {
    case desk
    case dect
}

/// A plug&phone model that the provider lends against a deposit.
public struct PhoneModel: Hashable, Sendable, Codable, Identifiable {
    public var id: PhoneModelID
    public var brand: String
    /// The commercial name, `Yealink T46S`.
    public var name: String
    public var kind: PhoneKind
    /// Short feature keys (`corded`, `colour_screen`, `bluetooth`, `wifi`, `rugged`, `four_lines`) that locales phrase.
    public var features: [String]
    public var deposit: Money
    /// False for a model no longer sold: it can be returned or exchanged away from, never ordered or chosen.
    public var orderable: Bool

    public init(id: PhoneModelID, brand: String, name: String, kind: PhoneKind, features: [String], deposit: Money, orderable: Bool) {
        self.id = id
        self.brand = brand
        self.name = name
        self.kind = kind
        self.features = features
        self.deposit = deposit
        self.orderable = orderable
    }
}

/// The phone models, in catalogue order.
public struct Catalog: Hashable, Sendable, Codable {
    public var models: [PhoneModel]

    public init(models: [PhoneModel]) { self.models = models }

    public subscript(id: PhoneModelID) -> PhoneModel? { models.first { $0.id == id } }

    public var orderable: [PhoneModel] { models.filter(\.orderable) }

    /// The catalogue of docs/reference.md §4.
    public static let demo = Catalog(models: [
        PhoneModel(id: "yealink.t41s", brand: "Yealink", name: "Yealink T41S", kind: .desk, features: ["corded"], deposit: .euros(60), orderable: true),
        PhoneModel(id: "yealink.t46s", brand: "Yealink", name: "Yealink T46S", kind: .desk, features: ["colour_screen"], deposit: .euros(90), orderable: true),
        PhoneModel(id: "yealink.t54w", brand: "Yealink", name: "Yealink T54W", kind: .desk, features: ["bluetooth", "wifi"], deposit: .euros(120), orderable: true),
        PhoneModel(id: "yealink.w56p", brand: "Yealink", name: "Yealink W56P", kind: .dect, features: [], deposit: .euros(80), orderable: true),
        PhoneModel(id: "gigaset.c530ip", brand: "Gigaset", name: "Gigaset C530 IP", kind: .dect, features: [], deposit: .euros(50), orderable: true),
        PhoneModel(id: "gigaset.n670.packed.r650h", brand: "Gigaset", name: "Gigaset N670 + R650H", kind: .dect, features: ["rugged"], deposit: .euros(150), orderable: true),
        PhoneModel(id: "cisco.cp7841", brand: "Cisco", name: "Cisco CP7841", kind: .desk, features: ["four_lines"], deposit: .euros(100), orderable: true),
        PhoneModel(id: "cisco.spa504g", brand: "Cisco", name: "Cisco SPA504G", kind: .desk, features: [], deposit: .euros(70), orderable: false),
    ])
}
