/// Relevance judgements in the TREC qrels format: `qid 0 docno grade` per line.
///
/// `grade` is an integer: 0 means judged not relevant, higher means more relevant, and a
/// negative grade means "in the pool but not judged" (trec_eval's convention): such a document
/// is neither relevant nor non-relevant for any measure here.
public struct TrecQrels: Sendable {
    var table: _TrecDocumentTable
    /// Grade of each entry, grouped by query like `table`.
    var grades: [Int32]

    /// Query ids in order of first appearance.
    public var queryIDs: [String] { table.queryIDs }
    /// Number of judgements.
    public var count: Int { grades.count }

    /// The judgements of one query in file order.
    public func judgements(ofQuery queryID: String) -> [(document: String, grade: Int)] {
        guard let q = table.queryIDs.firstIndex(of: queryID) else { return [] }
        return table.entries(ofQuery: q).map { (table.name(ofEntry: $0), Int(grades[$0])) }
    }

    /// Builds judgements already in memory.
    ///
    /// - Throws: `TrecFormatError` (line = 1-based position in the order given) when a
    ///   document is judged twice for one query.
    public init(judgements: [(query: String, document: String, grade: Int)],
                name: String = "qrels") throws(TrecFormatError) {
        var builder = _TrecDocumentTableBuilder(estimatedEntries: judgements.count, estimatedNameBytes: 0)
        var grades = [Int32]()
        for (i, j) in judgements.enumerated() {
            guard let grade = Int32(exactly: j.grade) else {
                throw TrecFormatError(fileName: name, line: i + 1, message: "grade \(j.grade) out of range")
            }
            var query = j.query
            var document = j.document
            _ = query.withUTF8 { q in
                document.withUTF8 { d in
                    builder.append(query: q.baseAddress ?? UnsafePointer(bitPattern: 1)!, queryLength: q.count,
                                   name: d.baseAddress ?? UnsafePointer(bitPattern: 1)!, nameLength: d.count)
                }
            }
            grades.append(grade)
        }
        let (table, order) = builder.build()
        if let order { grades = order.map { grades[Int($0)] } }
        if let (first, second) = table.firstDuplicate(order: order) {
            throw TrecFormatError(
                fileName: name, line: second + 1,
                message: "duplicate judgement of \(judgements[second].document) for query \(judgements[second].query) (first at entry \(first + 1))")
        }
        self.table = table
        self.grades = grades
    }
}

extension TrecQrels {
    /// Parses a qrels file.
    ///
    /// Each content line must have exactly four whitespace-separated fields
    /// `qid iter docno grade` (`iter` is ignored, conventionally `0`); `grade` is a signed
    /// decimal integer. Blank lines and lines starting with `#` are skipped.
    ///
    /// - Throws: `TrecFormatError` naming the file and line: wrong field count, a grade that is
    ///   not an integer, or a document judged twice for one query.
    public init(parsing bytes: UnsafeRawBufferPointer, fileName: String) throws(TrecFormatError) {
        var scanner = _TrecLineScanner(bytes)
        defer { scanner.deallocate() }
        var builder = _TrecDocumentTableBuilder(estimatedEntries: bytes.count / 8, estimatedNameBytes: bytes.count / 2)
        var grades = [Int32]()
        grades.reserveCapacity(bytes.count / 8)
        while scanner.next() {
            guard scanner.fieldCount == 4 else {
                throw TrecFormatError(
                    fileName: fileName, line: scanner.lineNumber,
                    message: "expected 4 fields (qid 0 docno grade), found \(scanner.fieldCount)")
            }
            guard let grade = _TrecNumber.parseInt32(scanner.pointer(3), scanner.length(3)) else {
                throw TrecFormatError(
                    fileName: fileName, line: scanner.lineNumber,
                    message: "grade '\(scanner.string(3))' is not an integer")
            }
            _ = builder.append(query: scanner.pointer(0), queryLength: scanner.length(0),
                               name: scanner.pointer(2), nameLength: scanner.length(2))
            grades.append(grade)
        }
        let (table, order) = builder.build()
        if let order { grades = order.map { grades[Int($0)] } }
        try table.rejectDuplicates(order: order, in: bytes, fileName: fileName) { document, query, firstLine in
            "duplicate judgement of document \(document) for query \(query) (first on line \(firstLine))"
        }
        self.table = table
        self.grades = grades
    }

    /// Parses a qrels file held in an array; see `init(parsing:fileName:)`.
    public init(parsing bytes: [UInt8], fileName: String) throws(TrecFormatError) {
        let result: Result<TrecQrels, TrecFormatError> = bytes.withUnsafeBytes { raw in
            do throws(TrecFormatError) { return .success(try TrecQrels(parsing: raw, fileName: fileName)) }
            catch { return .failure(error) }
        }
        self = try result.get()
    }
}
