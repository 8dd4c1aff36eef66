import Dispatch
import Foundation

/// A retrieval run in the TREC results format: `qid Q0 docno rank score tag` per line.
///
/// As in trec_eval, the rank column is ignored: documents are ranked by score, highest
/// first, with ties broken by document id in descending byte order (`strcmp`). Query ids are
/// interned to `Int32` indexes and document ids kept in one byte arena, so a run of ten
/// million lines costs about 20 bytes a line.
///
/// ```swift
/// let run = try TrecRun(parsing: Array("q1 Q0 d1 1 2.5 bm25\n".utf8), fileName: "run.txt")
/// run.queryIDs  // ["q1"]
/// ```
public struct TrecRun: Sendable {
    var table: _TrecDocumentTable
    /// Score of each entry, grouped by query like `table`.
    var scores: [Double]
    /// The tag (run id) of the first line, if any.
    public var tag: String?
    /// The tag of the last line: trec_eval's `runid` (it keeps the last line's).
    public var lastTag: String?

    /// Query ids in order of first appearance.
    public var queryIDs: [String] { table.queryIDs }
    /// Number of (query, document) lines.
    public var count: Int { scores.count }

    /// The documents of one query in file order, with their scores.
    public func documents(ofQuery queryID: String) -> [(document: String, score: Double)] {
        guard let q = table.queryIDs.firstIndex(of: queryID) else { return [] }
        return table.entries(ofQuery: q).map { (table.name(ofEntry: $0), scores[$0]) }
    }

    /// Builds a run from ranked lists already in memory, as the ranking engine produces them.
    ///
    /// - Throws: `TrecFormatError` (line = position of the entry, 1-based, in the order given)
    ///   when a document appears twice for a query or a score is NaN.
    public init(entries: [(query: String, document: String, score: Double)], tag: String? = nil,
                name: String = "run") throws(TrecFormatError) {
        var builder = _TrecDocumentTableBuilder(estimatedEntries: entries.count, estimatedNameBytes: 0)
        var scores = [Double]()
        scores.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() {
            guard !entry.score.isNaN else {
                throw TrecFormatError(fileName: name, line: i + 1, message: "score of \(entry.document) is NaN")
            }
            var query = entry.query
            var document = entry.document
            let ok = query.withUTF8 { q in
                document.withUTF8 { d in
                    builder.append(query: q.baseAddress ?? UnsafePointer(bitPattern: 1)!, queryLength: q.count,
                                   name: d.baseAddress ?? UnsafePointer(bitPattern: 1)!, nameLength: d.count)
                }
            }
            guard ok else { throw TrecFormatError(fileName: name, line: i + 1, message: "run larger than 4 GiB of document ids") }
            scores.append(entry.score)
        }
        let (table, order) = builder.build()
        if let order { scores = order.map { scores[Int($0)] } }
        if let (first, second) = table.firstDuplicate(order: order) {
            throw TrecFormatError(
                fileName: name, line: second + 1,
                message: "duplicate document \(entries[second].document) for query \(entries[second].query) (first at entry \(first + 1))")
        }
        self.table = table
        self.scores = scores
        self.tag = tag
        self.lastTag = tag
    }
}

extension TrecRun {
    /// Parses a run file.
    ///
    /// Each content line must have exactly six whitespace-separated fields
    /// `qid Q0 docno rank score tag`; `score` is a decimal number (as `strtod` reads it, but
    /// not NaN); `Q0` and `rank` are not checked. Blank lines and lines starting with `#` are
    /// skipped, like trec_eval.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents (for instance a memory-mapped file).
    ///   - fileName: the name used in error messages.
    /// - Throws: `TrecFormatError` naming the file and line: wrong field count, non-numeric
    ///   score, or a document listed twice for one query.
    public init(parsing bytes: UnsafeRawBufferPointer, fileName: String) throws(TrecFormatError) {
        try self.init(parsing: bytes, fileName: fileName,
                      maxPieces: ProcessInfo.processInfo.activeProcessorCount, minPieceBytes: 4 << 20)
    }

    /// Large files are read in one piece per core, split at line ends, then joined; tests
    /// force small pieces to check the joining.
    init(parsing bytes: UnsafeRawBufferPointer, fileName: String,
         maxPieces: Int, minPieceBytes: Int) throws(TrecFormatError) {
        let pieces = _TrecLineScanner.split(bytes, maxPieces: maxPieces, minPieceBytes: minPieceBytes)
        var parts = [Result<_TrecRunPiece, TrecFormatError>?](repeating: nil, count: pieces.count)
        parts.withUnsafeMutableBufferPointer { output in
            let output = _EvalUnsafeSendable(output)
            let input = _EvalUnsafeSendable(bytes)
            DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
                let range = pieces[k]
                let piece = UnsafeRawBufferPointer(rebasing: input.value[range])
                output.value[k] = Result { () throws(TrecFormatError) in try _TrecRunPiece(parsing: piece, fileName: fileName) }
            }
        }
        var builders: [_TrecDocumentTableBuilder?] = []
        var pieceScores: [[Double]] = []
        var tag: String? = nil
        var lastTag: String? = nil
        for (k, part) in parts.enumerated() {
            switch part! {
            case .failure(var error):
                error.line += _TrecLineScanner.lineCount(UnsafeRawBufferPointer(rebasing: bytes[..<pieces[k].lowerBound]))
                throw error
            case .success(let piece):
                builders.append(piece.builder)
                pieceScores.append(piece.scores)
                if tag == nil { tag = piece.tag }
                if let t = piece.lastTag { lastTag = t }
            }
        }
        parts = []
        let builder = builders.count == 1 ? builders[0]! : _TrecDocumentTableBuilder.concatenate(&builders)
        guard builder.isWithinArenaLimit else {
            throw TrecFormatError(fileName: fileName, line: 1, message: "run larger than 4 GiB of document ids")
        }
        var scores = pieceScores.count == 1 ? pieceScores[0] : pieceScores.flatMap { $0 }
        pieceScores = []
        let (table, order) = builder.build()
        if let order { scores = order.map { scores[Int($0)] } }
        try table.rejectDuplicates(order: order, in: bytes, fileName: fileName) { document, query, firstLine in
            "duplicate document \(document) for query \(query) (first on line \(firstLine))"
        }
        self.table = table
        self.scores = scores
        self.tag = tag
        self.lastTag = lastTag
    }

    /// Parses a run file held in an array; see `init(parsing:fileName:)`.
    public init(parsing bytes: [UInt8], fileName: String) throws(TrecFormatError) {
        let result: Result<TrecRun, TrecFormatError> = bytes.withUnsafeBytes { raw in
            do throws(TrecFormatError) { return .success(try TrecRun(parsing: raw, fileName: fileName)) }
            catch { return .failure(error) }
        }
        self = try result.get()
    }
}

/// The lines of one piece of a run file.
struct _TrecRunPiece {
    var builder: _TrecDocumentTableBuilder
    var scores: [Double]
    var tag: String?
    var lastTag: String?

    /// Line numbers in errors are relative to the piece.
    init(parsing bytes: UnsafeRawBufferPointer, fileName: String) throws(TrecFormatError) {
        var scanner = _TrecLineScanner(bytes)
        defer { scanner.deallocate() }
        // A line has at least 12 bytes; over-reserving costs address space, not memory.
        builder = _TrecDocumentTableBuilder(estimatedEntries: bytes.count / 12, estimatedNameBytes: bytes.count / 2)
        scores = []
        scores.reserveCapacity(bytes.count / 12)
        // Where the last line's tag is (made a String once, at the end).
        var lastTagAt: (UnsafePointer<UInt8>, Int)? = nil
        defer {
            if let (p, n) = lastTagAt { lastTag = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) }
        }
        while scanner.next() {
            guard scanner.fieldCount == 6 else {
                throw TrecFormatError(
                    fileName: fileName, line: scanner.lineNumber,
                    message: "expected 6 fields (qid Q0 docno rank score tag), found \(scanner.fieldCount)")
            }
            guard let score = _TrecNumber.parseDouble(scanner.pointer(4), scanner.length(4)) else {
                throw TrecFormatError(
                    fileName: fileName, line: scanner.lineNumber,
                    message: "score '\(scanner.string(4))' is not a number")
            }
            if tag == nil { tag = scanner.string(5) }
            lastTagAt = (scanner.pointer(5), scanner.length(5))
            guard builder.append(query: scanner.pointer(0), queryLength: scanner.length(0),
                                 name: scanner.pointer(2), nameLength: scanner.length(2)) else {
                throw TrecFormatError(fileName: fileName, line: scanner.lineNumber,
                                      message: "run larger than 4 GiB of document ids")
            }
            scores.append(score)
        }
    }
}
