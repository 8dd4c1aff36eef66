import PartnerMatchCore

/// What can go wrong with the database or the files around it, each with one message
/// that says what to do.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case notADatabase(path: String)
    case newerSchema(path: String, unknown: [String])
    case cannotOpen(path: String, reason: String)
    case unknownPartner(String, suggestions: [String])
    case unknownNeed(String, suggestions: [String])
    case duplicateNeed(String)
    case fileNotFound(String)
    case cannotRead(String, reason: String)
    case cannotWrite(String, reason: String)
    case dataDirectory(String)
    case input(InputErrors)
    case database(path: String, reason: String)
    /// The disk (or the database's size cap) filled during `operation`; rolled back.
    case full(path: String, operation: String)
    /// Another process held the write lock for longer than the wait.
    case locked(path: String, operation: String, waited: Int, holder: String?)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path): not a PartnerMatch database (the file is not SQLite); expected a database made by 'partnermatch init', or pass another --db"
        case .newerSchema(let path, let unknown):
            return "\(path): written by a newer PartnerMatch (schema steps \(unknown.joined(separator: ", ")) are unknown to this version); expected a database of this version: upgrade partnermatch or use another --db"
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the database: \(reason)"
        case .unknownPartner(let id, let near):
            return "unknown partner \"\(id)\"" + (near.isEmpty ? "; see 'partnermatch partners list'" : "; did you mean \(near.map { "\"\($0)\"" }.joined(separator: " or "))?")
        case .unknownNeed(let id, let near):
            return "unknown need \"\(id)\"" + (near.isEmpty ? "; see 'partnermatch needs list'" : "; did you mean \(near.map { "\"\($0)\"" }.joined(separator: " or "))?")
        case .duplicateNeed(let id):
            return "need \"\(id)\" already exists; expected a new id (use 'needs edit' to change it)"
        case .fileNotFound(let path):
            return "\(path): no such file"
        case .cannotRead(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .dataDirectory(let message):
            return message
        case .input(let errors):
            return errors.description
        case .database(let path, let reason):
            return "\(path): database error: \(reason)"
        case .full(let path, let operation):
            return "\(path): the disk is full (or the database reached its size limit) during \(operation); it was rolled back and the catalog is as it was before; expected free space: free some and run it again"
        case .locked(let path, let operation, let waited, let holder):
            let who = holder.map { "by another process (\($0))" } ?? "by another process (it left no note of what it does)"
            return "\(path): the database is locked \(who); \(operation) waited \(waited) s and gave up; expected the other operation to finish: run it again when it has"
        }
    }
}
