/// A VAT rate in whole percent (20 % in France). Deposits are quoted HT (`Money`); the amount TTC is the amount HT
/// plus the tax, the tax rounded to the nearest cent, halves up (`90,00 € HT` at 20 % is `108,00 € TTC`;
/// `0,05 € HT` at 20 % is `0,06 € TTC`). The rate itself is data (`Locales/<lang>/products.yaml`, `vat_percent`).
public struct VATRate: Hashable, Sendable {
    public var percent: Int

    public init(percent: Int) { self.percent = percent }

    /// The tax on `amount`, to the nearest cent, halves rounded away from zero.
    public func tax(on amount: Money) -> Money {
        let product = amount.cents * percent
        let rounded = product >= 0 ? (product + 50) / 100 : -((-product + 50) / 100)
        return Money(cents: rounded)
    }

    /// `amount` HT with its tax: the amount TTC.
    public func including(_ amount: Money) -> Money { amount + tax(on: amount) }
}
