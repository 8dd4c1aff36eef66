import PartnerMatchCore

/// A need written inline in a `rank`, `score` or `explain` request: the fields of
/// `Data/needs/*.json`, of which only `sectors` and a budget are required. What is left
/// out is assumed and said in the answer (`assumed`): the province is `national`, the
/// applicant `province`, the instrument `any`. The budget is `budgetUSD`, or `budget` in
/// the amount syntax (`"50 tỷ"`, `"2.5M"`), converted at the rate of the year of `date`.
struct InlineNeed: Decodable {
    var id: String?
    var title: LocalizedText?
    var province: String?
    var commune: String?
    var formerDistrict: String?
    var applicant: ApplicantKind?
    var sectors: [SectorShare]
    var budgetUSD: Double?
    var budget: String?
    var budgetInput: String?
    var instrument: SoughtInstrument?
    var counterpartUSD: Double?
    var themes: [String]?
    var beneficiaries: Beneficiaries?
    var stage: NeedStage?
    var date: String?
    var description: LocalizedText?

    /// The need, and what was assumed to complete it.
    /// - Throws: `ValidationIssue` for a missing or unreadable budget.
    func need(rates: RateTable) throws(ValidationIssue) -> (need: Need, assumed: [AssumedDefault]) {
        var assumed: [AssumedDefault] = []
        if province == nil { assumed.append(.province) }
        if applicant == nil { assumed.append(.applicant) }
        if instrument == nil { assumed.append(.instrument) }
        var usd = budgetUSD ?? 0
        var input = budgetInput
        switch (budgetUSD, budget) {
        case (nil, nil):
            throw ValidationIssue(field: "budgetUSD", message: "missing; expected budgetUSD (a number) or budget (\(AmountSyntax.expected))")
        case (.some, .some):
            throw ValidationIssue(field: "budget", message: "given with budgetUSD; expected one of them")
        case (nil, .some(let text)):
            do throws(SyntaxError) {
                let a = try AmountSyntax.parse(text, rates: rates, year: AmountSyntax.year(ofDate: date))
                usd = a.usd
                input = a.conversionNote ?? input
                assumed += AssumedDefault.of(a, field: "budget")
            } catch {
                throw ValidationIssue(field: "budget", message: error.description)
            }
        case (.some, nil):
            break
        }
        let need = Need(
            id: id ?? "ad-hoc", title: title ?? LocalizedText(en: "Ad-hoc need", vi: "Nhu cầu tạm"),
            province: province ?? Need.national, commune: commune, formerDistrict: formerDistrict,
            applicant: applicant ?? .province, sectors: sectors, budgetUSD: usd, budgetInput: input,
            instrument: instrument ?? .any, counterpartUSD: counterpartUSD, themes: themes ?? [],
            beneficiaries: beneficiaries, stage: stage, date: date, description: description)
        return (need, assumed)
    }
}
