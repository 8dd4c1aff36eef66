import Foundation
import PartnerMatchCore

/// The ranking rules: the bundled ones in `Data/rules/` (by name) and any rule file
/// given by path.
public struct RuleLibrary: Sendable {
    public let data: DataDirectory

    public init(data: DataDirectory) {
        self.data = data
    }

    /// The bundled rule files, `default` first.
    public func files() -> [String] {
        let all = data.files(in: "rules")
        return all.filter { $0.hasSuffix("/default.json") } + all.filter { !$0.hasSuffix("/default.json") }
    }

    /// Loads and validates one rule file, with errors located in it.
    public func load(file: String) throws(StoreError) -> Rule {
        let bytes = try FileIO.read(file)
        do { return try Rule.parse(bytes) } catch {
            throw .input(InputErrors([InputError(file: file, line: error.position?.line, column: error.position?.column,
                                                 field: error.path.isEmpty ? nil : error.path, message: error.message)]))
        }
    }

    /// A bundled rule by name (`default`, `sector-heavy`), else a rule file by path.
    public func load(_ nameOrPath: String?) throws(StoreError) -> Rule {
        let name = nameOrPath ?? "default"
        if name.contains("/") || name.hasSuffix(".json") { return try load(file: name) }
        let file = data.file("rules/\(name).json")
        guard FileManager.default.fileExists(atPath: file) else {
            let names = files().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            throw .dataDirectory("unknown rule \"\(name)\"; expected a rule file path or one of: \(names.joined(separator: ", "))")
        }
        return try load(file: file)
    }

    /// The file of a bundled rule, when `name` is a plain name (a-z, 0-9, '-') of one.
    public func bundledFile(named name: String) -> String? {
        guard !name.isEmpty, name.count <= 80, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else { return nil }
        let file = data.file("rules/\(name).json")
        return FileManager.default.fileExists(atPath: file) ? file : nil
    }

    /// Every bundled rule with its file, for `rules list`.
    public func all() throws(StoreError) -> [(file: String, rule: Rule)] {
        var out: [(String, Rule)] = []
        for f in files() { out.append((f, try load(file: f))) }
        return out
    }
}
