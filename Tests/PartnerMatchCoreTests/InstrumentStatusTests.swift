import Foundation
import Testing
@testable import PartnerMatchCore

/// The instrument status, ceiling and bilingual free text of the catalog model: how they
/// decode (strictly, and from the older plain-string form), validate and round-trip.
@Suite struct InstrumentStatusTests {
    let reader = RecordFile(reference: Fixtures.reference)

    /// The fixture partner sfd-loans with its instrument element replaced.
    func partner(instrument: String, notes: String? = nil) -> [UInt8] {
        var text = String(decoding: Fixtures.bytes("partners/sfd-loans.json"), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("  \"instruments\"") ? "  \"instruments\": [\(instrument)]," : String(line)
        }
        text = lines.joined(separator: "\n")
        if let notes { text = text.replacingOccurrences(of: "\n  \"sources\"", with: "\n  \"notes\": \(notes),\n  \"sources\"") }
        return Array(text.utf8)
    }

    let ticket = "\"instrument\": \"grant\", \"ticket\": {\"min\": 30000, \"typical\": 70000, \"max\": 90000}, \"provenance\": {\"source\": \"s1\"}"
    let status = "\"status\": {\"state\": \"dormant\", \"lastCommitment\": \"2018-05\", \"asOf\": \"2026-12-07\", \"provenance\": {\"source\": \"s1\", \"note\": \"no loan since 2018\"}}"
    let ceiling = "\"ceiling\": {\"amount\": 10000000, \"currency\": \"EUR\", \"year\": 2025, \"provenance\": {\"source\": \"s1\"}}"

    func firstError(_ bytes: [UInt8]) -> InputError? {
        do { _ = try reader.partners(from: bytes, file: "p.json"); return nil } catch { return error.errors.first }
    }

    @Test func decodesStatusCeilingAndBilingualText() throws {
        let terms = "\"terms\": {\"en\": \"40 years\", \"vi\": \"40 năm\"}"
        let p = try reader.partners(from: partner(instrument: "{\(ticket), \(terms), \(status), \(ceiling)}", notes: "{\"en\": \"E\", \"vi\": \"V\"}"), file: "p.json")[0]
        let o = p.instruments[0]
        #expect(o.status == InstrumentStatus(state: .dormant, lastCommitment: "2018-05", asOf: "2026-12-07", provenance: Provenance(source: "s1", note: "no loan since 2018")))
        #expect(o.ceiling == Ceiling(amount: 10_000_000, currency: "EUR", year: 2025, provenance: Provenance(source: "s1")))
        #expect(o.terms == LocalizedText(en: "40 years", vi: "40 năm"))
        #expect(p.notes == LocalizedText(en: "E", vi: "V"))
        // 10M EUR at the fixture's 0.9 EUR/USD of 2025.
        #expect(abs((o.ceiling!.usd(rates: Fixtures.reference.rates)!.amount) - 10_000_000 / 0.9) < 1e-6)
    }

    @Test func plainStringNotesAndTermsReadAsEnglish() throws {
        let p = try reader.partners(from: partner(instrument: "{\(ticket), \"terms\": \"40 years\"}", notes: "\"old note\""), file: "p.json")[0]
        #expect(p.instruments[0].terms == LocalizedText(en: "40 years"))
        #expect(p.notes == LocalizedText(en: "old note"))
        #expect(p.instruments[0].status == nil)
        // Encoding writes the object form.
        #expect(try CanonicalJSON.string(p).contains("\"notes\":{\"en\":\"old note\"}"))
    }

    @Test func unknownFieldInStatusIsRefusedWithASuggestion() {
        let bad = status.replacingOccurrences(of: "lastCommitment", with: "lastCommitmnet")
        let e = firstError(partner(instrument: "{\(ticket), \(bad)}"))
        #expect(e?.field == "instruments[0].status.lastCommitmnet")
        #expect(e?.message.contains("did you mean \"lastCommitment\"") == true)
    }

    @Test func unknownLanguageInNotesIsRefused() {
        let e = firstError(partner(instrument: "{\(ticket)}", notes: "{\"en\": \"E\", \"fr\": \"F\"}"))
        #expect(e?.field == "notes.fr")
    }

    @Test func unknownStateListsTheAcceptedOnes() {
        let e = firstError(partner(instrument: "{\(ticket), \(status.replacingOccurrences(of: "dormant", with: "paused"))}"))
        #expect(e?.field == "instruments[0].status.state")
        #expect(e?.message.contains("active, dormant, closed") == true)
    }

    @Test func statusDatesAreChecked() {
        for (from, to, field) in [("2018-05", "2018-13", "lastCommitment"), ("2018-05", "2027", "lastCommitment"), ("2026-12-07", "7/12/2026", "asOf")] {
            let e = firstError(partner(instrument: "{\(ticket), \(status.replacingOccurrences(of: from, with: to))}"))
            #expect(e?.field == "instruments[0].status.\(field)", "\(to)")
        }
        #expect(firstError(partner(instrument: "{\(ticket), \(status.replacingOccurrences(of: "2018-05", with: "2018"))}")) == nil)
    }

    /// `closedSince` is a partial date, only on a closed window, known on `asOf`, and not
    /// before the last commitment.
    @Test func closedSinceIsChecked() {
        let closed = status.replacingOccurrences(of: "\"dormant\"", with: "\"closed\"")
        func with(_ date: String, in base: String) -> String {
            base.replacingOccurrences(of: "\"asOf\"", with: "\"closedSince\": \"\(date)\", \"asOf\"")
        }
        #expect(firstError(partner(instrument: "{\(ticket), \(with("2019-06-30", in: closed))}")) == nil)
        for (date, base, says) in [("2019-06-30", status, "only with"), ("30/6/2019", closed, "not a date"), ("2027", closed, "after asOf"), ("2017-12-31", closed, "before the last commitment")] {
            let e = firstError(partner(instrument: "{\(ticket), \(with(date, in: base))}"))
            #expect(e?.field == "instruments[0].status.closedSince", "\(date)")
            #expect(e?.message.contains(says) == true, "\(date): \(e?.message ?? "")")
        }
    }

    @Test func statusAndCeilingProvenanceMustNameASource() {
        let e = firstError(partner(instrument: "{\(ticket), \(ceiling.replacingOccurrences(of: "\"source\": \"s1\"", with: "\"source\": \"s7\""))}"))
        #expect(e?.field == "instruments[0].ceiling.provenance.source")
        let missing = status.replacingOccurrences(of: ", \"provenance\": {\"source\": \"s1\", \"note\": \"no loan since 2018\"}", with: "")
        #expect(firstError(partner(instrument: "{\(ticket), \(missing)}"))?.field == "instruments[0].status.provenance")
    }

    @Test func ceilingShapeIsChecked() {
        #expect(firstError(partner(instrument: "{\(ticket), \(ceiling.replacingOccurrences(of: "EUR", with: "euro"))}"))?.field == "instruments[0].ceiling.currency")
        #expect(firstError(partner(instrument: "{\(ticket), \(ceiling.replacingOccurrences(of: "10000000", with: "0"))}"))?.field == "instruments[0].ceiling.amount")
    }

    @Test func csvRoundTripKeepsStatusCeilingAndBilingualText() throws {
        let terms = "\"terms\": {\"en\": \"40 years\", \"vi\": \"40 năm\"}"
        let partners = try reader.partners(from: partner(instrument: "{\(ticket), \(terms), \(status), \(ceiling)}", notes: "{\"en\": \"E, \\\"quoted\\\"\", \"vi\": \"V\"}"), file: "p.json")
        let csv = CSV.write(header: CSVColumns.partner, rows: try partners.map { try $0.csvFields })
        let back = try reader.partners(from: Array(csv.utf8), file: "p.csv")
        #expect(back == partners)
        #expect(back[0].instruments[0].status?.state == .dormant)
    }

    @Test func csvPlainNotesCellReadsAsEnglish() throws {
        let partners = try reader.partners(from: partner(instrument: "{\(ticket)}"), file: "p.json")
        var rows = try partners.map { try $0.csvFields }
        rows[0][CSVColumns.partner.firstIndex(of: "notes")!] = "Plain note, from an older export"
        let back = try reader.partners(from: Array(CSV.write(header: CSVColumns.partner, rows: rows).utf8), file: "p.csv")
        #expect(back[0].notes == LocalizedText(en: "Plain note, from an older export"))
    }

    /// The store keeps partners as canonical JSON read back with Foundation's decoder: a
    /// database written before bilingual text (plain-string notes, terms and window
    /// notes, no status) still reads, and the new form round-trips.
    @Test func foundationDecoderReadsOldAndNewDocuments() throws {
        let old = #"{"id":"p","name":{"en":"P"},"kind":"ngo","origin":"VN","instruments":[{"instrument":"grant","ticket":{"min":1,"typical":2,"max":3},"terms":"T","provenance":{"source":"s1","estimate":false}}],"sectorPriorities":[{"sector":"140","weight":1}],"applicationWindows":[{"kind":"rolling","note":"W"}],"sources":[{"id":"s1","title":"S","url":"u","checked":"2026-01-01"}],"notes":"N"}"#
        let p = try JSONDecoder().decode(Partner.self, from: Data(old.utf8))
        #expect(p.notes == LocalizedText(en: "N") && p.instruments[0].terms == LocalizedText(en: "T") && p.applicationWindows[0].note == LocalizedText(en: "W"))
        #expect(p.instruments[0].status == nil)
        var q = p
        q.instruments[0].status = InstrumentStatus(state: .closed, asOf: "2026-12-07", provenance: Provenance(source: "s1"))
        q.notes?.vi = "G"
        #expect(try JSONDecoder().decode(Partner.self, from: CanonicalJSON.data(q)) == q)
    }
    /// A past year sees each window as it stood then: active in or before its last
    /// commitment; a dormant window also in the years before dormancy began (fewer than
    /// `DataCheck.dormantYears` since its last commitment); a closed one stays closed after
    /// its last commitment; without a year, the stored state.
    @Test func stateAsOfAPastYearFollowsTheDormancyRule() {
        func offer(_ state: InstrumentStatus.State, _ last: String?) -> InstrumentOffer {
            InstrumentOffer(instrument: .grant, ticket: TicketRange(min: 1, typical: 2, max: 3), provenance: Provenance(source: "s1"),
                            status: InstrumentStatus(state: state, lastCommitment: last, asOf: "2026-12-07", provenance: Provenance(source: "s1")))
        }
        let dormant = offer(.dormant, "2018-05")
        #expect(CompiledCatalog.state(of: dormant, asOf: 2016) == .active)
        #expect(CompiledCatalog.state(of: dormant, asOf: 2018) == .active)
        #expect(CompiledCatalog.state(of: dormant, asOf: 2022) == .active)
        #expect(CompiledCatalog.state(of: dormant, asOf: 2023) == .dormant)
        #expect(CompiledCatalog.state(of: dormant, asOf: nil) == .dormant)
        #expect(CompiledCatalog.state(of: offer(.dormant, nil), asOf: 2020) == .dormant)
        let closed = offer(.closed, "2011-06")
        #expect(CompiledCatalog.state(of: closed, asOf: 2011) == .active)
        #expect(CompiledCatalog.state(of: closed, asOf: 2012) == .closed)
        #expect(CompiledCatalog.state(of: offer(.active, "2024"), asOf: 2010) == .active)
        // The year the state was judged, and later, see it as stored.
        #expect(CompiledCatalog.state(of: offer(.dormant, "2023"), asOf: 2026) == .dormant)
        #expect(CompiledCatalog.state(of: offer(.dormant, "2023"), asOf: 2025) == .active)
    }

    /// A closed window with a closing date was open in the years before it: active, or
    /// dormant once `DataCheck.dormantYears` had passed since its last commitment; closed
    /// from its closing year on. Without a last commitment it was active before closing.
    @Test func closedWindowWithAClosingDateWasOpenBeforeIt() {
        func offer(_ last: String?, closed: String?) -> InstrumentOffer {
            InstrumentOffer(instrument: .grant, ticket: TicketRange(min: 1, typical: 2, max: 3), provenance: Provenance(source: "s1"),
                            status: InstrumentStatus(state: .closed, lastCommitment: last, closedSince: closed, asOf: "2026-12-07", provenance: Provenance(source: "s1")))
        }
        let belgium = offer("2011-06", closed: "2019-06-30")
        #expect(CompiledCatalog.state(of: belgium, asOf: 2011) == .active)
        #expect(CompiledCatalog.state(of: belgium, asOf: 2015) == .active)
        #expect(CompiledCatalog.state(of: belgium, asOf: 2016) == .dormant)
        #expect(CompiledCatalog.state(of: belgium, asOf: 2018) == .dormant)
        #expect(CompiledCatalog.state(of: belgium, asOf: 2019) == .closed)
        #expect(CompiledCatalog.state(of: belgium, asOf: nil) == .closed)
        let usaid = offer(nil, closed: "2025-07-01")
        #expect(CompiledCatalog.state(of: usaid, asOf: 2010) == .active)
        #expect(CompiledCatalog.state(of: usaid, asOf: 2024) == .active)
        #expect(CompiledCatalog.state(of: usaid, asOf: 2025) == .closed)
        #expect(CompiledCatalog.state(of: offer(nil, closed: nil), asOf: 2010) == .closed)
    }
}
