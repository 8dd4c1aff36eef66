/// How the HTML brief is laid out on A4 paper, decided before printing: text is never
/// shrunk below the body size to fit; partners that do not fit on the pages allowed are
/// named in a line instead.
///
/// A browser lays out the page, not this program, so the heights here are estimates: each
/// text is wrapped word by word with Noto Sans's advance widths (the font the page asks
/// for first), and a page is filled to 97.5% of its height. `Tests/print/check-briefs`
/// prints every bundled need's brief with Chromium and counts the pages.
extension MeetingBrief {
    enum Print {
        static let marginMM = 10.0
        static let bodyPt = 9.0
        static let lineHeight = 1.2
        static let titlePt = 14.0
        static let headingPt = 10.0
        static let rowGapPt = 6.0
        static let columnGapPt = 12.0
        static let pointsPerMM = 72 / 25.4
        static var pageWidth: Double { (210 - 2 * marginMM) * pointsPerMM }
        /// The height filled: 97.5% of A4's inside the margins, for what the estimate misses.
        static var pageHeight: Double { (297 - 2 * marginMM) * pointsPerMM * 0.975 }
        static var columnWidth: Double { (pageWidth - columnGapPt) / 2 }
        static var bodyLine: Double { bodyPt * lineHeight }

        /// Advance widths of Noto Sans Regular and Bold for ASCII 32-126, in 1/1000 em.
        static let regular: [Int] = [260, 269, 408, 646, 572, 831, 732, 225, 300, 300, 551, 572, 268, 322, 268, 372, 572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 268, 268, 572, 572, 572, 434, 899, 639, 650, 632, 730, 556, 519, 728, 741, 339, 273, 619, 524, 907, 760, 781, 605, 781, 622, 549, 556, 731, 600, 930, 586, 566, 572, 329, 372, 329, 572, 444, 281, 561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605, 615, 615, 413, 479, 361, 618, 508, 786, 529, 510, 470, 380, 551, 380, 572]
        static let bold: [Int] = [260, 286, 472, 646, 572, 901, 750, 266, 339, 339, 545, 572, 285, 322, 285, 413, 572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 285, 285, 572, 572, 572, 477, 897, 690, 672, 637, 740, 560, 549, 724, 765, 389, 331, 664, 565, 943, 813, 796, 628, 796, 660, 551, 579, 756, 650, 967, 667, 624, 579, 331, 413, 331, 572, 411, 362, 604, 633, 514, 633, 591, 387, 633, 657, 305, 305, 620, 305, 982, 657, 619, 633, 633, 454, 497, 434, 657, 569, 856, 578, 569, 488, 394, 551, 394, 572]

        /// The width of a text at `size` points; a letter with diacritics as its base
        /// letter plus 10%, anything else outside ASCII as a wide letter.
        static func width(_ s: some StringProtocol, size: Double, bold: Bool = false) -> Double {
            let table = bold ? Print.bold : regular
            var units = 0.0
            for c in s {
                if let a = c.asciiValue, a >= 32, a < 127 { units += Double(table[Int(a) - 32]); continue }
                let base = TextFolding.fold(String(c))
                if base.count == 1, let a = base.first?.asciiValue, a >= 32, a < 127 { units += Double(table[Int(a) - 32]) * 1.1 } else { units += 800 }
            }
            return units / 1000 * size * 1.02
        }

        /// How many lines a text takes in `width` points, wrapped at spaces (a word wider
        /// than the line is broken, as `overflow-wrap: break-word` does).
        static func lines(_ s: String, width: Double, size: Double = bodyPt, bold: Bool = false) -> Int {
            let space = Print.width(" ", size: size, bold: bold)
            var lines = 1
            var x = 0.0
            for word in s.split(separator: " ", omittingEmptySubsequences: true) {
                let w = Print.width(word, size: size, bold: bold)
                if x > 0 && x + space + w > width {
                    lines += 1
                    x = 0
                }
                if x == 0 && w > width {
                    lines += Int((w / width).rounded(.up)) - 1
                    x = w.truncatingRemainder(dividingBy: width)
                } else {
                    x += (x > 0 ? space : 0) + w
                }
            }
            return lines
        }
    }

    /// The height of a partner's entry in its column, in points.
    static func height(_ b: PrintBlock) -> Double {
        let w = Print.columnWidth
        let scoreWidth = Print.width("100,0", size: Print.headingPt, bold: true) + 6
        var h = 0.75 + 2
        h += Double(Print.lines(b.heading, width: w - scoreWidth, size: Print.headingPt, bold: true)) * Print.headingPt * 1.2
        h += w * 60 / 1000 + 3
        for line in b.lines { h += Double(Print.lines(line, width: w)) * Print.bodyLine + 1 }
        return h
    }

    /// The height of the first page's head: title, date, the need's facts, the excluded
    /// line, the legend and the verdict.
    var headHeight: Double {
        let l = language, w = Print.pageWidth
        var h = Double(Print.lines(BriefText.label(.title, l) + ": " + need.title.text(l), width: w, size: Print.titlePt, bold: true)) * Print.titlePt * 1.2 + 2
        if let p = preparedLine { h += Double(Print.lines(p, width: w)) * Print.bodyLine + 2 }
        var facts = needFacts
        if let x = excludedLine { facts.append(x) }
        let labelWidth = facts.map { Print.width($0.label, size: Print.bodyPt, bold: true) }.max() ?? 0
        for f in facts { h += Double(Print.lines(f.text, width: w - labelWidth - 6)) * Print.bodyLine }
        h += 3
        // The legend: items never break inside, so wrap them as words.
        var x = Print.width(BriefText.label(.legend, l) + ": ", size: Print.bodyPt, bold: true), legendLines = 1
        for f in catalog.rule.features.used {
            let item = 14 + Print.width(f.name(l), size: Print.bodyPt) + 9
            if x + item > w { legendLines += 1; x = 0 }
            x += item
        }
        h += Double(legendLines) * Print.bodyLine + 5
        if let v = verdict { h += Double(Print.lines(v, width: w, bold: true)) * Print.bodyLine + 3 }
        return h
    }

    /// The footer's height: rule, catalog and counts, and the comparison line.
    var footHeight: Double {
        let w = Print.pageWidth
        var h = 4 + 0.75 + 2 + Double(Print.lines(stamp, width: w)) * Print.bodyLine
        if let c = comparison { h += Double(Print.lines(c, width: w)) * Print.bodyLine }
        return h
    }

    /// How many partners the HTML brief prints (the others are named in a line).
    public var printedPartners: Int { layout().pages.joined().count }

    /// The partners on each page, in rank order two to a row, and those left out: as
    /// many as fit on `pages` pages at the body size.
    func layout() -> (pages: [[PrintBlock]], omitted: [PrintBlock]) {
        let blocks = entries.map { block($0.entry, $0.partner, $0.explanation) }
        let heights = blocks.map(Self.height)
        /// The height of blocks `range` laid out two to a row.
        func rows(_ range: Range<Int>) -> Double {
            var h = 0.0
            var i = range.lowerBound
            while i < range.upperBound {
                h += max(heights[i], i + 1 < range.upperBound ? heights[i + 1] : 0) + Print.rowGapPt
                i += 2
            }
            return h
        }
        let l = language
        func omittedHeight(_ from: Int) -> Double {
            guard from < blocks.count else { return 0 }
            let text = blocks[from...].map { "\($0.entry.rank). \($0.partner.name.text(l)) (\(BriefText.score($0.entry.score, l)))" }.joined(separator: "; ")
            return 4 + Double(Print.lines(text + " (brief --pages 2 prints them): Not printed, no room on 2 pages at 9 pt", width: Print.pageWidth)) * Print.bodyLine
        }
        let continued = Print.bodyLine + 2
        // The most partners that fit: page 1 takes whole rows while they fit, page 2 the
        // rest; the last page also holds the omitted line and the footer.
        for n in stride(from: blocks.count, through: 0, by: -1) {
            let tail = omittedHeight(n) + footHeight
            if headHeight + rows(0..<n) + tail <= Print.pageHeight { return ([Array(blocks[0..<n])], Array(blocks[n...])) }
            guard pages == 2 else { continue }
            var first = 0
            while first + 2 <= n && headHeight + rows(0..<(first + 2)) <= Print.pageHeight { first += 2 }
            if first < n && first + 1 == n && headHeight + rows(0..<n) <= Print.pageHeight { first = n }
            if continued + rows(first..<n) + tail <= Print.pageHeight {
                return ([Array(blocks[0..<first]), Array(blocks[first..<n])], Array(blocks[n...]))
            }
        }
        return ([[]], blocks)
    }
}
