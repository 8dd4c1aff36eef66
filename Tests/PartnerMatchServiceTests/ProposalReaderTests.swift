import Foundation
import Testing
import PartnerMatchCore
import PartnerMatchStore
@testable import PartnerMatchService

let serviceFixtureData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/data").path
let serviceReference = try! DataDirectory(path: serviceFixtureData).loadReference()

func writeTemp(_ name: String, _ text: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pm-svc-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

func readAll(_ path: String, _ format: ProposalReader.Format? = nil) throws -> [ProposalRecord] {
    let r = try ProposalReader(path: path, format: format, reference: serviceReference)
    var out: [ProposalRecord] = []
    while let rec = r.next() { out.append(rec) }
    return out
}

func summary(_ records: [ProposalRecord]) -> [String] {
    records.map { r in
        switch r.result {
        case .success(let n): return "\(r.index)@\(r.line): ok \(n.id)"
        case .failure(let e): return "\(r.index)@\(r.line): \(e.description)"
        }
    }
}

let goodNeed = #"{"id":"p1","title":{"vi":"Đường"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000}"#

@Suite struct ProposalReaderTests {
    @Test func jsonLinesWithBadRecords() throws {
        let text = goodNeed + "\n\n{bad\n" + goodNeed.replacingOccurrences(of: "5000", with: "-1").replacingOccurrences(of: "p1", with: "p2") + "\n" +
            goodNeed.replacingOccurrences(of: "\"budgetUSD\":5000", with: "\"budget\":5000").replacingOccurrences(of: "p1", with: "p3") + "\n"
        let path = writeTemp("p.jsonl", text)
        let got = summary(try readAll(path))
        #expect(got == [
            "0@1: ok p1",
            "1@3: \(path):3:2: proposal 2: malformed JSON: unexpected 'b' in an object; expected a member name in double quotes",
            "2@4: \(path):4:130: proposal \"p2\", field budgetUSD: -1 is not above 0; expected an amount in USD above 0",
            "3@5: \(path):5:118: proposal \"p3\", field budgetUSD: missing; the unknown field \"budget\" is probably it misspelt: did you mean \"budgetUSD\"?",
        ])
    }

    @Test func csvWithQuotedNewlinesAndBadRecords() throws {
        let text = "id,title_vi,province,applicant,sectors,budget,currency\nc1,\"Hai\ndòng\",Sơn La,commune,21020,2 tỷ,VND\nc2,T,Sơn La,commune,99999,5k,\nc3,T,Sơn La,commune,21020,-5,\n"
        let path = writeTemp("p.csv", text)
        let recs = try readAll(path)
        #expect(summary(recs) == [
            "0@2: ok c1",
            "1@4: \(path):4:5: proposal \"c2\", field sectors[0].code: unknown sector code \"99999\"; nearest valid codes: 60010, 32161, 31140",
            "2@5: \(path):5:6: proposal \"c3\", field budgetUSD: -5 is not above 0; expected an amount in USD above 0",
        ])
        guard case .success(let n) = recs[0].result else { Issue.record("c1 should be read"); return }
        #expect(n.title.vi == "Hai\ndòng")
        #expect(n.budgetUSD == 80_000)
        #expect(recs.count == 3)
        if case .failure(let e) = recs[2].result { #expect(e.field == "budgetUSD" && e.line == 5) } else { Issue.record("c3 should fail") }
    }

    @Test func jsonArrayElementsWithPositions() throws {
        let text = "[\n  \(goodNeed),\n  {\"id\": \"p2\",\n   \"title\": 5},\n  42,\n  \(goodNeed.replacingOccurrences(of: "p1", with: "p4"))\n]\n"
        let path = writeTemp("p.json", text)
        let got = summary(try readAll(path))
        #expect(got == [
            "0@2: ok p1",
            "1@3: \(path):4:13: element 1 (proposal \"p2\"), field title: expected an object, found a number",
            "2@5: \(path):5:3: element 2 (proposal 3): expected an object, found a number",
            "3@6: ok p4",
        ])
    }

    @Test func unclosedArrayIsReported() throws {
        let path = writeTemp("p.json", "[\n  \(goodNeed),\n")
        let recs = try readAll(path)
        #expect(recs.count == 2)
        if case .failure(let e) = recs[1].result { #expect(e.message.contains("expected ']'")) } else { Issue.record("should fail") }
    }

    @Test func formatDetectedFromContent() throws {
        #expect(try ProposalReader(path: writeTemp("x", "[\(goodNeed)]"), format: nil, reference: serviceReference).format == .json)
        #expect(try ProposalReader(path: writeTemp("x", goodNeed), format: nil, reference: serviceReference).format == .jsonl)
        #expect(try ProposalReader(path: writeTemp("x", "id,title_vi\n"), format: nil, reference: serviceReference).format == .csv)
    }
}
