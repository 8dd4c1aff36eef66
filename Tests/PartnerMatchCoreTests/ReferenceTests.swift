import Testing
@testable import PartnerMatchCore

@Suite struct GazetteerTests {
    let g = Fixtures.reference.provinces

    @Test(arguments: ["Sơn La", "son la", "SON LA", "Tỉnh Sơn La", "Son La Province", "son-la", "Sơn La".decomposedStringWithCanonicalMapping])
    func resolvesAnySpelling(_ text: String) {
        #expect(g.resolve(text)?.id == "son-la")
    }

    @Test func formerProvinceMapsToItsNewUnit() {
        guard case .unit(let u, let via) = g.lookup("Yên Bái") else { Issue.record("not resolved"); return }
        #expect(u.id == "lao-cai")
        #expect(via == "Yên Bái -> Lào Cai, merged 1 July 2025")
        #expect(g.resolve("Thành phố Hà Nội")?.id == "ha-noi")
        #expect(g.resolve("Ha Tay")?.id == "ha-noi")
        #expect(g.resolve("Thua Thien - Hue")?.id == "hue")
        #expect(g.resolve("dien bien")?.name == "Điện Biên")
    }

    @Test func notAProvinceIsNotForced() {
        #expect(g.lookup("Viet Nam") == .notAProvince(note: "the country"))
        #expect(g.resolve("Mekong Delta") == nil)
    }

    @Test func unknownSuggestsNearest() {
        guard case .unknown(let near) = g.lookup("Son Lam") else { Issue.record("should be unknown"); return }
        #expect(near.first == "Sơn La")
    }
}

@Suite struct SectorTaxonomyTests {
    let t = Fixtures.reference.sectors

    @Test func resolvesLevels() {
        #expect(t.resolve("31140")?.level == .code)
        #expect(t.resolve("31140")?.category == "311")
        #expect(t.resolve("31140")?.group == "300")
        #expect(t.resolve("311")?.level == .category)
        #expect(t.resolve("300")?.level == .group)
        #expect(t.resolve("600")?.level == .category)  // the one category that equals its group
        #expect(t.resolve("99999") == nil)
    }

    @Test func retiredCodesAreKeptAndMapped() {
        let r = t.resolve("31191")
        #expect(r?.category == "311")
        #expect(t.code("31191")?.retired == true)
    }

    @Test func suggestsNearestActiveCodes() {
        #expect(t.suggestions(for: "31150").contains("31140"))
        #expect(!t.suggestions(for: "31192").contains("31191"))
    }

    @Test func vietnameseNames() {
        #expect(t.name(of: "21020", language: .vi) == "Giao thông đường bộ")
        #expect(t.name(of: "60010", language: .vi) == "Action relating to debt")  // falls back to English
    }
}

@Suite struct RateTableTests {
    @Test func nearestYearAndLatest() {
        let r = Fixtures.reference.rates
        #expect(r.rate("VND", year: 2024)?.perUSD == 24000)
        #expect(r.rate("VND", year: 2030)?.year == 2025)
        #expect(r.rate("vnd")?.perUSD == 25000)
        #expect(r.rate("XYZ") == nil)
        #expect(r.rate("USD")?.perUSD == 1)
    }
}
