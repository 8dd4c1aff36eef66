import Testing
@testable import PartnerMatchCore

/// Reading qrels and run files, and the errors a user sees.
@Suite struct TrecFormatTests {
    @Test func readsRunsWithCommentsBlankLinesAndNoFinalNewline() throws {
        let run = try EvalFixtures.run("# header\n\nq1 Q0 d1 1 2.5 tag\n  \nq1\tQ0  d2 2 -1e-3 tag\r\nq2 Q0 d1 1 7 tag")
        #expect(run.queryIDs == ["q1", "q2"])
        #expect(run.count == 3)
        #expect(run.tag == "tag")
        let docs = run.documents(ofQuery: "q1")
        #expect(docs.map(\.document) == ["d1", "d2"])
        #expect(docs.map(\.score) == [2.5, -0.001])
    }

    @Test func groupsInterleavedQueries() throws {
        let run = try EvalFixtures.run("q2 Q0 a 1 1 t\nq1 Q0 b 1 1 t\nq2 Q0 c 2 0.5 t\nq1 Q0 d 2 3 t\n")
        #expect(run.queryIDs == ["q2", "q1"])
        #expect(run.documents(ofQuery: "q2").map(\.document) == ["a", "c"])
        #expect(run.documents(ofQuery: "q1").map(\.score) == [1, 3])
    }

    @Test func parsesScoresExactlyAsStrtod() throws {
        let texts = ["0.1", "0.10", "1e-5", "-0", "123456789.123456789", "1.7976931348623157e308",
                     "4.9e-324", ".5", "5.", "+3", "12345678901234567890123", "0.30000000000000004", "inf"]
        for text in texts {
            let run = try EvalFixtures.run("q Q0 d 1 \(text) t\n")
            #expect(run.documents(ofQuery: "q")[0].score == Double(text), "\(text)")
        }
    }

    @Test func wrongFieldCountNamesFileAndLine() {
        #expect {
            try EvalFixtures.run("q Q0 a 1 1 t\n\nq Q0 b 2 1\n")
        } throws: { error in
            (error as? TrecFormatError)?.description == "run.txt:3: expected 6 fields (qid Q0 docno rank score tag), found 5"
        }
        #expect {
            try EvalFixtures.qrels("q 0 a 1 extra\n", file: "judged.qrels")
        } throws: { error in
            (error as? TrecFormatError)?.description == "judged.qrels:1: expected 4 fields (qid 0 docno grade), found 5"
        }
    }

    @Test func nonNumericScoreOrGrade() {
        #expect {
            try EvalFixtures.run("q Q0 a 1 1 t\nq Q0 b 2 high t\n")
        } throws: { error in
            (error as? TrecFormatError)?.description == "run.txt:2: score 'high' is not a number"
        }
        #expect {
            try EvalFixtures.run("q Q0 b 2 nan t\n")
        } throws: { error in (error as? TrecFormatError)?.line == 1 }
        #expect {
            try EvalFixtures.qrels("q 0 a 1\nq 0 b 1.5\n")
        } throws: { error in
            (error as? TrecFormatError)?.description == "qrels.txt:2: grade '1.5' is not an integer"
        }
    }

    @Test func negativeGradesAreAccepted() throws {
        let qrels = try EvalFixtures.qrels("q 0 a -1\nq 0 b 3\n")
        #expect(qrels.judgements(ofQuery: "q").map(\.grade) == [-1, 3])
    }

    @Test func duplicateDocumentInRun() {
        #expect {
            try EvalFixtures.run("q1 Q0 a 1 3 t\nq1 Q0 b 2 2 t\n# note\nq1 Q0 a 3 1 t\n")
        } throws: { error in
            (error as? TrecFormatError)?.description == "run.txt:4: duplicate document a for query q1 (first on line 1)"
        }
        // Not grouped by query: still found, on the right lines.
        #expect {
            try EvalFixtures.run("q1 Q0 a 1 3 t\nq2 Q0 a 1 2 t\nq1 Q0 b 3 1 t\nq2 Q0 a 2 1 t\n")
        } throws: { error in
            (error as? TrecFormatError)?.description == "run.txt:4: duplicate document a for query q2 (first on line 2)"
        }
        // The same document for different queries is fine.
        #expect(throws: Never.self) { try EvalFixtures.run("q1 Q0 a 1 3 t\nq2 Q0 a 1 3 t\n") }
    }

    @Test func duplicateDocumentInQrels() {
        #expect {
            try EvalFixtures.qrels("q1 0 a 1\nq1 0 a 0\n")
        } throws: { error in
            (error as? TrecFormatError)?.description == "qrels.txt:2: duplicate judgement of document a for query q1 (first on line 1)"
        }
    }

    @Test func duplicateInMemoryEntries() {
        #expect(throws: TrecFormatError.self) {
            try TrecRun(entries: [("q", "a", 1), ("q", "a", 2)])
        }
    }
}

/// Measure names as trec_eval and our command line write them.
@Suite struct EvalMeasureNameTests {
    @Test(arguments: [
        ("map", EvalMeasure.map), ("ndcg", .ndcg), ("ndcg_cut.10", .ndcgCut(10)), ("ndcg@10", .ndcgCut(10)),
        ("P.10", .precision(10)), ("p@10", .precision(10)), ("recall.100", .recall(100)),
        ("recall@5", .recall(5)), ("recip_rank", .recipRank), ("mrr", .recipRank), ("success.1", .success(1)),
        ("success@5", .success(5)), ("Rprec", .rPrecision), ("bpref", .bpref),
    ])
    func parses(name: String, measure: EvalMeasure) throws {
        #expect(try EvalMeasure(parsing: name) == measure)
    }

    @Test func namesRoundTrip() throws {
        for measure: EvalMeasure in [.map, .ndcg, .ndcgCut(5), .precision(20), .recall(1000), .recipRank,
                                     .success(10), .rPrecision, .bpref] {
            #expect(try EvalMeasure(parsing: measure.name) == measure)
        }
    }

    @Test func listsAndDefaults() throws {
        #expect(try EvalMeasure.parseList("P.5,10") == [.precision(5), .precision(10)])
        #expect(try EvalMeasure.parseList("success") == [.success(1), .success(5), .success(10)])
        #expect(try EvalMeasure.parseList("ndcg_cut").count == 9)
    }

    @Test func rejectsBadNames() {
        #expect(throws: EvalError.unknownMeasure("ndgc")) { try EvalMeasure(parsing: "ndgc") }
        #expect(throws: EvalError.invalidCutoff(measure: "P.0", cutoff: "0")) { try EvalMeasure(parsing: "P.0") }
        #expect(throws: EvalError.self) { try EvalMeasure(parsing: "P.5,5") }
        #expect(throws: EvalError.self) { try EvalMeasure(parsing: "map.5") }
        #expect(throws: EvalError.self) { try EvalMeasure(parsing: "ndcg.10") }
    }
}

/// Large runs are parsed in pieces, one per core; the joined result must not depend on it.
@Suite struct TrecRunPieceTests {
    static func parse(_ text: String, pieces: Int) throws -> TrecRun {
        try Array(text.utf8).withUnsafeBytes { raw in
            try TrecRun(parsing: raw, fileName: "run.txt", maxPieces: pieces, minPieceBytes: 1)
        }
    }

    @Test(arguments: [1, 2, 3, 7, 50])
    func piecesGiveTheSameRun(pieces: Int) throws {
        // Interleaved queries, a query cut across pieces, comments and blank lines.
        let text = (0..<40).map { i in "q\(i % 3 == 0 ? 1 : i / 10) Q0 d\(i) \(i) \(Double(i % 7) / 2) t\n" }
            .joined(separator: "\n") + "# end\n"
        let single = try Self.parse(text, pieces: 1)
        let split = try Self.parse(text, pieces: pieces)
        #expect(split.queryIDs == single.queryIDs)
        for q in single.queryIDs {
            #expect(split.documents(ofQuery: q).map(\.document) == single.documents(ofQuery: q).map(\.document))
            #expect(split.documents(ofQuery: q).map(\.score) == single.documents(ofQuery: q).map(\.score))
        }
    }

    @Test(arguments: [1, 2, 3])
    func scatteredQueriesAreGroupedInFileOrder(pieces: Int) throws {
        // 300 queries (past the interner's first sizes), their lines shuffled through the file.
        var generator = EvalSplitMix64(seed: 16)
        var lines = (0..<3_000).map { i in (query: "need-\(i % 300)", document: "d\(i)", score: Double(i % 11)) }
        lines.shuffle(using: &generator)
        let text = lines.map { "\($0.query) Q0 \($0.document) 1 \($0.score) t\n" }.joined()
        let run = try Self.parse(text, pieces: pieces)
        var firstSeen: [String] = []
        for line in lines where !firstSeen.contains(line.query) { firstSeen.append(line.query) }
        #expect(run.queryIDs == firstSeen)
        #expect(run.count == lines.count)
        for q in firstSeen {
            let expected = lines.filter { $0.query == q }
            #expect(run.documents(ofQuery: q).map(\.document) == expected.map(\.document))
            #expect(run.documents(ofQuery: q).map(\.score) == expected.map(\.score))
        }
    }

    @Test(arguments: [1, 2, 5])
    func errorLinesAreAbsolute(pieces: Int) {
        let good = (0..<20).map { "q Q0 d\($0) 1 1 t\n" }.joined()
        #expect {
            try Self.parse(good + "\nq Q0 x 1 t\n" + good, pieces: pieces)
        } throws: { error in (error as? TrecFormatError)?.line == 22 }
        #expect {
            try Self.parse(good + "r Q0 a 1 1 t\n" + good, pieces: pieces)
        } throws: { error in
            (error as? TrecFormatError)?.description == "run.txt:22: duplicate document d0 for query q (first on line 1)"
        }
    }
}
