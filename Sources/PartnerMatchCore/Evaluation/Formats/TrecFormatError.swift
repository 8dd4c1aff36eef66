/// A line of a qrels or run file that could not be read.
///
/// The description is what a user sees, in the compiler style that editors link to:
/// `run.txt:12: expected 6 fields (qid Q0 docno rank score tag), found 5`.
public struct TrecFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name given to the parser, as the user wrote it.
    public var fileName: String
    /// 1-based line number in the file.
    public var line: Int
    public var message: String

    public init(fileName: String, line: Int, message: String) {
        self.fileName = fileName
        self.line = line
        self.message = message
    }

    public var description: String { "\(fileName):\(line): \(message)" }
}
