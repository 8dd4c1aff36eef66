import PartnerMatchCore

/// The page shell: head with the one inline style sheet (no external assets, no fonts
/// from outside, no script), the navigation, the language switch, the footer.
struct Layout: Sendable {
    let lang: Lang
    /// The request's path, to build the language switch's links.
    let path: String
    /// The request's query parameters other than `lang`, kept by the language switch.
    let query: [(String, String)]
    let allowWrites: Bool

    /// A link to `path` in this page's language.
    func link(_ path: String, _ params: [(String, String?)] = []) -> String {
        HTML.attr(path + HTML.query(params + [("lang", lang.code)]))
    }

    func page(title: String, body: String, bodyClass: String = "") -> String {
        let l = lang
        let other: Language = l.language == .vi ? .en : .vi
        let switchURL = HTML.attr(path + HTML.query(query.map { ($0.0, Optional($0.1)) } + [("lang", other.rawValue)]))
        let otherName = other == .vi ? "Tiếng Việt" : "English"
        var nav = "<a href=\"\(link("/needs"))\">\(l.h("Needs", "Nhu cầu"))</a> <a href=\"\(link("/partners"))\">\(l.h("Partners", "Đối tác"))</a>"
        if allowWrites { nav += " <a href=\"\(link("/needs/new"))\">\(l.h("Add a need", "Thêm nhu cầu"))</a>" }
        return """
        <!DOCTYPE html>
        <html lang="\(l.code)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.text(title)) · PartnerMatch</title>
        <style>\(Layout.css)</style>
        </head>
        <body\(bodyClass.isEmpty ? "" : " class=\"\(bodyClass)\"")>
        <header class="top"><a class="brand" href="\(link("/needs"))">PartnerMatch</a><nav>\(nav)</nav><a class="lang" href="\(switchURL)" hreflang="\(other.rawValue)" lang="\(other.rawValue)">\(otherName)</a></header>
        <main>
        \(body)
        </main>
        <footer><small>\(l.h("PartnerMatch web desk", "PartnerMatch: bàn làm việc trên web")) · \(allowWrites ? l.h("writes allowed", "cho phép sửa dữ liệu") : l.h("read-only", "chỉ đọc"))</small></footer>
        </body>
        </html>

        """
    }

    static let css = """
    *{box-sizing:border-box}
    body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.4;font-size:15px}
    header.top{display:flex;gap:1.2em;align-items:baseline;padding:.6em 1.2em;background:#1b3a57;color:#fff;flex-wrap:wrap}
    header.top a{color:#fff;text-decoration:none}
    header.top a:hover,header.top a:focus{text-decoration:underline}
    header.top .brand{font-weight:700;font-size:1.1em}
    header.top nav{display:flex;gap:1em;flex:1}
    header.top .lang{border:1px solid #fff;border-radius:3px;padding:0 .4em}
    main{max-width:72em;margin:0 auto;padding:1em 1.2em 2em}
    footer{max-width:72em;margin:0 auto;padding:.5em 1.2em 1.5em;color:#666}
    footer small{font-size:.85em}
    h1{font-size:1.5em;margin:.3em 0 .1em}
    h1+.sub{color:#555;margin:0 0 .8em}
    h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd;padding-bottom:.2em}
    a{color:#14558f}
    table{border-collapse:collapse;width:100%;background:#fff}
    th,td{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid #e3e3e3}
    th{background:#f0f3f6;font-weight:600}
    td.num,th.num{text-align:right;white-space:nowrap}
    td.id{white-space:nowrap}
    th.instr{min-width:10em}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.5em 0;background:#fff;padding:.6em .8em;border:1px solid #e3e3e3}
    dl.facts dt{font-weight:600;color:#444}
    dl.facts dd{margin:0}
    form.inline{display:flex;gap:.6em;align-items:end;flex-wrap:wrap;background:#fff;border:1px solid #e3e3e3;padding:.6em .8em}
    form.inline label{display:flex;flex-direction:column;font-size:.9em;color:#444}
    input,select,button{font:inherit;padding:.25em .4em}
    button{background:#1b3a57;color:#fff;border:0;border-radius:3px;padding:.35em .9em;cursor:pointer}
    .actions{display:flex;gap:1em;flex-wrap:wrap;margin:.6em 0}
    .actions a{background:#e8eef4;padding:.25em .7em;border-radius:3px;text-decoration:none}
    .verdict{padding:.5em .8em;border-left:4px solid #3a9a5b;background:#eef7f0;margin:.8em 0}
    .verdict.none{border-color:#c0392b;background:#fbeeee}
    .badge{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.85em;color:#fff;white-space:nowrap}
    .badge.strong{background:#2e7d4f}.badge.fair{background:#b7791f}.badge.weak{background:#8a8a8a}
    .legend{display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.85em;color:#444;margin:.4em 0}
    .legend i{display:inline-block;width:.9em;height:.7em;margin-right:.3em;vertical-align:middle}
    .legend svg.swatch{margin-right:.3em;vertical-align:middle}
    svg.defs{position:absolute}
    ol.ranking{list-style:none;padding:0;margin:0}
    ol.ranking>li{background:#fff;border:1px solid #e3e3e3;margin:.4em 0;padding:.5em .8em}
    .entry-head{display:flex;justify-content:space-between;gap:1em;align-items:baseline}
    .entry-head .name{font-weight:600}
    .entry-head .right{white-space:nowrap;flex-shrink:0}
    .score{font-weight:700;font-size:1.1em;white-space:nowrap}
    svg.bar{display:block;width:100%;max-width:44em;height:auto;margin:.3em 0}
    svg.bar text{font:bold 38px system-ui,"DejaVu Sans",sans-serif;text-anchor:middle;fill:#000;stroke:#fff;stroke-width:8px;paint-order:stroke}
    .reasons,.short{margin:.15em 0;font-size:.92em}
    .short{color:#7a3b00}
    .muted{color:#666}
    .notice{background:#eef4fb;border:1px solid #b9d0ea;padding:.5em .8em}
    .empty{background:#fff;border:1px dashed #bbb;padding:.8em;color:#555}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(30em,1fr));gap:1em}
    figure{margin:0;background:#fff;border:1px solid #e3e3e3;padding:.5em}
    figcaption{font-weight:600;font-size:.95em;margin-bottom:.3em}
    svg.chart{width:100%;height:auto;font-family:inherit}
    form.need{background:#fff;border:1px solid #e3e3e3;padding:.8em 1em;max-width:48em}
    form.need .field{margin:.5em 0}
    form.need label{display:block;font-weight:600}
    form.need input,form.need select{width:100%}
    form.need .hint{font-size:.85em;color:#666}
    form.need .error{color:#b00020;font-weight:600;margin:.15em 0}
    form.need .invalid input,form.need .invalid select{border:2px solid #b00020}
    .errorbox{border:2px solid #b00020;background:#fdeeee;padding:.5em .8em}
    @media print{header.top,footer,form.inline,.actions{display:none}body{background:#fff}main{max-width:none}}
    """
}
