import Foundation
import Testing
import PartnerMatchCore
import PartnerMatchStore
@testable import PartnerMatchService

/// Issue 14, item 9: the `rule` param opens only bundled rules, or files under
/// `--rules-dir`; compiled rules are cached by identity, in a bounded cache.
@Suite struct RuleParamTests {
    func methods(rulesDirectory: String?, cacheSize: Int = 8) throws -> (RPCServer, RankingMethods) {
        let data = DataDirectory(path: serviceFixtureData)
        let store = try CatalogStore.inMemory()
        let (partners, needs) = try data.loadBundledCatalog(reference: serviceReference)
        try store.replaceCatalog(partners: partners, needs: needs, meta: [:])
        let session = try ServiceSession(data: data, reference: serviceReference, store: store, allowWrites: false, threads: 2)
        let server = RPCServer()
        let ranking = try RankingMethods(session: session, rulesDirectory: rulesDirectory, cacheSize: cacheSize)
        ranking.register(on: server)
        return (server, ranking)
    }

    func rank(_ server: RPCServer, rule: String) -> String {
        let line = #"{"jsonrpc":"2.0","id":1,"method":"rank","params":{"need":"sla-road-01","top":1,"rule":\#(JSONText.quote(rule))}}"#
        return server.handle(line: Array(line.utf8)) ?? ""
    }

    /// A folder with a good rule, a symbolic link out of it, and a file beside it.
    func rulesFolder() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pm-rules-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/rules/sub", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: serviceFixtureData + "/rules/sector-heavy.json", toPath: root + "/rules/sub/mine.json")
        try Data("secret: do not show\n".utf8).write(to: URL(fileURLWithPath: root + "/outside.json"))
        try Data("secret: do not show\n".utf8).write(to: URL(fileURLWithPath: root + "/rules/notes.json"))
        try FileManager.default.createSymbolicLink(atPath: root + "/rules/escape.json", withDestinationPath: root + "/outside.json")
        return root
    }

    @Test func withoutRulesDirOnlyBundledNamesAreAccepted() throws {
        let (server, _) = try methods(rulesDirectory: nil)
        #expect(rank(server, rule: "sector-heavy").contains("\"result\""))
        for rule in ["/etc/passwd", "../../../etc/passwd", "rules/default.json", serviceFixtureData + "/rules/default.json", "Default"] {
            let a = rank(server, rule: rule)
            #expect(a.contains("\"code\":-32007") && a.contains("only when serve is started with --rules-dir"), "\(rule): \(a)")
            #expect(!a.contains("unexpected") && !a.contains("root:"), "\(a)")
        }
    }

    @Test func withRulesDirOnlyFilesUnderItAreAccepted() throws {
        let root = try rulesFolder()
        let (server, _) = try methods(rulesDirectory: root + "/rules")
        #expect(rank(server, rule: "sub/mine.json").contains("\"result\""))
        #expect(rank(server, rule: root + "/rules/sub/../sub/mine.json").contains("\"result\""))
        for rule in ["escape.json", "../outside.json", "sub/../../outside.json", root + "/outside.json", "/etc/passwd", "sub", "missing.json"] {
            let a = rank(server, rule: rule)
            #expect(a.contains("\"code\":-32007"), "\(rule): \(a)")
            #expect(!a.contains("secret") && !a.contains("unexpected"), "\(a)")
        }
        // Under the folder but not a rule: where, never what.
        let notes = rank(server, rule: "notes.json")
        #expect(notes.contains("\"code\":-32003") && notes.contains("at line 1, column 1: not a JSON rule file"), "\(notes)")
        #expect(!notes.contains("secret") && !notes.contains("'s'"))
    }

    /// 2,000 spellings of one path grew the cache from 32 MB to 589 MB.
    @Test func theCacheIsKeyedByIdentityAndBounded() throws {
        let root = try rulesFolder()
        let (server, ranking) = try methods(rulesDirectory: root + "/rules", cacheSize: 3)
        for i in 0..<200 {
            let spelling = String(repeating: "./", count: i) + "sub/" + String(repeating: "../sub/", count: i % 7) + "mine.json"
            #expect(rank(server, rule: spelling).contains("\"result\""))
        }
        #expect(ranking.compiledCount == 1)
        for rule in ["default", "sector-heavy", "sub/mine.json", "default"] { #expect(rank(server, rule: rule).contains("\"result\"")) }
        #expect(ranking.compiledCount == 3)
        try FileManager.default.copyItem(atPath: serviceFixtureData + "/rules/default.json", toPath: root + "/rules/other.json")
        #expect(rank(server, rule: "other.json").contains("\"result\""))
        #expect(ranking.compiledCount == 3)
    }
}
