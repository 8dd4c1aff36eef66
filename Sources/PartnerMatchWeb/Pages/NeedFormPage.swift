import PartnerMatchCore

/// The add/edit form of a need, with each error at its field.
struct NeedFormPage: Sendable {
    let desk: Desk
    let layout: Layout
    var l: Lang { layout.lang }

    func label(_ f: NeedForm.Field) -> String {
        switch f {
        case .id: return l.t("Id", "Mã")
        case .titleVi: return l.t("Title in Vietnamese", "Tên tiếng Việt")
        case .titleEn: return l.t("Title in English", "Tên tiếng Anh")
        case .province: return l.t("Province", "Tỉnh")
        case .commune: return l.t("Commune, ward or special zone", "Xã, phường hoặc đặc khu")
        case .applicant: return l.t("Applicant", "Đơn vị đề xuất")
        case .sector: return l.t("Sectors with shares", "Lĩnh vực và tỷ trọng")
        case .budget: return l.t("Budget", "Ngân sách")
        case .instrument: return l.t("Instrument sought", "Hình thức cần")
        case .counterpart: return l.t("Counterpart funds", "Vốn đối ứng")
        case .themes: return l.t("Themes", "Chủ đề")
        case .stage: return l.t("Stage", "Giai đoạn")
        case .date: return l.t("Date recorded", "Ngày ghi nhận")
        }
    }

    func hint(_ f: NeedForm.Field) -> String? {
        switch f {
        case .id: return l.t("letters, digits, '-', '_', '.'", "chữ cái, chữ số, '-', '_', '.'")
        case .province: return l.t("any spelling, or “national” for a nationwide need", "viết cách nào cũng được, hoặc “national” cho nhu cầu toàn quốc")
        case .sector: return l.t("DAC codes with percent shares, e.g. 31120:70;32161:30", "mã DAC kèm tỷ lệ phần trăm, ví dụ 31120:70;32161:30")
        case .budget: return l.t("2500000, 2.5M, USD 2.5M, 850k, 50 tỷ (VND), 100 triệu", "2500000, 2.5M, USD 2.5M, 850k, 50 tỷ (VND), 100 triệu")
        case .counterpart: return l.t("an amount, as the budget", "số tiền, viết như ngân sách")
        case .themes: return l.t("theme ids or labels, separated by commas", "mã hoặc tên chủ đề, cách nhau bằng dấu phẩy")
        case .date: return l.t("2017-03-20, 20/3/2017 or 20-03-2017 (day first)", "2017-03-20, 20/3/2017 hoặc 20-03-2017 (ngày trước)")
        default: return nil
        }
    }

    func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, selected: String?, empty: Bool, name: (T) -> String) -> String where T.RawValue == String {
        var s = empty ? "<option value=\"\"\((selected ?? "").isEmpty ? " selected" : "")>–</option>" : ""
        var known = false
        for v in T.allCases {
            let isSel = v.rawValue == selected
            known = known || isSel
            s += "<option value=\"\(HTML.attr(v.rawValue))\"\(isSel ? " selected" : "")>\(HTML.text(name(v)))</option>"
        }
        // A value the form was posted with but no option has stays visible, with its error.
        if let selected, !selected.isEmpty, !known { s += "<option value=\"\(HTML.attr(selected))\" selected>\(HTML.text(selected))</option>" }
        return s
    }

    func render(_ form: NeedForm, existing: Need?) -> String {
        let lg = l.language
        let title = existing.map { l.t("Edit need \($0.id)", "Sửa nhu cầu \($0.id)") } ?? l.t("Add a need", "Thêm nhu cầu")
        let action = existing.map { "/needs/" + HTML.path($0.id) + "/edit" } ?? "/needs/new"
        var b = "<h1>\(HTML.text(title))</h1>\n"
        if !form.errors.isEmpty {
            b += "<p class=\"errorbox\" role=\"alert\">\(HTML.text(l.t("The need was not saved: \(form.errors.count) \(form.errors.count == 1 ? "field needs" : "fields need") correcting (below).", "Chưa lưu nhu cầu: cần sửa \(form.errors.count) trường (bên dưới).")))</p>\n"
        }
        b += "<form class=\"need\" method=\"post\" action=\"\(HTML.attr(action + HTML.query([("lang", l.code)])))\" novalidate>\n\(desk.csrf.field)\n"
        for f in NeedForm.Field.allCases {
            let value = form.values[f] ?? ""
            let error = form.errors[f]
            let id = "f-" + f.rawValue
            b += "<div class=\"field\(error == nil ? "" : " invalid")\"><label for=\"\(id)\">\(HTML.text(label(f)))</label>"
            var described: [String] = []
            if let hint = hint(f) { b += "<div class=\"hint\" id=\"\(id)-hint\">\(HTML.text(hint))</div>"; described.append(id + "-hint") }
            if let error { b += "<p class=\"error\" id=\"\(id)-error\">\(HTML.text(error))</p>"; described.append(id + "-error") }
            let aria = (described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\"") + (error == nil ? "" : " aria-invalid=\"true\"")
            switch f {
            case .applicant: b += "<select id=\"\(id)\" name=\"\(f.rawValue)\"\(aria)>\(options(ApplicantKind.self, selected: value, empty: false) { $0.name(lg) })</select>"
            case .instrument: b += "<select id=\"\(id)\" name=\"\(f.rawValue)\"\(aria)>\(options(SoughtInstrument.self, selected: value, empty: false) { $0.name(lg) })</select>"
            case .stage: b += "<select id=\"\(id)\" name=\"\(f.rawValue)\"\(aria)>\(options(NeedStage.self, selected: value, empty: true) { $0.name(lg) })</select>"
            case .id where existing != nil:
                b += "<input id=\"\(id)\" name=\"id\" value=\"\(HTML.attr(value))\" readonly\(aria)>"
            default: b += "<input id=\"\(id)\" name=\"\(f.rawValue)\" value=\"\(HTML.attr(value))\"\(aria)>"
            }
            b += "</div>\n"
        }
        b += "<button type=\"submit\">\(existing == nil ? l.h("Add the need", "Thêm nhu cầu") : l.h("Save changes", "Lưu thay đổi"))</button>\n</form>\n"
        return layout.page(title: title, body: b)
    }
}

/// The page of an error: 404, 400, 403 and the rest.
struct ErrorPage: Sendable {
    let layout: Layout

    func render(status: Int, message: String) -> String {
        let l = layout.lang
        let heading: String
        switch status {
        case 404: heading = l.t("Page not found", "Không tìm thấy trang")
        case 403: heading = l.t("Not allowed", "Không được phép")
        case 400: heading = l.t("Bad request", "Yêu cầu không hợp lệ")
        case 405: heading = l.t("Method not allowed", "Phương thức không được phép")
        case 413: heading = l.t("Request too large", "Yêu cầu quá lớn")
        default: heading = l.t("Something went wrong", "Đã xảy ra lỗi")
        }
        let b = """
        <h1>\(HTML.text(heading)) (\(status))</h1>
        <p class="errorbox">\(HTML.text(message))</p>
        <p><a href="\(layout.link("/needs"))">\(l.h("Back to the needs", "Quay lại danh sách nhu cầu"))</a></p>
        """
        return layout.page(title: heading, body: b)
    }
}
