import PartnerMatchCore

/// The meeting dossier's hook, kept apart from the other routes: the dossier renderer is
/// being added to PartnerMatchCore on another branch. When `Desk.dossier` is set, the need
/// page links to `/needs/ID/dossier` and that route answers with the renderer's page;
/// while it is nil there is neither link nor route (a 404), never a placeholder page.
public typealias DossierRenderer = @Sendable (DossierInput) throws -> String

/// What the dossier of one need is drawn from: the same ranking the need page shows
/// (with explanations and excluded partners), its compiled catalog, the page's language.
public struct DossierInput: Sendable {
    public var need: Need
    public var ranking: Ranking
    public var catalog: CompiledCatalog
    public var language: Language
    public var pastProjects: [String: [PastProject]]
}
