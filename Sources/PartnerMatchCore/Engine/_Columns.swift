/// The compiled catalog as flat per-feature columns, one slot per partner (partners in
/// id order). Raw, unchecked storage: the scoring loop reads it without bounds checks
/// so that it vectorises. Immutable once built, hence safe to share between threads.
final class _Columns: @unchecked Sendable {
    let count: Int
    /// Fused sector rows, `rowCount` x `count`: the best credit of each partner for a
    /// sector (code, category or group) of the taxonomy.
    let sectorRows: UnsafeMutablePointer<Float>
    let rowCount: Int
    /// Per sought instrument (`SoughtInstrument.allCases` order): merged ticket
    /// intervals of the compatible offered instruments, in natural log, `slots` x `count`.
    /// Unused slots and partners with no compatible instrument hold a far sentinel.
    let ticketLow: [UnsafeMutablePointer<Float>]
    let ticketHigh: [UnsafeMutablePointer<Float>]
    let ticketSlots: [Int]
    /// Per sought instrument: the instrument fit, `count` each.
    let instrumentFit: [UnsafeMutablePointer<Float>]
    /// Per sought instrument: the factor on the score (1, or the rule's dormant factor).
    let statusFactor: [UnsafeMutablePointer<Float>]
    /// Bits 0-6: instruments offered (`Instrument.allCases` order); bits 8-12: applicant
    /// kinds accepted (`ApplicantKind.allCases` order).
    let eligibility: UnsafeMutablePointer<UInt32>
    /// Theme bitsets (`CompiledCatalog.themeBits`) as 32-bit words, `2` x `count`: every
    /// partner's low word, then every high word (32-bit lanes vectorise; see
    /// `FeatureFormulas.sharedThemes`).
    let themes: UnsafeMutablePointer<UInt32>
    /// Geography fit per gazetteer unit (plus one row for an unknown province),
    /// `(units + 1)` x `count`; negative where strict geography excludes the partner.
    let geography: UnsafeMutablePointer<Float>
    let geographyRows: Int
    let inverseMinShare: UnsafeMutablePointer<Float>
    let presence: UnsafeMutablePointer<Float>
    /// The evidence features' columns; nil when the rule uses none of them.
    let evidence: _EvidenceColumns?

    static let farSentinel: Float = 1000

    init(count: Int, rowCount: Int, ticketSlots: [Int], geographyRows: Int, evidence layout: _EvidenceColumns.Layout = .none) {
        self.count = count
        evidence = layout.isEmpty ? nil : _EvidenceColumns(layout, count: count, rowCount: rowCount, geographyRows: geographyRows)
        self.rowCount = rowCount
        self.ticketSlots = ticketSlots
        self.geographyRows = geographyRows
        func floats(_ n: Int, _ v: Float = 0) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
            p.initialize(repeating: v, count: max(n, 1))
            return p
        }
        sectorRows = floats(rowCount * count)
        ticketLow = ticketSlots.map { floats($0 * count, _Columns.farSentinel) }
        ticketHigh = ticketSlots.map { floats($0 * count, _Columns.farSentinel) }
        instrumentFit = ticketSlots.map { _ in floats(count) }
        statusFactor = ticketSlots.map { _ in floats(count, 1) }
        eligibility = .allocate(capacity: max(count, 1))
        eligibility.initialize(repeating: 0, count: max(count, 1))
        themes = .allocate(capacity: max(2 * count, 1))
        themes.initialize(repeating: 0, count: max(2 * count, 1))
        geography = floats(geographyRows * count)
        inverseMinShare = floats(count)
        presence = floats(count)
    }

    deinit {
        sectorRows.deallocate()
        ticketLow.forEach { $0.deallocate() }
        ticketHigh.forEach { $0.deallocate() }
        instrumentFit.forEach { $0.deallocate() }
        statusFactor.forEach { $0.deallocate() }
        eligibility.deallocate()
        themes.deallocate()
        geography.deallocate()
        inverseMinShare.deallocate()
        presence.deallocate()
    }
}

/// The evidence features as flat columns, allocated only for the features the rule
/// uses. Each holds the evidence value where the partner has evidence and the stated
/// feature's fallback where it has none, so the loop does not branch on evidence.
final class _EvidenceColumns: @unchecked Sendable {
    /// Which evidence features to allocate; `tickets` holds the slots per sought
    /// instrument.
    struct Layout {
        var sector: Bool
        var tickets: [Int]?
        var province: Bool
        static let none = Layout(sector: false, tickets: nil, province: false)
        var isEmpty: Bool { !sector && tickets == nil && !province }
    }

    /// Sector evidence rows, `rowCount` x `count`, like the sector fit rows.
    let sectorRows: UnsafeMutablePointer<Float>?
    /// Per sought instrument: past p10-p90 ticket intervals in natural log, merged,
    /// `slots` x `count` (far sentinel where unused).
    let ticketLow: [UnsafeMutablePointer<Float>]
    let ticketHigh: [UnsafeMutablePointer<Float>]
    let ticketSlots: [Int]
    /// Per sought instrument: 1 where the partner has a compatible past ticket, else 0.
    let ticketKnown: [UnsafeMutablePointer<Float>]
    /// Province evidence per gazetteer unit (plus the unknown row), `(units + 1)` x `count`.
    let province: UnsafeMutablePointer<Float>?

    init(_ layout: Layout, count: Int, rowCount: Int, geographyRows: Int) {
        func floats(_ n: Int, _ v: Float = 0) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
            p.initialize(repeating: v, count: max(n, 1))
            return p
        }
        sectorRows = layout.sector ? floats(rowCount * count) : nil
        let slots = layout.tickets ?? []
        ticketSlots = slots
        ticketLow = slots.map { floats($0 * count, _Columns.farSentinel) }
        ticketHigh = slots.map { floats($0 * count, _Columns.farSentinel) }
        ticketKnown = slots.map { _ in floats(count) }
        province = layout.province ? floats(geographyRows * count) : nil
    }

    deinit {
        sectorRows?.deallocate()
        ticketLow.forEach { $0.deallocate() }
        ticketHigh.forEach { $0.deallocate() }
        ticketKnown.forEach { $0.deallocate() }
        province?.deallocate()
    }
}

/// A sector row built for one need whose code is not in the taxonomy.
final class _AdHocRow: @unchecked Sendable {
    let values: UnsafeMutablePointer<Float>
    init(_ v: [Float]) {
        values = .allocate(capacity: max(v.count, 1))
        values.initialize(repeating: 0, count: max(v.count, 1))
        for (i, x) in v.enumerated() { values[i] = x }
    }
    deinit { values.deallocate() }
}
