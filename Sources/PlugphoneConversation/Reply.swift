import Foundation
import PlugphoneDomain
import PlugphoneLocalization

/// One thing the assistant says: a message key of `Locales/<lang>/messages-conversation.yaml` and its arguments.
/// The conversation never holds text; the runtime renders replies in the session language.
public struct Reply: Hashable, Sendable {
    public var key: String
    public var arguments: [String: ReplyArgument]

    public init(_ key: String, _ arguments: [String: ReplyArgument] = [:]) {
        self.key = key
        self.arguments = arguments
    }
}

/// A value placed in a message, formatted by the language that renders it.
public indirect enum ReplyArgument: Hashable, Sendable {
    /// Shown as is: references, account ids.
    case verbatim(String)
    case money(Money)
    /// An amount HT shown TTC: the tax computed by `VATRate` at the rate of the language's data (`product.vat_percent`).
    case moneyIncludingVAT(Money)
    /// The VAT rate of the language's data, `20 %`.
    case vatRate
    case date(Date)
    case line(LineNumber)
    /// The commercial name, `Yealink T46S`.
    case model(PhoneModelID)
    /// What the model is, `poste de bureau, écran couleur`.
    case modelDescription(PhoneModelID)
    case message(Reply)
    /// Messages one under the other.
    case lines([Reply])
    /// `A, B ou C`.
    case alternatives([ReplyArgument])
}

/// Who reads the replies: the customer, or a call-centre agent guiding the customer on the phone.
public enum Audience: String, Sendable, Hashable {
    case customer
    /// Replies use `agent.<key>` when the locale has it ("Demandez au client…"), the customer's text otherwise.
    case agent
}

/// Turns replies into text with one language's messages and formats.
public struct Renderer: Sendable {
    public let pack: LanguagePack
    public let catalog: Catalog
    public let audience: Audience

    public init(pack: LanguagePack, catalog: Catalog, audience: Audience = .customer) {
        self.pack = pack
        self.catalog = catalog
        self.audience = audience
    }

    public func render(_ reply: Reply) -> String {
        var values: [String: String] = [:]
        for (name, argument) in reply.arguments { values[name] = render(argument) }
        if audience == .agent, pack.messages.has("agent." + reply.key) { return pack.messages.text("agent." + reply.key, values) }
        return pack.messages.text(reply.key, values)
    }

    /// The VAT rate of the language's data (`product.vat_percent`, whole percent); nil when the data holds no number.
    public var vatRate: VATRate? {
        Int(pack.messages.text("product.vat_percent")).map { VATRate(percent: $0) }
    }

    public func render(_ replies: [Reply]) -> String {
        replies.map(render).joined(separator: "\n")
    }

    public func render(_ argument: ReplyArgument) -> String {
        switch argument {
        case .verbatim(let text): text
        case .money(let amount): pack.format.money(amount)
        case .moneyIncludingVAT(let amount):
            if let rate = vatRate {
                pack.messages.text("product.money_ttc", ["amount": pack.format.number(rate.including(amount))])
            } else {
                pack.messages.text("product.vat_percent")
            }
        case .vatRate: pack.messages.text("product.vat_rate", ["percent": pack.messages.text("product.vat_percent")])
        case .date(let date): pack.format.date(date)
        case .line(let number): pack.format.line(number)
        case .model(let id): catalog[id]?.name ?? id.rawValue
        case .modelDescription(let id): catalog[id].map(pack.describe) ?? id.rawValue
        case .message(let reply): render(reply)
        case .lines(let replies): replies.map(render).joined(separator: "\n")
        case .alternatives(let items):
            switch items.count {
            case 0: ""
            case 1: render(items[0])
            default:
                items.dropLast().map(render).joined(separator: pack.messages.text("conv.list.separator"))
                    + pack.messages.text("conv.list.or") + render(items[items.count - 1])
            }
        }
    }
}
