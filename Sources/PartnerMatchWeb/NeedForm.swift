import Foundation
import PartnerMatchCore

/// The add/edit form of a need: its fields as typed, the errors by field, and the need
/// they make.
///
/// The checks are the CLI's (`needs add` / `needs edit` flags, then `Validator`): the same
/// syntaxes (`SectorSyntax`, `AmountSyntax`, `DateSyntax`, the province gazetteer with
/// `national`, the vocabularies) and the same messages, shown at the field instead of after
/// the flag's name. A form with any error stores nothing.
struct NeedForm: Sendable {
    /// The form's fields, in the order they are shown, with the CLI flag each mirrors.
    enum Field: String, CaseIterable, Sendable {
        case id, titleVi = "title_vi", titleEn = "title_en", province, commune, applicant, sector, budget
        case instrument, counterpart, themes, stage, date

        var flag: String {
            switch self {
            case .titleVi: return "--title-vi"
            case .titleEn: return "--title-en"
            case .themes: return "--theme"
            default: return "--" + rawValue
            }
        }
    }

    /// The values as typed (trimmed), by field.
    var values: [Field: String] = [:]
    /// At most one message per field; `.titleVi` carries the "no title" one.
    var errors: [Field: String] = [:]

    var isValid: Bool { errors.isEmpty }

    /// The form prefilled from a stored need, for editing.
    init(_ n: Need, reference: ReferenceData) {
        values[.id] = n.id
        values[.titleVi] = n.title.vi
        values[.titleEn] = n.title.en
        values[.province] = n.province == Need.national ? Need.national : (reference.provinces.unit(id: n.province)?.name ?? n.province)
        values[.commune] = n.commune
        values[.applicant] = n.applicant.rawValue
        values[.sector] = SectorSyntax.format(n.sectors)
        // The amount as written when the need keeps it: the conversion note "VND
        // 5,000,000,000 at 24,900 VND/USD (2025)" up to " at " (what `AmountSyntax.reconvert`
        // reads), so that saving the form unchanged converts it again at the need's year.
        if let note = n.budgetInput, let at = note.range(of: " at ") {
            values[.budget] = String(note[..<at.lowerBound])
        } else {
            values[.budget] = "USD " + NumberFormat.grouped(n.budgetUSD, decimals: 2).replacingOccurrences(of: ",", with: "")
        }
        values[.instrument] = n.instrument.rawValue
        values[.counterpart] = n.counterpartUSD.map { "USD " + NumberFormat.grouped($0, decimals: 2).replacingOccurrences(of: ",", with: "") }
        values[.themes] = n.themes.isEmpty ? nil : n.themes.joined(separator: ", ")
        values[.stage] = n.stage?.rawValue
        values[.date] = n.date
    }

    /// An empty form for a new need.
    init() {
        values[.instrument] = SoughtInstrument.any.rawValue
        values[.applicant] = ApplicantKind.province.rawValue
    }

    /// The form as posted.
    init(body: FormBody) {
        for f in Field.allCases { values[f] = body.text(f.rawValue) }
    }

    mutating func fail(_ field: Field, _ message: String) {
        if errors[field] == nil { errors[field] = message }
    }

    /// The need the form makes: a new one, or `existing` with the form's values. Fills
    /// `errors` and returns nil when anything is wrong; nothing is stored either way.
    mutating func need(existing: Need?, reference: ReferenceData) -> Need? {
        errors = [:]
        var n = existing ?? Need(id: "", title: LocalizedText(), province: "", applicant: .province, sectors: [], budgetUSD: 0, instrument: .any)
        if let existing {
            if let id = values[.id], id != existing.id { fail(.id, "cannot change a need's id; expected \(existing.id)") }
        } else {
            // `needs add` from flags: these are required.
            if values[.id] == nil { fail(.id, "required (\(Field.id.flag))") }
            for f in [Field.province, .applicant, .sector, .budget] where values[f] == nil {
                fail(f, "required when adding a need (\(f.flag))")
            }
            n.id = values[.id] ?? ""
        }
        if values[.titleVi] == nil && values[.titleEn] == nil { fail(.titleVi, "\(Field.titleVi.flag) or \(Field.titleEn.flag) is required") }
        n.title = LocalizedText(en: values[.titleEn], vi: values[.titleVi])
        if let p = values[.province] {
            if Validator.isNational(p) { n.province = Need.national } else if let r = reference.provinces.resolveWithNote(p) { n.province = r.unit.id } else {
                do throws(Gazetteer.Unresolved) { n.province = try reference.provinces.require(p).id } catch {
                    fail(.province, "\(error); or \"\(Need.national)\" for a nationwide need")
                }
            }
        }
        n.commune = values[.commune]
        if let a = values[.applicant] {
            if let v = ApplicantKind.parse(a) { n.applicant = v } else { fail(.applicant, "\"\(a)\" is not accepted; expected one of \(ApplicantKind.acceptedValues)") }
        }
        if let s = values[.sector] {
            do throws(SyntaxError) { n.sectors = try SectorSyntax.parse(s) } catch { fail(.sector, "\(error)") }
        }
        if let d = values[.date] {
            if let iso = DateSyntax.parse(d) { n.date = iso } else { fail(.date, "\"\(d)\" is not a date; expected \(DateSyntax.expected)") }
        } else {
            n.date = nil
        }
        // Amounts convert at the rate of the need's year, as the CLI does.
        let year = AmountSyntax.year(ofDate: n.date)
        if let b = values[.budget] {
            do throws(SyntaxError) {
                let a = try AmountSyntax.parse(b, rates: reference.rates, year: year)
                n.budgetUSD = a.usd
                n.budgetInput = a.conversionNote
            } catch { fail(.budget, "\(error)") }
        }
        if let i = values[.instrument] {
            if let v = SoughtInstrument.parse(i) { n.instrument = v } else { fail(.instrument, "\"\(i)\" is not accepted; expected one of \(SoughtInstrument.acceptedValues)") }
        }
        if let c = values[.counterpart] {
            do throws(SyntaxError) { n.counterpartUSD = try AmountSyntax.parse(c, rates: reference.rates, year: year).usd } catch { fail(.counterpart, "\(error)") }
        } else {
            n.counterpartUSD = nil
        }
        n.themes = (values[.themes] ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let s = values[.stage] {
            if let v = NeedStage.parse(s) { n.stage = v } else { fail(.stage, "\"\(s)\" is not accepted; expected one of \(NeedStage.acceptedValues)") }
        } else {
            n.stage = nil
        }
        // The validator runs even after a syntax error, so that one post shows every
        // field to correct; a field keeps its first message (the syntax error, or
        // "required").
        do throws(ValidationIssues) {
            let valid = try Validator(reference: reference).validate(n)
            return errors.isEmpty ? valid : nil
        } catch {
            for issue in error.issues { fail(NeedForm.field(ofIssue: issue.field), issue.message) }
            return nil
        }
    }

    /// The form field a `Validator` issue's field path belongs to.
    static func field(ofIssue path: String) -> Field {
        if path.hasPrefix("sectors") { return .sector }
        if path.hasPrefix("themes") { return .themes }
        switch path {
        case "id": return .id
        case "title": return .titleVi
        case "province": return .province
        case "budgetUSD": return .budget
        case "counterpartUSD": return .counterpart
        case "date": return .date
        default: return .id
        }
    }
}
