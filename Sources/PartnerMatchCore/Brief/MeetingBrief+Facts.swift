/// The facts a meeting needs besides the ranking: when the brief was prepared and how old
/// its facts are, who is excluded and why, and per partner its eligibility, the
/// counterpart funds the province must raise and what to ask it for.
extension MeetingBrief {
    /// "Prepared 8 December 2026 · partners' facts checked 30 November 2026 to 7 December
    /// 2026": nil when the brief has no date and no shown partner a dated source.
    var preparedLine: String? {
        let l = language
        var parts: [String] = []
        if let prepared { parts.append((l == .vi ? "Lập ngày " : "Prepared ") + BriefText.date(prepared, l)) }
        let ranges = entries.compactMap { DataCheck.checkedRange($0.partner) }
        if let oldest = ranges.map(\.oldest).min(), let newest = ranges.map(\.newest).max() {
            let span = oldest == newest ? BriefText.date(oldest, l) : "\(BriefText.date(oldest, l)) – \(BriefText.date(newest, l))"
            let head = l == .vi ? "thông tin đối tác tính đến (ngày kiểm tra nguồn): " : "partners' facts as of (sources checked): "
            parts.append((parts.isEmpty ? head.prefix(1).uppercased() + head.dropFirst() : head) + span)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The partners the rule's filters excluded, with every filter's reason: the ranking's
    /// own when it was asked for them, else the catalog's.
    var exclusions: [Exclusion] {
        if !ranking.excluded.isEmpty || ranking.excludedCount == 0 { return ranking.excluded }
        return catalog.rank(need, top: 1, showExcluded: true).excluded
    }

    /// Who is excluded and why, in one line: the count per first failing filter, largest
    /// first, naming (by id, which is short) the partners of a filter that excludes at most
    /// two: "56 of 68: no compatible instrument 30; window closed for Viet Nam 2 (adb-adf,
    /// jica-loans); ...".
    /// Nil when no partner is excluded.
    var excludedLine: (label: String, text: String)? {
        let l = language
        let all = exclusions
        guard !all.isEmpty else { return nil }
        var groups: [(filter: FilterKind, ids: [String])] = []
        for x in all {
            if let i = groups.firstIndex(where: { $0.filter == x.filter }) { groups[i].ids.append(x.partnerID) } else { groups.append((x.filter, [x.partnerID])) }
        }
        groups.sort { $0.ids.count != $1.ids.count ? $0.ids.count > $1.ids.count : FilterKind.allCases.firstIndex(of: $0.filter)! < FilterKind.allCases.firstIndex(of: $1.filter)! }
        let items = groups.map { g -> String in
            var s = "\(BriefText.exclusionReason(g.filter, l)) \(g.ids.count)"
            if g.ids.count <= 2 { s += " (" + g.ids.joined(separator: ", ") + ")" }
            return s
        }
        let head = l == .vi ? "\(all.count)/\(ranking.partnerCount) đối tác: " : "\(all.count) of \(ranking.partnerCount): "
        let tail = l == .vi ? " (đủ danh sách: partnermatch rank \(need.id) --show-excluded)" : " (all: partnermatch rank \(need.id) --show-excluded)"
        return (BriefText.label(.excludedHead, l), head + items.joined(separator: "; ") + tail)
    }

    /// "sovereign guarantee required; counterpart at least 15%; applicants: province,
    /// ministry".
    func eligibility(_ p: Partner) -> String {
        let l = language, e = p.eligibility
        let guarantee = e.sovereignGuaranteeRequired
            ? (l == .vi ? "cần bảo lãnh Chính phủ" : "sovereign guarantee required")
            : (l == .vi ? "không cần bảo lãnh Chính phủ" : "no sovereign guarantee")
        let share = e.minCounterpartShare > 0
            ? (l == .vi ? "vốn đối ứng tối thiểu \(_Money.percent(e.minCounterpartShare, l))" : "counterpart at least \(_Money.percent(e.minCounterpartShare, l))")
            : (l == .vi ? "không yêu cầu vốn đối ứng" : "no counterpart required")
        let kinds = e.applicantKinds.isEmpty
            ? (l == .vi ? "mọi đơn vị đề xuất" : "any applicant")
            : (l == .vi ? "đơn vị đề xuất: " : "applicants: ") + e.applicantKinds.map { $0.name(l) }.joined(separator: ", ")
        return [guarantee, share, kinds].joined(separator: "; ")
    }

    /// The counterpart the province must raise for this need with this partner: the
    /// partner's minimum share of the need's budget (the budget is the project's cost, as
    /// the co-financing feature reads it), and whether the need's stated counterpart
    /// covers it.
    /// - Parameter compact: leave out the budget the share is of (the printed page shows
    ///   it in the need's facts).
    func counterpartToRaise(_ p: Partner, compact: Bool = false) -> String {
        let l = language, share = p.eligibility.minCounterpartShare
        guard share > 0 else { return l == .vi ? "không yêu cầu" : "none required" }
        let amount = share * need.budgetUSD
        let of = compact ? (l == .vi ? " ngân sách" : " of the budget") : (l == .vi ? " của \(BriefText.usd(need.budgetUSD, l))" : " of \(BriefText.usd(need.budgetUSD, l))")
        var s = "\(BriefText.usd(amount, l)) (\(_Money.percent(share, l))\(of))"
        if let planned = need.counterpartUSD {
            if planned + 0.5 >= amount {
                s += l == .vi ? "; nhu cầu đã dự kiến \(BriefText.usd(planned, l)): đủ" : "; the need plans \(BriefText.usd(planned, l)): enough"
            } else {
                s += l == .vi ? "; nhu cầu dự kiến \(BriefText.usd(planned, l)): thiếu \(BriefText.usd(amount - planned, l))"
                              : "; the need plans \(BriefText.usd(planned, l)): USD \(BriefText.number(amount - planned, l)) short"
            }
        } else {
            s += l == .vi ? "; nhu cầu chưa nêu vốn đối ứng" : "; the need states no counterpart"
        }
        return s
    }

    /// What to ask a partner for: its offer that answers the instrument sought (open before
    /// closed, then the one whose ticket range is nearest the amount, then the best
    /// credited), the
    /// amount (the budget less the counterpart, within the ticket's maximum), with the
    /// offer's ticket, published ceiling and status; and where and when to apply.
    /// - Parameter compact: leave out how the amount was reached (the counterpart line
    ///   says it).
    func ask(_ p: Partner, compact: Bool = false) -> (text: String, window: String) {
        let l = language
        let rule = catalog.rule
        let compatible = rule.compatible(need.instrument)
        let counterpart = max(p.eligibility.minCounterpartShare * need.budgetUSD, need.counterpartUSD ?? 0)
        let wanted = max(0, need.budgetUSD - counterpart)
        let candidates = p.instruments.filter { compatible.contains($0.instrument) }
        /// How far the amount is from an offer's ticket range: 1 inside, else the factor.
        func distance(_ o: InstrumentOffer) -> Double {
            wanted < o.ticket.min ? o.ticket.min / max(wanted, 1) : wanted > o.ticket.max ? wanted / o.ticket.max : 1
        }
        let offer = (candidates.isEmpty ? p.instruments : candidates).min { a, b in
            let ka = (a.status?.state == .closed ? 1 : 0, distance(a), -rule.compatibility.credit(need.instrument, a.instrument))
            let kb = (b.status?.state == .closed ? 1 : 0, distance(b), -rule.compatibility.credit(need.instrument, b.instrument))
            return ka < kb
        }
        let window = p.applicationWindows.first.map { BriefText.window($0, l) } ?? BriefText.label(.none, l)
        guard let offer else { return (l == .vi ? "đối tác chưa nêu hình thức tài trợ" : "the partner lists no instrument", window) }
        let amount = min(wanted, offer.ticket.max)
        let tickets = _Money.range(offer.ticket.min, offer.ticket.max, l)
        var s = "\(offer.instrument.name(l)) \(BriefText.usd(amount, l))"
        var notes: [String] = []
        if counterpart > 0 && !compact {
            notes.append(l == .vi ? "ngân sách trừ vốn đối ứng \(BriefText.usd(counterpart, l))" : "the budget less USD \(BriefText.number(counterpart, l)) counterpart")
        }
        if wanted > offer.ticket.max {
            s += l == .vi ? ", mức tối đa" : ", its maximum"
            notes.append(l == .vi ? "mức tài trợ \(tickets)" : "tickets \(tickets)")
        } else if wanted < offer.ticket.min {
            notes.append(l == .vi ? "dưới mức tài trợ thường lệ \(tickets)" : "below its usual tickets, \(tickets)")
        } else {
            notes.append(l == .vi ? "mức tài trợ \(tickets)" : "tickets \(tickets)")
        }
        if let c = offer.ceiling { notes.append((l == .vi ? "mức trần " : "ceiling ") + "\(c.currency) \(BriefText.number(c.amount, l)) (\(c.year))") }
        s += " (" + notes.joined(separator: "; ") + ")"
        if wanted > offer.ticket.max {
            s += l == .vi ? "; còn \(BriefText.usd(wanted - amount, l)) cần nguồn khác" : "; USD \(BriefText.number(wanted - amount, l)) left to other sources"
        }
        if let st = offer.status {
            s += "; " + st.state.name(l)
            if let last = st.lastCommitment { s += (l == .vi ? ", cam kết gần nhất " : ", last commitment ") + CatalogText.date(last, l, long: true) }
        }
        return (s, window)
    }
}

extension MeetingBrief {
    /// The printed page's last line of a partner: how old its facts are and where they
    /// come from, hosts only (a URL would be cut): "Facts as of 30 November 2026 (oldest
    /// source checked); sources: sfd.gov.sa and 7 more (partnermatch partners show sfd-loans)".
    static func printedSources(_ p: Partner, _ l: Language) -> String {
        var out = ""
        if let r = DataCheck.checkedRange(p) {
            out = (l == .vi ? "Thông tin tính đến " : "Facts as of ") + BriefText.date(r.oldest, l)
            if r.oldest != r.newest { out += l == .vi ? " (nguồn cũ nhất)" : " (oldest source checked)" }
            out += "; "
        }
        var hosts: [String] = []
        for s in p.sources {
            // A document's name can be a sentence long: its first words say which.
            let h = s.url.map(BriefText.host) ?? BriefText.clipAtWord(s.document ?? s.title, 40)
            if !hosts.contains(h) { hosts.append(h) }
        }
        out += l == .vi ? "nguồn: " : "sources: "
        out += hosts.first ?? ""
        if hosts.count > 1 { out += l == .vi ? " và \(hosts.count - 1) nguồn khác" : " and \(hosts.count - 1) more" }
        out += " (partners show \(p.id))"
        return out
    }
}
