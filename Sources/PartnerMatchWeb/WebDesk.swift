import Foundation
import Hummingbird
import PartnerMatchCore
import PartnerMatchStore

/// The web desk: the routes of its pages over a `Desk`.
///
/// ```swift
/// let desk = try Desk.open(WebConfiguration(databasePath: "catalog.sqlite"))
/// let app = Application(router: WebDesk.router(desk: desk), configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
///
/// Every page takes `?lang=vi|en`. GET pages never write; `POST /needs/new` and
/// `POST /needs/ID/edit` exist only with `allowWrites` and check the CSRF token.
public enum WebDesk {
    /// The longest form body accepted.
    static let maximumBody = 64 * 1024

    public static func router(desk: Desk) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: PageMiddleware(desk: desk))
        router.get("/") { request, _ in
            let page = try PageRequest(request, desk)
            return Response.redirect(to: "/needs" + HTML.query([("lang", page.lang.code)]))
        }
        router.get("/needs") { request, _ in
            let page = try PageRequest(request, desk)
            return html(ListPages(desk: desk, layout: page.layout).needs(query: page.query["q"] ?? ""))
        }
        // The meeting dossier (PartnerMatchCore's MeetingDossier, as `brief --needs|--all`):
        // a cover ranking the needs by their best match, then a page per need; every need,
        // or those of `?needs=ID,ID`.
        router.get("/dossier") { request, _ in
            let page = try PageRequest(request, desk)
            let choice = try page.choice()
            var chosen = desk.needs
            if let ids = page.query["needs"], !ids.isEmpty {
                chosen = []
                for id in ids.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
                    guard let n = desk.need(id: id) else { throw PageError(status: .notFound, message: page.lang.t("No need with id \"\(id)\".", "Không có nhu cầu mã \"\(id)\".")) }
                    chosen.append(n)
                }
            }
            guard !chosen.isEmpty else { throw PageError(status: .notFound, message: page.lang.t("There are no needs to put in a dossier.", "Không có nhu cầu nào để lập hồ sơ.")) }
            var ranked: [(need: Need, ranking: Ranking)] = []
            var past: [String: [String: [PastProject]]] = [:]
            for n in chosen {
                let r = try desk.catalog(choice.rule, for: n).rank(n, top: choice.top, explain: true, showExcluded: true)
                ranked.append((n, r))
                past[n.id] = try desk.pastProjects(r, need: n)
            }
            return html(MeetingDossier(ranked: ranked, catalog: try desk.catalog(choice.rule), language: page.lang.language, pastProjects: past).html())
        }
        router.get("/partners") { request, _ in
            let page = try PageRequest(request, desk)
            return html(ListPages(desk: desk, layout: page.layout).partners(query: page.query["q"] ?? ""))
        }
        router.get("/partners/:id") { request, context in
            let page = try PageRequest(request, desk)
            let id = context.parameters.get("id") ?? ""
            guard let partner = desk.partner(id: id) else { throw PageError.unknownPartner(id, desk, page.lang) }
            return html(try PartnerPage(desk: desk, layout: page.layout).render(partner))
        }
        router.get("/needs/:id") { request, context in
            let page = try PageRequest(request, desk)
            let need = try page.need(context)
            let saved = page.query["saved"].flatMap { s -> String? in
                switch s {
                case "added": return page.lang.t("The need was added.", "Đã thêm nhu cầu.")
                case "updated": return page.lang.t("The need was saved.", "Đã lưu nhu cầu.")
                default: return nil
                }
            }
            return html(try NeedPage(desk: desk, layout: page.layout).render(need, try page.choice(), notice: saved))
        }
        router.get("/needs/:id/brief") { request, context in
            let page = try PageRequest(request, desk)
            let need = try page.need(context)
            let choice = try page.choice(defaultTop: 8)
            let catalog = try desk.catalog(choice.rule, for: need)
            let ranking = catalog.rank(need, top: min(choice.top, MeetingBrief.maxPartners), explain: true, showExcluded: true)
            var brief = MeetingBrief(need: need, ranking: ranking, catalog: catalog, language: page.lang.language, pastProjects: try desk.pastProjects(ranking, need: need))
            if let compare = choice.compare {
                brief.comparison = MeetingBrief.comparisonLine(try desk.catalog(compare, for: need).rank(need, top: 3), shown: ranking, catalog: catalog, language: page.lang.language)
            }
            return html(brief.html())
        }
        router.get("/needs/:id/ranking.csv") { request, context in
            let page = try PageRequest(request, desk)
            let need = try page.need(context)
            let choice = try page.choice()
            let catalog = try desk.catalog(choice.rule, for: need)
            let ranking = catalog.rank(need, top: choice.top, explain: true)
            // A byte-order mark first, so that Excel reads the UTF-8 (Vietnamese names).
            let csv = "\u{FEFF}" + RankingRenderer.render(ranking, format: .csv, catalog: catalog, language: page.lang.language)
            let file = "\(need.id)-\(choice.rule.name).csv".filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(file)\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
        }
        router.get("/needs/:id/dossier") { request, context in
            let page = try PageRequest(request, desk)
            guard let render = desk.dossier else { throw PageError(status: .notFound, message: page.lang.t("The meeting dossier is not available in this build.", "Bản này chưa có hồ sơ cuộc họp.")) }
            let need = try page.need(context)
            let choice = try page.choice()
            let catalog = try desk.catalog(choice.rule, for: need)
            let ranking = catalog.rank(need, top: choice.top, explain: true, showExcluded: true)
            let input = DossierInput(need: need, ranking: ranking, catalog: catalog, language: page.lang.language, pastProjects: try desk.pastProjects(ranking, need: need))
            return html(try render(input))
        }

        // Writes: the forms. Without --allow-writes every one of them is refused (403).
        router.get("/needs/new") { request, _ in
            let page = try PageRequest(request, desk)
            try page.requireWrites()
            return html(NeedFormPage(desk: desk, layout: page.layout).render(NeedForm(), existing: nil))
        }
        router.post("/needs/new") { request, _ in
            var request = request
            let page = try PageRequest(request, desk)
            let body = try await page.formBody(&request)
            var form = NeedForm(body: body)
            guard let need = form.need(existing: nil, reference: desk.reference) else {
                return html(NeedFormPage(desk: desk, layout: page.layout).render(form, existing: nil), status: .unprocessableContent)
            }
            do { try desk.save(need, isNew: true) } catch StoreError.duplicateNeed(let id) {
                form.fail(.id, "need \"\(id)\" already exists")
                return html(NeedFormPage(desk: desk, layout: page.layout).render(form, existing: nil), status: .unprocessableContent)
            }
            return Response.redirect(to: "/needs/" + HTML.path(need.id) + HTML.query([("saved", "added"), ("lang", page.lang.code)]))
        }
        router.get("/needs/:id/edit") { request, context in
            let page = try PageRequest(request, desk)
            try page.requireWrites()
            let need = try page.need(context)
            return html(NeedFormPage(desk: desk, layout: page.layout).render(NeedForm(need, reference: desk.reference), existing: need))
        }
        router.post("/needs/:id/edit") { request, context in
            var request = request
            let page = try PageRequest(request, desk)
            let body = try await page.formBody(&request)
            let existing = try page.need(context)
            var form = NeedForm(body: body)
            guard let need = form.need(existing: existing, reference: desk.reference) else {
                return html(NeedFormPage(desk: desk, layout: page.layout).render(form, existing: existing), status: .unprocessableContent)
            }
            try desk.save(need, isNew: false)
            return Response.redirect(to: "/needs/" + HTML.path(need.id) + HTML.query([("saved", "updated"), ("lang", page.lang.code)]))
        }
        return router
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// An error shown as a page with its status (the 404 of an unknown need, the 400 of an
/// unknown rule, the 403 of a write without `--allow-writes` or a bad CSRF token).
struct PageError: Error {
    var status: HTTPResponse.Status
    var message: String

    static func unknownPartner(_ id: String, _ desk: Desk, _ l: Lang) -> PageError {
        let near = TextFolding.nearest(id, among: desk.partners.map(\.id))
        return PageError(status: .notFound, message: l.t("There is no partner \"\(id)\"", "Không có đối tác \"\(id)\"") + (near.isEmpty ? "." : l.t("; did you mean ", "; có phải là ") + near.joined(separator: ", ") + "?"))
    }
}

/// What every handler reads from the request: the query (decoded as a form: `+` is a
/// space), the language and the page layout.
struct PageRequest {
    let desk: Desk
    let query: FormBody
    let lang: Lang
    let layout: Layout

    init(_ request: Request, _ desk: Desk) throws {
        self.desk = desk
        let raw = request.uri.query ?? ""
        let query: FormBody
        do { query = try FormBody(raw) } catch {
            throw PageError(status: .badRequest, message: "The address's query is not well formed (a % not followed by two hex digits, or not UTF-8).")
        }
        self.query = query
        let lang = Lang(language: query["lang"].flatMap(Language.init(rawValue:)) ?? desk.defaultLanguage)
        self.lang = lang
        let kept = query.values.filter { $0.key != "lang" && $0.key != "saved" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        layout = Layout(lang: lang, path: request.uri.path, query: kept, allowWrites: desk.allowWrites)
    }

    func need(_ context: BasicRequestContext) throws -> Need {
        let id = context.parameters.get("id") ?? ""
        if let n = desk.need(id: id) { return n }
        let near = TextFolding.nearest(id, among: desk.needs.map(\.id))
        throw PageError(status: .notFound, message: lang.t("There is no need \"\(id)\"", "Không có nhu cầu \"\(id)\"") + (near.isEmpty ? "." : lang.t("; did you mean ", "; có phải là ") + near.sorted().joined(separator: ", ") + "?"))
    }

    /// The rule, the rule side by side and how many partners, from `rule`, `compare`, `top`.
    func choice(defaultTop: Int = 10) throws -> NeedPage.Choice {
        func rule(_ param: String) throws -> RuleInfo? {
            guard let name = query.text(param) else { return nil }
            guard let r = desk.rule(named: name) else {
                throw PageError(status: .badRequest, message: lang.t("Unknown rule \"\(name)\"; expected one of: ", "Không có quy tắc \"\(name)\"; các quy tắc: ") + desk.rules.map(\.name).joined(separator: ", "))
            }
            return r
        }
        let main = try rule("rule") ?? desk.defaultRule
        let compare = try rule("compare")
        var top = defaultTop
        if let t = query.text("top") {
            guard let n = Int(t), (1...100).contains(n) else {
                throw PageError(status: .badRequest, message: lang.t("top \"\(t)\" is out of range; expected a whole number from 1 to 100", "top \"\(t)\" không hợp lệ; cần một số nguyên từ 1 đến 100"))
            }
            top = n
        }
        return NeedPage.Choice(rule: main, compare: compare?.name == main.name ? nil : compare, top: top)
    }

    func requireWrites() throws {
        guard desk.allowWrites else {
            throw PageError(status: .forbidden, message: lang.t("This desk is read-only: start partnermatch-web with --allow-writes to add or edit needs.", "Bàn làm việc này chỉ đọc: hãy chạy partnermatch-web với --allow-writes để thêm hoặc sửa nhu cầu."))
        }
    }

    /// The posted form, after the write and CSRF checks; nothing is read from it before.
    func formBody(_ request: inout Request) async throws -> FormBody {
        try requireWrites()
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw PageError(status: .unsupportedMediaType, message: lang.t("Expected a form (application/x-www-form-urlencoded).", "Cần gửi một biểu mẫu (application/x-www-form-urlencoded)."))
        }
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: WebDesk.maximumBody) } catch {
            throw PageError(status: .contentTooLarge, message: lang.t("The form is larger than \(WebDesk.maximumBody / 1024) KB.", "Biểu mẫu lớn hơn \(WebDesk.maximumBody / 1024) KB."))
        }
        let body: FormBody
        do { body = try FormBody(String(buffer: buffer)) } catch {
            throw PageError(status: .badRequest, message: lang.t("The form is not well formed (a % not followed by two hex digits, or not UTF-8).", "Biểu mẫu không đúng định dạng."))
        }
        guard desk.csrf.accepts(body["csrf"]) else {
            throw PageError(status: .forbidden, message: lang.t("The form's security token is missing or out of date (the desk was restarted, or the form came from another site). Nothing was saved; open the form again and resend it.", "Mã bảo mật của biểu mẫu bị thiếu hoặc đã hết hạn (bàn làm việc đã khởi động lại, hoặc biểu mẫu đến từ trang khác). Chưa lưu gì; hãy mở lại biểu mẫu và gửi lại."))
        }
        return body
    }
}

/// Renders every error as a page in the request's language, and sets the headers every
/// answer carries: a content security policy that allows no script and nothing from
/// outside (styles inline, images as data), no sniffing, no framing, no referrer.
struct PageMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let desk: Desk

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status: HTTPResponse.Status
            let message: String
            let lang = Lang(language: (try? FormBody(request.uri.query ?? ""))?["lang"].flatMap(Language.init(rawValue:)) ?? desk.defaultLanguage)
            switch error {
            case let e as PageError: (status, message) = (e.status, e.message)
            case let e as HTTPError where e.status == .notFound:
                status = .notFound
                message = lang.t("There is no page at \(request.uri.path).", "Không có trang nào ở \(request.uri.path).")
            case let e as HTTPError: (status, message) = (e.status, e.body ?? e.status.reasonPhrase)
            case let e as StoreError: (status, message) = (.internalServerError, "\(e)")
            default: (status, message) = (.internalServerError, "\(error)")
            }
            let layout = Layout(lang: lang, path: request.uri.path, query: [], allowWrites: desk.allowWrites)
            response = WebDesk.html(ErrorPage(layout: layout).render(status: status.code, message: message), status: status)
        }
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
