import Foundation

/// Small inline SVG charts (no script, no external asset): every bar has a `<title>` with
/// its exact figure, and the chart an `aria-label`.
enum Charts {
    struct Bar: Sendable {
        var label: String
        var value: Double
        /// The exact figure, for the tooltip and the label at the bar's end.
        var caption: String
    }

    /// Vertical bars (years on the x axis): labels under every bar when they fit, else
    /// every few bars.
    static func columns(_ bars: [Bar], title: String, colour: String = "#1b6ca8") -> String {
        guard !bars.isEmpty else { return "" }
        let width = 600.0, height = 220.0, left = 8.0, bottom = 28.0, top = 18.0
        let maxV = max(bars.map(\.value).max() ?? 0, 1e-9)
        let slot = (width - left * 2) / Double(bars.count)
        let step = max(1, Int((38.0 / slot).rounded(.up)))
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.attr(title))\">"
        s += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - left)\" y2=\"\(height - bottom)\" stroke=\"#999\" stroke-width=\"1\"/>"
        for (i, b) in bars.enumerated() {
            let h = (height - bottom - top) * b.value / maxV
            let x = left + Double(i) * slot
            s += "<rect x=\(q(x + slot * 0.12)) y=\(q(height - bottom - h)) width=\(q(slot * 0.76)) height=\(q(h)) fill=\"\(colour)\"><title>\(HTML.text(b.label + ": " + b.caption))</title></rect>"
            if i % step == 0 {
                s += "<text x=\(q(x + slot / 2)) y=\(q(height - bottom + 16)) font-size=\"14\" text-anchor=\"middle\" fill=\"#333\">\(HTML.text(b.label))</text>"
            }
        }
        if let top1 = bars.max(by: { $0.value < $1.value }) {
            s += "<text x=\"\(left)\" y=\"12\" font-size=\"14\" fill=\"#333\">max \(HTML.text(top1.caption)) (\(HTML.text(top1.label)))</text>"
        }
        return s + "</svg>"
    }

    /// Horizontal bars with their labels on the left and figures on the right.
    static func rows(_ bars: [Bar], title: String, colour: String = "#3a9a5b") -> String {
        guard !bars.isEmpty else { return "" }
        let width = 640.0, rowH = 24.0, labelW = 280.0, valueW = 130.0
        let height = rowH * Double(bars.count) + 4
        let maxV = max(bars.map(\.value).max() ?? 0, 1e-9)
        let room = width - labelW - valueW
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.attr(title))\">"
        for (i, b) in bars.enumerated() {
            let y = Double(i) * rowH + 2
            let w = max(room * b.value / maxV, b.value > 0 ? 1 : 0)
            let label = b.label.count > 38 ? String(b.label.prefix(37)) + "…" : b.label
            s += "<text x=\(q(labelW - 6)) y=\(q(y + rowH * 0.68)) font-size=\"14\" text-anchor=\"end\" fill=\"#333\">\(HTML.text(label))<title>\(HTML.text(b.label))</title></text>"
            s += "<rect x=\(q(labelW)) y=\(q(y + 3)) width=\(q(w)) height=\(q(rowH - 8)) fill=\"\(colour)\"><title>\(HTML.text(b.label + ": " + b.caption))</title></rect>"
            s += "<text x=\(q(labelW + w + 5)) y=\(q(y + rowH * 0.68)) font-size=\"14\" fill=\"#333\">\(HTML.text(b.caption))</text>"
        }
        return s + "</svg>"
    }

    private static func q(_ v: Double) -> String { "\"" + String(format: "%.1f", v) + "\"" }
}
