@testable import PartnerMatchCore

/// A tiny taxonomy, gazetteer, theme list, catalog and needs, small enough to work
/// scores out by hand.
enum EngineFixtures {
    static let sectors = SectorTaxonomy(
        groups: [
            .init(code: "100", en: "Social infrastructure and services", vi: "Hạ tầng và dịch vụ xã hội"),
            .init(code: "200", en: "Economic infrastructure and services", vi: "Hạ tầng và dịch vụ kinh tế"),
            .init(code: "300", en: "Production sectors", vi: "Các ngành sản xuất"),
            .init(code: "400", en: "Multi-sector", vi: "Đa ngành"),
        ],
        categories: [
            .init(code: "140", group: "100", en: "Water supply and sanitation", vi: "Cấp nước và vệ sinh"),
            .init(code: "210", group: "200", en: "Transport and storage", vi: "Giao thông và kho bãi"),
            .init(code: "230", group: "200", en: "Energy", vi: "Năng lượng"),
            .init(code: "311", group: "300", en: "Agriculture", vi: "Nông nghiệp"),
            .init(code: "321", group: "300", en: "Industry", vi: "Công nghiệp"),
            .init(code: "410", group: "400", en: "General environment protection", vi: "Bảo vệ môi trường chung"),
        ],
        codes: [
            .init(code: "14030", category: "140", en: "Basic drinking water supply", vi: "Cấp nước sinh hoạt cơ bản"),
            .init(code: "14020", category: "140", en: "Water supply and sanitation - large systems", vi: "Cấp nước và vệ sinh - hệ thống lớn"),
            .init(code: "21020", category: "210", en: "Road transport", vi: "Giao thông đường bộ"),
            .init(code: "21030", category: "210", en: "Rail transport", vi: "Giao thông đường sắt"),
            .init(code: "23210", category: "230", en: "Energy generation, renewable sources", vi: "Sản xuất năng lượng tái tạo"),
            .init(code: "31120", category: "311", en: "Agricultural development", vi: "Phát triển nông nghiệp"),
            .init(code: "31140", category: "311", en: "Agricultural water resources", vi: "Thủy lợi"),
            .init(code: "32161", category: "321", en: "Agro-industries", vi: "Công nghiệp chế biến nông sản"),
            .init(code: "41010", category: "410", en: "Environmental policy", vi: "Chính sách môi trường"),
        ])

    static let provinces = Gazetteer(
        units: [
            .init(id: "son-la", name: "Sơn La", kind: "province", region: .northernMidlandsAndMountains, flags: [.mountainous, .border], formedFrom: ["son-la"]),
            .init(id: "dien-bien", name: "Điện Biên", kind: "province", region: .northernMidlandsAndMountains, flags: [.mountainous, .border], formedFrom: ["dien-bien"]),
            .init(id: "ha-noi", name: "Hà Nội", kind: "city", region: .redRiverDelta, flags: [.urban, .delta], formedFrom: ["ha-noi"]),
            .init(id: "can-tho", name: "Cần Thơ", kind: "city", region: .mekongDelta, flags: [.delta, .urban], formedFrom: ["can-tho"]),
            .init(id: "gia-lai", name: "Gia Lai", kind: "province", region: .centralHighlands, flags: [.mountainous], formedFrom: ["gia-lai"]),
        ],
        former: [], aliases: [], notProvinces: [])

    static let themes = ThemeVocabulary(themes: [
        .init(id: "green-growth", en: "Green growth", vi: "Tăng trưởng xanh"),
        .init(id: "high-tech-agriculture", en: "High-tech agriculture", vi: "Nông nghiệp công nghệ cao"),
        .init(id: "ethnic-minorities", en: "Ethnic minorities", vi: "Đồng bào dân tộc thiểu số"),
        .init(id: "poverty-reduction", en: "Poverty reduction", vi: "Giảm nghèo"),
        .init(id: "clean-water", en: "Clean water and sanitation", vi: "Nước sạch và vệ sinh"),
        .init(id: "rural-infrastructure", en: "Rural infrastructure", vi: "Hạ tầng nông thôn"),
        .init(id: "climate-adaptation", en: "Climate adaptation", vi: "Thích ứng với biến đổi khí hậu"),
        .init(id: "governance-capacity", en: "Governance and capacity", vi: "Quản trị và nâng cao năng lực"),
        .init(id: "private-sector-development", en: "Private sector development", vi: "Phát triển khu vực tư nhân"),
    ])

    static let reference = ReferenceData(sectors: sectors, provinces: provinces, themes: themes, rates: RateTable(rates: []))

    static let source = Source(id: "s1", title: "Fixture source", url: "https://example.org/partner", checked: "2026-03-20")
    static let prov = Provenance(source: "s1")

    static func offer(_ i: Instrument, _ lo: Double, _ hi: Double) -> InstrumentOffer {
        InstrumentOffer(instrument: i, ticket: TicketRange(min: lo, typical: (lo + hi) / 2, max: hi), provenance: prov)
    }

    static func priority(_ s: String, _ w: Double) -> SectorPriority { SectorPriority(sector: s, weight: w) }

    static let partners: [Partner] = [
        Partner(
            id: "road-bank-loans", name: LocalizedText(en: "Road Bank: loans", vi: "Ngân hàng Đường bộ: vốn vay"),
            kind: .multilateralBank, origin: "multilateral",
            instruments: [offer(.concessionalLoan, 9_500_000, 13_600_000), offer(.nonConcessionalLoan, 20_000_000, 100_000_000)],
            sectorPriorities: [priority("21020", 1), priority("210", 0.5)],
            themes: ["rural-infrastructure"],
            eligibility: Eligibility(applicantKinds: [.province, .ministry], minCounterpartShare: 0.15),
            recentVolume: VolumeFigure(usdPerYear: 500_000_000, year: 2023, provenance: prov),
            contacts: [Contact(label: "Hanoi office", address: "1 Example St, Hà Nội", url: "https://example.org/road")],
            applicationWindows: [ApplicationWindow(kind: .rolling)],
            sources: [source]),
        Partner(
            id: "grassroots-grants", name: LocalizedText(en: "Grassroots grants", vi: "Viện trợ cơ sở"),
            kind: .embassySmallGrants, origin: "JP",
            instruments: [offer(.grant, 10_000, 120_000)],
            sectorPriorities: [priority("14030", 1), priority("311", 0.6), priority("100", 0.3)],
            excludedSectors: ["230"],
            themes: ["ethnic-minorities", "poverty-reduction", "clean-water"],
            eligibility: Eligibility(applicantKinds: [.commune, .ngo]),
            geography: GeographicFocus(regions: [.northernMidlandsAndMountains], areaFlags: [.mountainous]),
            contacts: [Contact(label: "Embassy", email: "grants@example.org")],
            applicationWindows: [ApplicationWindow(kind: .annual, opens: "03-01", closes: "04-30")],
            sources: [source]),
        Partner(
            id: "agri-fund", name: LocalizedText(en: "Agri Fund", vi: "Quỹ Nông nghiệp"),
            kind: .developmentFund, origin: "KR",
            instruments: [offer(.grant, 200_000, 3_000_000), offer(.technicalAssistance, 50_000, 500_000)],
            sectorPriorities: [priority("31120", 1), priority("32161", 0.8), priority("300", 0.4)],
            themes: ["high-tech-agriculture", "green-growth"],
            geography: GeographicFocus(provinces: ["son-la", "dien-bien"]),
            recentVolume: VolumeFigure(usdPerYear: 20_000_000, year: 2024, provenance: prov),
            applicationWindows: [ApplicationWindow(kind: .dated, opens: "2026-02-01", closes: "2026-03-20")],
            sources: [source]),
        Partner(
            id: "climate-facility", name: LocalizedText(en: "Climate Facility", vi: "Quỹ Khí hậu"),
            kind: .developmentFund, origin: "multilateral",
            instruments: [offer(.grant, 1_000_000, 10_000_000), offer(.concessionalLoan, 5_000_000, 50_000_000)],
            sectorPriorities: [priority("41010", 1), priority("23210", 0.8), priority("400", 0.5)],
            excludedSectors: ["210"],
            themes: ["climate-adaptation", "green-growth"],
            geography: GeographicFocus(areaFlags: [.delta, .coastal]),
            sources: [source]),
        Partner(
            id: "investor-agro", name: LocalizedText(en: "Agro investor", vi: "Nhà đầu tư nông sản"),
            kind: .privateInvestor, origin: "SG",
            instruments: [offer(.equity, 500_000, 5_000_000)],
            sectorPriorities: [priority("32161", 1)],
            themes: ["private-sector-development"],
            eligibility: Eligibility(applicantKinds: [.enterprise]),
            sources: [source]),
        Partner(
            id: "ta-agency", name: LocalizedText(en: "TA Agency", vi: "Cơ quan Hỗ trợ Kỹ thuật"),
            kind: .technicalCooperationAgency, origin: "DE",
            instruments: [offer(.technicalAssistance, 100_000, 2_000_000), offer(.training, 20_000, 200_000)],
            sectorPriorities: [priority("311", 0.7), priority("140", 0.5)],
            themes: ["governance-capacity", "green-growth"],
            recentVolume: VolumeFigure(usdPerYear: 60_000_000, year: 2024, provenance: prov),
            sources: [source]),
    ]

    static let roads = Need(
        id: "sla-roads", title: LocalizedText(en: "Rural roads in Sơn La", vi: "Đường giao thông nông thôn Sơn La"),
        province: "son-la", applicant: .province, sectors: [SectorShare(code: "21020", share: 100)],
        budgetUSD: 12_000_000, instrument: .loan, counterpartUSD: 2_000_000, themes: ["rural-infrastructure"],
        stage: .concept, date: "2026-03-20")

    static let tea = Need(
        id: "sla-tea", title: LocalizedText(en: "Safe tea processing in Mộc Châu", vi: "Chế biến chè an toàn tại Mộc Châu"),
        province: "son-la", commune: "Mộc Châu", applicant: .province,
        sectors: [SectorShare(code: "32161", share: 70), SectorShare(code: "31120", share: 30)],
        budgetUSD: 2_500_000, instrument: .grant, counterpartUSD: 400_000,
        themes: ["high-tech-agriculture", "green-growth"], stage: .idea, date: "2026-03-20")

    static let water = Need(
        id: "sla-water", title: LocalizedText(en: "Village water supply", vi: "Cấp nước sinh hoạt thôn bản"),
        province: "Sơn La", applicant: .commune, sectors: [SectorShare(code: "14030", share: 100)],
        budgetUSD: 80_000, instrument: .grant, themes: ["clean-water", "ethnic-minorities"])

    static let defaultRule: Rule = try! Rule.parse(defaultRuleJSON)

    /// Data/rules/default.json as the tests expect it (kept in step by a test).
    static let defaultRuleJSON = """
    {
      "name": "default", "version": "1.1",
      "filters": {
        "instrument": {"enabled": true}, "budget": {"enabled": true, "tolerance": 3},
        "applicant": {"enabled": true}, "province": {"enabled": false}, "excludedSector": {"enabled": true}
      },
      "features": {
        "sectorFit": {"weight": 35, "exact": 1, "category": 0.6, "group": 0.25},
        "scaleFit": {"weight": 20, "width": 0.5},
        "instrumentFit": {"weight": 10},
        "themeFit": {"weight": 10, "neutral": 0.5},
        "geographyFit": {"weight": 12, "province": 1, "region": 0.7, "areaFlag": 0.5, "nationwide": 0.5},
        "cofinancing": {"weight": 8, "notRequired": 1, "unknown": 0.5},
        "presence": {"weight": 5, "low": 1000000, "high": 1000000000, "unknown": 0},
        "sectorEvidence": {"weight": 10, "saturation": 0.25, "fallback": 0.7},
        "ticketEvidence": {"weight": 6, "width": 0.5, "fallback": 0.7},
        "provinceEvidence": {"weight": 4, "saturation": 3, "region": 0.5, "fallback": 0.7}
      }
    }
    """

    static func catalog(_ rule: Rule = defaultRule, partners: [Partner] = partners, evidence: [String: EvidenceSummary] = [:]) -> CompiledCatalog {
        CompiledCatalog(partners: partners, reference: reference, rule: rule, evidence: evidence)
    }

    /// A rule with every filter on (strict geography too).
    static let strictRule: Rule = {
        var r = defaultRule
        r.filters.province = true
        return r
    }()
}
