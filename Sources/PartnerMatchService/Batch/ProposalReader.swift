import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// One proposal read from a batch file: its place in the input and the need, or the
/// error that made it unreadable.
public struct ProposalRecord: Sendable {
    /// 0-based position among the records of the file.
    public var index: Int
    public var line: Int
    public var column: Int
    public var result: Result<Need, InputError>
    /// What the record left to defaults (its instrument, the currency of its budget...),
    /// said in its output record.
    public var assumed: [AssumedDefault] = []
}

/// Streams proposals from JSON Lines, CSV or a JSON array, one record at a time, so
/// that memory does not grow with the input.
public final class ProposalReader {
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv, json
    }

    private let lines: LineReader
    private let file: String
    private let reference: ReferenceData
    public private(set) var format: Format
    private var index = 0
    private var pending: [UInt8]?  // a first line read while detecting the format
    private var pendingNumber = 0
    private var csvHeader: [String]?
    private var csv = CSVRecordFramer()
    private var delimiter: CSV.Delimiter?
    /// Set when a CSV header is unusable: reading stops there, and the error is
    /// reported once instead of once per record.
    public private(set) var headerError: InputError?
    private var arrayScanner: JSONArrayScanner?

    /// Opens `path` (`-` for stdin). The format comes from `format`, else the file
    /// extension, else the first non-blank byte (`[` array, `{` JSON Lines, else CSV).
    /// `delimiter` forces the CSV separator; else the header line tells it.
    public init(path: String, format: Format?, reference: ReferenceData, delimiter: CSV.Delimiter? = nil) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue {
            throw .cannotRead(path, reason: "it is a directory; expected a file of proposals")
        }
        lines = try LineReader(path: path)
        self.delimiter = delimiter
        file = path == "-" ? "<stdin>" : path
        self.reference = reference
        let lower = path.lowercased()
        if let format { self.format = format }
        else if lower.hasSuffix(".csv") { self.format = .csv }
        else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { self.format = .jsonl }
        else { self.format = .jsonl }
        if format == nil && !lower.hasSuffix(".csv") && !lower.hasSuffix(".jsonl") && !lower.hasSuffix(".ndjson") {
            // Peek at the first non-blank line.
            while let l = lines.next() {
                guard case .line(let bytes, let n) = l else { continue }
                let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
                guard let first else { continue }
                pending = bytes
                pendingNumber = n
                self.format = first == UInt8(ascii: "[") ? .json : first == UInt8(ascii: "{") ? .jsonl : .csv
                break
            }
        }
        if self.format == .json { arrayScanner = JSONArrayScanner() }
    }

    private func nextLine() -> (bytes: [UInt8], number: Int)? {
        if let p = pending { pending = nil; return (p, pendingNumber) }
        while let l = lines.next() {
            switch l {
            case .line(let b, let n): return (b, n)
            case .tooLong: continue  // LineReader has no limit here
            }
        }
        return nil
    }

    /// Why the input ended early (a read error), when it did: a fatal error, since the
    /// records after it were never seen.
    public var readFailure: String? { lines.readFailure }

    /// Bytes of the input read so far.
    public var bytesRead: Int { lines.bytesRead }

    /// The next record, or nil at the end of the input.
    public func next() -> ProposalRecord? {
        nextRaw().map(decoder.decode)
    }

    /// The decoder for raw records: pure and thread-safe, so that batch scoring can
    /// decode many records at once while one thread reads.
    public var decoder: ProposalDecoder { ProposalDecoder(file: file, reference: reference, separator: (delimiter ?? .comma).character, cache: cache) }

    /// Province, theme and sector spellings resolved so far, shared by every decoder of
    /// this reader.
    private let cache = ValidationCache()

    /// Reads a CSV file's header row now (nothing for JSON), so that a bad header stops
    /// the run before any output.
    public func readHeader() throws(InputError) {
        guard format == .csv, csvHeader == nil, headerError == nil else {
            if let headerError { throw headerError }
            return
        }
        // The header is framed like every record, so a file with bare-CR line ends has a
        // one-line header, not a header that swallows the file.
        while let framed = csv.next(nextLine) {
            guard case .record(let bytes, let number) = framed else {
                if case .error(let message, let line, let column) = framed {
                    headerError = InputError(file: file, line: line, column: column, message: "malformed CSV header: \(message)")
                }
                throw headerError!
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                headerError = InputError(file: file, line: number, message: "the header row is not valid UTF-8 CSV; expected a header row of column names")
                throw headerError!
            }
            let d = delimiter ?? CSV.detectDelimiter(headerOf: text)
            delimiter = d
            csv.separator = d.character.asciiValue ?? 0x2C
            guard let fields = try? CSV.parse(text, separator: d.character).first?.fields else {
                headerError = InputError(file: file, line: number, message: "the header row is not valid CSV; expected a header row of column names")
                throw headerError!
            }
            let header = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            do throws(InputError) { try CSVColumns.checkNeedHeader(header, file: file) } catch {
                var e = error
                e.line = number
                headerError = e
                throw e
            }
            csvHeader = header
            return
        }
    }

    /// The next record, read but not yet decoded.
    public func nextRaw() -> RawProposal? {
        switch format {
        case .jsonl: return nextJSONL()
        case .csv: return nextCSV()
        case .json: return nextArrayElement()
        }
    }

    private func nextJSONL() -> RawProposal? {
        while let (bytes, number) = nextLine() {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            defer { index += 1 }
            return RawProposal(index: index, line: number, column: 1, payload: .json(bytes, inArray: false))
        }
        return nil
    }

    private func nextCSV() -> RawProposal? {
        if csvHeader == nil {
            // A bad header is one error for the whole file, not one per record.
            if headerError != nil { return nil }
            do throws(InputError) { try readHeader() } catch {
                defer { index += 1 }
                return RawProposal(index: index, line: error.line ?? 1, column: error.column ?? 1, payload: .failed(error))
            }
        }
        while let framed = csv.next(nextLine) {
            switch framed {
            case .record(let bytes, let number):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                guard let header = csvHeader else { return nil }
                defer { index += 1 }
                return RawProposal(index: index, line: number, column: 1, payload: .csv(bytes, header: header))
            case .error(let message, let line, let column):
                defer { index += 1 }
                return RawProposal(index: index, line: line, column: column, payload: .failed(InputError(file: file, line: line, column: column, message: "malformed CSV: \(message)")))
            }
        }
        return nil
    }

    private func nextArrayElement() -> RawProposal? {
        guard var scanner = arrayScanner else { return nil }
        defer { arrayScanner = scanner }
        while true {
            switch scanner.next() {
            case .element(let bytes, let line, let column):
                defer { index += 1 }
                return RawProposal(index: index, line: line, column: column, payload: .json(bytes, inArray: true))
            case .needInput:
                guard let (bytes, number) = nextLine() else {
                    if let err = scanner.finish() {
                        scanner = JSONArrayScanner(failed: true)
                        defer { index += 1 }
                        return RawProposal(index: index, line: err.line, column: err.column, payload: .failed(InputError(file: file, line: err.line, column: err.column, message: "malformed JSON: \(err.message)")))
                    }
                    return nil
                }
                scanner.feed(bytes, line: number)
            case .end:
                return nil
            case .error(let message, let line, let column):
                scanner = JSONArrayScanner(failed: true)
                defer { index += 1 }
                return RawProposal(index: index, line: line, column: column, payload: .failed(InputError(file: file, line: line, column: column, message: "malformed JSON: \(message)")))
            }
        }
    }
}

/// A record as read, before decoding.
public struct RawProposal: Sendable {
    public enum Payload: Sendable {
        /// A JSON Lines line, or an element of a JSON array (`inArray`).
        case json([UInt8], inArray: Bool)
        /// A CSV record's bytes and the file's header.
        case csv([UInt8], header: [String])
        /// A record that could not even be framed.
        case failed(InputError)
    }

    public var index: Int
    public var line: Int
    public var column: Int
    public var payload: Payload
}

/// Turns raw records into validated needs or located errors.
public struct ProposalDecoder: Sendable {
    public let file: String
    public let reference: ReferenceData
    public var separator: Character = ","
    /// Spellings resolved before, shared by the threads decoding one file.
    let cache: ValidationCache

    public init(file: String, reference: ReferenceData, separator: Character = ",", cache: ValidationCache = ValidationCache()) {
        self.file = file
        self.reference = reference
        self.separator = separator
        self.cache = cache
    }

    public func decode(_ raw: RawProposal) -> ProposalRecord {
        // A plain record is read straight from its bytes; any other (and any that fails
        // validation) goes the general way, which locates and words its errors.
        if case .json(let bytes, _) = raw.payload, let plain = _PlainNeedScanner.decode(bytes),
           let need = try? Validator(reference: reference, cache: cache).validate(plain.need) {
            return ProposalRecord(index: raw.index, line: raw.line, column: raw.column, result: .success(need),
                                  assumed: plain.instrumentGiven ? [] : [.instrument])
        }
        return decodeGenerally(raw)
    }

    /// `decode` without the fast path for plain JSON records (tests compare the two).
    func decodeGenerally(_ raw: RawProposal) -> ProposalRecord {
        let result: Result<Need, InputError>
        var assumed: [AssumedDefault] = []
        switch raw.payload {
        case .failed(let e):
            result = .failure(e)
        case .json(let bytes, let inArray):
            let label = inArray ? "element \(raw.index)" : nil
            do {
                let value = try JSONParser.parse(bytes, startingAt: SourcePosition(line: raw.line, column: raw.column, offset: 0))
                var r = decode(value, index: raw.index, line: raw.line)
                if value["instrument"] == nil { assumed.append(.instrument) }
                if let label, case .failure(var e) = r {
                    e.record = e.record.map { "\(label) (\($0))" } ?? label
                    r = .failure(e)
                }
                result = r
            } catch {
                result = .failure(InputError(file: file, line: error.position.line, column: error.position.column, record: label ?? "proposal \(raw.index + 1)", message: "malformed JSON: \(error.message)"))
            }
        case .csv(let bytes, let header):
            (result, assumed) = decodeCSV(bytes, header: header, index: raw.index, line: raw.line)
        }
        return ProposalRecord(index: raw.index, line: raw.line, column: raw.column, result: result, assumed: assumed)
    }

    func decode(_ value: JSONValue, index: Int, line: Int) -> Result<Need, InputError> {
        let idText: String? = { if case .string(let s)? = value["id"]?.node { return s } else { return nil } }()
        let record = idText.map { "proposal \"\($0)\"" } ?? "proposal \(index + 1)"
        do throws(JSONValueDecoder.Failure) {
            let need = try JSONValueDecoder().decode(Need.self, from: value)
            return validate(need, record: record, line: value.position.line, column: value.position.column) { field in
                RecordFile(reference: reference).fieldPosition(value, path: field)
            }
        } catch {
            return .failure(InputError(file: file, line: error.position.line, column: error.position.column, record: record, field: error.path, message: error.message))
        }
    }

    func decodeCSV(_ bytes: [UInt8], header: [String], index: Int, line: Int) -> (Result<Need, InputError>, [AssumedDefault]) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (.failure(InputError(file: file, line: line, message: "the record is not UTF-8 text; expected a UTF-8 CSV file")), [])
        }
        let fields: [String]
        do { fields = try CSV.parse(text, separator: separator).first?.fields ?? [] } catch {
            return (.failure(InputError(file: file, line: line, column: error.column, message: "malformed CSV: \(error.message)")), [])
        }
        let record = "proposal \(fields.first.map { "\"\($0)\"" } ?? "\(index + 1)")"
        if fields.count != header.count {
            return (.failure(InputError(file: file, line: line, record: record, message: "\(fields.count) fields; expected \(header.count) as in the header row")), [])
        }
        do throws(InputError) {
            let (need, assumed) = try Need.fromCSVNotingAssumptions(fields: fields, header: header, file: file, line: line, rates: reference.rates)
            return (validate(need, record: record, line: line, column: nil) { field in
                CSVColumns.column(forField: field, header: header).map { SourcePosition(line: line, column: $0 + 1, offset: 0) }
            }, assumed)
        } catch {
            return (.failure(error), [])
        }
    }

    func validate(_ need: Need, record: String, line: Int, column: Int?, locate: (String) -> SourcePosition?) -> Result<Need, InputError> {
        do throws(ValidationIssues) {
            return .success(try Validator(reference: reference, cache: cache).validate(need))
        } catch {
            let first = error.issues[0]
            let at = locate(first.field)
            return .failure(InputError(file: file, line: at?.line ?? line, column: at?.column ?? column, record: record, field: first.field, message: first.message))
        }
    }
}

/// Splits a top-level JSON array into its elements' bytes as lines arrive, tracking
/// strings and nesting, so that one element at a time is held in memory.
///
/// The punctuation between elements is checked here (the elements themselves are
/// parsed later, each on its own): a missing comma, `[,`, `,,`, `,]` and any text after
/// the closing `]` are errors with their line and column, reported after the elements
/// before them.
struct JSONArrayScanner {
    enum Step {
        case element([UInt8], line: Int, column: Int)
        case needInput
        case end
        case error(String, line: Int, column: Int)
    }

    /// Where the scanner is between elements.
    private enum Expecting {
        case arrayStart
        /// After `[`: an element or `]`.
        case firstElementOrEnd
        /// After `,`: an element.
        case element
        /// Inside an element.
        case inElement
        /// After an element: `,` or `]`.
        case commaOrEnd
        /// After `]`: only whitespace.
        case nothing
    }

    private var expecting = Expecting.arrayStart
    private(set) var failed = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var current: [UInt8] = []
    private var elementLine = 0
    private var elementColumn = 0
    private var queue: [Step] = []
    private var lastLine = 0

    init(failed: Bool = false) {
        self.failed = failed
    }

    mutating func next() -> Step {
        // Elements found before an error come first, then the error.
        if !queue.isEmpty { return queue.removeFirst() }
        if failed { return .end }
        return expecting == .nothing ? .end : .needInput
    }

    /// Called at end of input: an error when the array was not closed.
    mutating func finish() -> (message: String, line: Int, column: Int)? {
        if failed || expecting == .nothing { return nil }
        if expecting == .arrayStart { return ("the input is empty; expected a JSON array of proposals", max(lastLine, 1), 1) }
        return ("unexpected end of input inside the array; expected ']'", lastLine, 1)
    }

    private mutating func fail(_ message: String, _ line: Int, _ column: Int) {
        queue.append(.error(message, line: line, column: column))
        failed = true
    }

    private mutating func emit() {
        queue.append(.element(current, line: elementLine, column: elementColumn))
        current = []
        expecting = .commaOrEnd
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

    mutating func feed(_ bytes: [UInt8], line: Int) {
        guard !failed else { return }
        lastLine = line
        var column = 0
        // Column counts characters (UTF-8 lead bytes).
        for b in bytes {
            if b & 0xC0 != 0x80 { column += 1 }
            switch expecting {
            case .arrayStart:
                if JSONArrayScanner.isSpace(b) || b == 0xEF || b == 0xBB || b == 0xBF { continue }
                guard b == UInt8(ascii: "[") else { return fail("expected a JSON array of proposals ('['), found another value", line, column) }
                expecting = .firstElementOrEnd
            case .nothing:
                if !JSONArrayScanner.isSpace(b) { return fail("unexpected text after the end of the array; expected nothing after ']'", line, column) }
            case .commaOrEnd:
                if JSONArrayScanner.isSpace(b) { continue }
                if b == UInt8(ascii: ",") { expecting = .element; continue }
                if b == UInt8(ascii: "]") { expecting = .nothing; continue }
                return fail("unexpected \(JSONArrayScanner.describe(b)) after an array element; expected ',' or ']'", line, column)
            case .firstElementOrEnd, .element:
                if JSONArrayScanner.isSpace(b) { continue }
                if b == UInt8(ascii: "]") {
                    if expecting == .firstElementOrEnd { expecting = .nothing; continue }
                    return fail("unexpected ']' after ','; expected another element (no trailing comma)", line, column)
                }
                if b == UInt8(ascii: ",") { return fail("unexpected ','; expected an element", line, column) }
                elementLine = line
                elementColumn = column
                expecting = .inElement
                depth = 0
                inString = false
                escaped = false
                current = []
                fallthrough
            case .inElement:
                if inString {
                    current.append(b)
                    if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch b {
                case UInt8(ascii: "\""):
                    current.append(b)
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    current.append(b)
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 {
                        // A scalar element ends at the array's ']' (or a stray '}').
                        guard b == UInt8(ascii: "]") else { return fail("unbalanced '}'", line, column) }
                        emit()
                        expecting = .nothing
                        continue
                    }
                    current.append(b)
                    depth -= 1
                    if depth == 0 { emit() }
                case UInt8(ascii: ",") where depth == 0:
                    emit()
                    expecting = .element
                default:
                    if depth == 0 && JSONArrayScanner.isSpace(b) {
                        emit()   // a scalar ends at a space; what follows must be ',' or ']'
                    } else {
                        current.append(b)
                    }
                }
            }
        }
        // A line end: inside an object or array it is whitespace of the element; it ends a scalar.
        if expecting == .inElement {
            if depth == 0 && !inString { emit() } else { current.append(0x0A) }
        }
    }

    private static func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(UnicodeScalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
    }
}

/// Frames CSV records from lines as RFC 4180 says: a field is quoted only when it
/// starts with `"`, where `""` is a quote and line ends are data; a `"` inside an
/// unquoted field, or text after a closing quote, is an error of that record (located,
/// and the next line starts the next record), not the start of a quoted field that
/// swallows the rest of the file. LF, CR LF and bare CR all end a record outside
/// quotes, a bare CR counting as a line end for line numbers.
struct CSVRecordFramer {
    enum Framed {
        case record([UInt8], line: Int)
        case error(String, line: Int, column: Int)
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The field separator: `,` unless the header told another (`;`, tab).
    var separator: UInt8 = 0x2C

    /// The rest of the physical line being framed (after a bare CR), and its number.
    private var carry: ArraySlice<UInt8> = []
    private var carryLine = 0
    private var hasCarry = false
    /// Lines added by bare CRs so far: the numbers of LineReader's lines shift by this.
    private var extraLines = 0

    /// The next record or error; nil at the end of the input.
    mutating func next(_ readLine: () -> (bytes: [UInt8], number: Int)?) -> Framed? {
        var record: [UInt8] = []
        var state = State.fieldStart
        var startLine: Int?
        var quoteLine = 0, quoteColumn = 0
        while true {
            if !hasCarry {
                guard let (bytes, number) = readLine() else {
                    guard let startLine else { return nil }
                    if state == .quoted {
                        return .error("the quoted field opened at line \(quoteLine), column \(quoteColumn) is not closed before the end of the input; expected a closing '\"'", line: quoteLine, column: quoteColumn)
                    }
                    return .record(record, line: startLine)
                }
                carry = bytes[...]
                carryLine = number + extraLines
                hasCarry = true
                if startLine != nil { record.append(0x0A) }  // a line end inside quotes
            }
            if startLine == nil { startLine = carryLine }
            var column = 0
            var i = carry.startIndex
            while i < carry.endIndex {
                let b = carry[i]
                if b & 0xC0 != 0x80 { column += 1 }
                switch state {
                case .fieldStart, .unquoted:
                    if b == separator { state = .fieldStart }
                    else if b == 0x22 {
                        if state == .unquoted {
                            hasCarry = false  // resynchronise at the next line
                            return .error("a '\"' inside an unquoted field; expected the whole field in double quotes, with each '\"' doubled", line: carryLine, column: column)
                        }
                        state = .quoted
                        quoteLine = carryLine
                        quoteColumn = column
                    } else if b == 0x0D {
                        // A bare CR ends the record; the rest of the line is the next one.
                        carry = carry[(i + 1)...]
                        extraLines += 1
                        carryLine += 1
                        return .record(record, line: startLine!)
                    } else { state = .unquoted }
                case .quoted:
                    if b == 0x22 { state = .quoteInQuoted }
                case .quoteInQuoted:
                    if b == 0x22 { state = .quoted }
                    else if b == separator { state = .fieldStart }
                    else if b == 0x0D {
                        carry = carry[(i + 1)...]
                        extraLines += 1
                        carryLine += 1
                        return .record(record, line: startLine!)
                    } else {
                        hasCarry = false
                        return .error("unexpected text after the closing '\"' of a quoted field; expected ',' or the end of the line", line: carryLine, column: column)
                    }
                }
                record.append(b)
                i += 1
            }
            hasCarry = false
            if state != .quoted { return .record(record, line: startLine!) }
        }
    }
}
