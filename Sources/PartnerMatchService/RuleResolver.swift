import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// Where the `rule` param of `serve` may point: a bundled rule by name, or, only when
/// `serve` was started with `--rules-dir DIR`, a rule file under that folder.
///
/// A request must not open any file the server can read: `"rule": "/etc/passwd"` used to
/// answer "unexpected 'r'". Paths are resolved to real paths (symbolic links and `..`
/// followed) and refused when they leave the folder; errors never quote a file's bytes.
public struct RuleResolver: Sendable {
    /// What a `rule` param names: the cache key (the resolved identity, not the raw
    /// spelling) and the file to load.
    public struct Resolved: Sendable, Hashable {
        public var key: String
        public var file: String
    }

    public let library: RuleLibrary
    /// The real path of `--rules-dir`, or nil when rule files are refused.
    public let directory: String?

    /// - Throws: when `directory` is given but is not a readable folder.
    public init(library: RuleLibrary, directory: String?) throws(StoreError) {
        self.library = library
        guard let directory else { self.directory = nil; return }
        var isDir: ObjCBool = false
        guard let real = RuleResolver.realPath(directory), FileManager.default.fileExists(atPath: real, isDirectory: &isDir), isDir.boolValue else {
            throw .cannotRead(directory, reason: "not a folder; expected the folder of rule files for --rules-dir")
        }
        self.directory = real
    }

    /// The bundled names, for messages.
    public var bundledNames: [String] {
        library.files().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
    }

    public func resolve(_ rule: String?) throws(JSONRPC.Failure) -> Resolved {
        let name = rule ?? "default"
        if let file = library.bundledFile(named: name) {
            // Keyed by the file's identity too, so that two spellings share one entry.
            return Resolved(key: "bundled:" + (RuleResolver.realPath(file) ?? file), file: file)
        }
        let shown = JSONRPC.clip(name)
        guard let directory else {
            throw JSONRPC.Failure(.unknownRule, "Unknown rule \"\(shown)\"; expected one of: \(bundledNames.joined(separator: ", ")) (rule files are accepted only when serve is started with --rules-dir)", data: ["rule": shown])
        }
        // Relative paths are read from the folder; absolute ones must lie in it.
        let candidate = name.hasPrefix("/") ? name : directory + "/" + name
        let inside = directory.hasSuffix("/") ? directory : directory + "/"
        guard let real = RuleResolver.realPath(candidate), real.hasPrefix(inside) else {
            throw JSONRPC.Failure(.unknownRule, "Unknown rule \"\(shown)\"; expected a bundled name (\(bundledNames.joined(separator: ", "))) or a rule file under --rules-dir", data: ["rule": shown])
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw JSONRPC.Failure(.unknownRule, "Unknown rule \"\(shown)\"; expected a regular rule file under --rules-dir", data: ["rule": shown])
        }
        // The modification time and size: an edited file is compiled again.
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        return Resolved(key: "file:\(real)@\(modified):\(size)", file: real)
    }

    /// The real path (links and `..` resolved), or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// A small least-recently-used cache: the compiled catalogs of `serve`, one per rule
/// identity (each holds the whole catalog in flat arrays, megabytes apiece).
struct LRUCache<Key: Hashable, Value> {
    let capacity: Int
    private var values: [Key: Value] = [:]
    /// Least recently used first; short, so linear updates are cheap.
    private var order: [Key] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var count: Int { values.count }

    mutating func get(_ key: Key) -> Value? {
        guard let v = values[key] else { return nil }
        if let i = order.firstIndex(of: key) { order.remove(at: i) }
        order.append(key)
        return v
    }

    mutating func set(_ key: Key, _ value: Value) {
        if values.updateValue(value, forKey: key) != nil, let i = order.firstIndex(of: key) { order.remove(at: i) }
        order.append(key)
        while order.count > capacity { values[order.removeFirst()] = nil }
    }

    mutating func removeAll() {
        values.removeAll()
        order.removeAll()
    }
}
