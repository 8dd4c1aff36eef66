import Foundation
import PartnerMatchCore

/// The bundled data folder (`Data/`): reference data, partners, needs and rules.
///
/// Found from `--data`, else `PARTNERMATCH_DATA` (the command line reads both and passes
/// them in: this library reads no environment), else beside the program (see
/// `besideExecutable`). Nothing of the machine it was built on is compiled in, so a
/// copied or installed program finds its data the same way.
public struct DataDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Locates the data folder by the rules above.
    ///
    /// - Parameters:
    ///   - explicit: the folder the user named (`--data`).
    ///   - environment: the folder the environment names (`PARTNERMATCH_DATA`); ignored
    ///     when empty.
    ///   - executable: the path of the running program, for the data beside it.
    public static func locate(explicit: String?, environment: String?, executable: String?) throws(StoreError) -> DataDirectory {
        if let explicit {
            return try checked(explicit, origin: "--data")
        }
        if let environment, !environment.isEmpty {
            return try checked(environment, origin: "PARTNERMATCH_DATA")
        }
        if let executable, let found = besideExecutable(executable) {
            return DataDirectory(path: found)
        }
        throw .dataDirectory("cannot find the bundled data folder beside \(executable ?? "the program"); expected --data DIR or PARTNERMATCH_DATA pointing at PartnerMatch's Data/ folder")
    }

    /// The data folder of a program at `executable` (symbolic links resolved): `Data/`
    /// beside it or `../share/partnermatch/Data` (an installed program), else the `Data/`
    /// of the package checkout it was built in: the nearest folder above it that holds
    /// `Package.swift` and `Data/` (as for `.build/debug/partnermatch`). A folder counts
    /// when it holds `sectors.json`.
    public static func besideExecutable(_ executable: String) -> String? {
        let fm = FileManager.default
        func isData(_ folder: String) -> Bool { fm.fileExists(atPath: folder + "/sectors.json") }
        let resolved = URL(fileURLWithPath: executable).resolvingSymlinksInPath().path
        var folder = (resolved as NSString).deletingLastPathComponent
        for candidate in [folder + "/Data", ((folder + "/../share/partnermatch/Data") as NSString).standardizingPath] where isData(candidate) {
            return candidate
        }
        while true {
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
            if fm.fileExists(atPath: folder + "/Package.swift") && isData(folder + "/Data") { return folder + "/Data" }
        }
    }

    private static func checked(_ path: String, origin: String) throws(StoreError) -> DataDirectory {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw .dataDirectory("\(path) (from \(origin)): no such folder; expected PartnerMatch's Data/ folder")
        }
        return DataDirectory(path: path)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    /// Decodes one reference file with located errors.
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws(StoreError) -> T {
        let file = self.file(name)
        let bytes = try FileIO.read(file)
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw .input(InputErrors([InputError(file: file, line: error.position.line, column: error.position.column, message: "malformed JSON: \(error.message)")]))
        }
        do { return try JSONValueDecoder(rejectUnknownKeys: false).decode(T.self, from: root) } catch {
            throw .input(InputErrors([InputError(file: file, line: error.position.line, column: error.position.column, field: error.path, message: error.message)]))
        }
    }

    /// Sectors, provinces, themes and currency rates.
    public func loadReference() throws(StoreError) -> ReferenceData {
        ReferenceData(
            sectors: try decode(SectorTaxonomy.self, "sectors.json"),
            provinces: try decode(Gazetteer.self, "provinces.json"),
            themes: try decode(ThemeVocabulary.self, "themes.json"),
            rates: try decode(RateTable.self, "rates.json"))
    }

    /// Files in a subfolder with one of the extensions, sorted by name.
    public func files(in folder: String, extensions: [String] = ["json"]) -> [String] {
        let dir = file(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { n in extensions.contains { n.hasSuffix("." + $0) } }.sorted().map { dir + "/" + $0 }
    }

    /// The bundled partners (`partners/*.json`) and needs (`needs/*.json`), validated.
    public func loadBundledCatalog(reference: ReferenceData) throws(StoreError) -> (partners: [Partner], needs: [Need]) {
        let reader = RecordFile(reference: reference)
        var partners: [Partner] = []
        var needs: [Need] = []
        var errors: [InputError] = []
        for f in files(in: "partners") {
            do { partners += try reader.partners(from: try FileIO.read(f), file: f) } catch let e as InputErrors { errors += e.errors } catch let e as StoreError { throw e } catch {}
        }
        for f in files(in: "needs") {
            do { needs += try reader.needs(from: try FileIO.read(f), file: f) } catch let e as InputErrors { errors += e.errors } catch let e as StoreError { throw e } catch {}
        }
        var seen = Set<String>()
        for p in partners where !seen.insert(p.id).inserted {
            errors.append(InputError(file: file("partners"), record: "partner \"\(p.id)\"", field: "id", message: "duplicate id across bundled partner files"))
        }
        if !errors.isEmpty { throw .input(InputErrors(errors)) }
        return (partners, needs)
    }
}

extension DataDirectory {
    /// What `data check` found: the problems (load errors first, then the checks), and
    /// what was read, for counts and `--stale`.
    public struct CheckReport: Sendable {
        public var reference: ReferenceData
        public var partners: [Partner]
        public var needs: [Need]
        public var problems: [InputError]
        /// The shared public files compared with, when found.
        public var shared: String?
    }

    /// `../shared/data` beside the project (the IATI codelists and evidence files), when there.
    public var defaultShared: String? {
        let candidate = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data").path
        return FileManager.default.fileExists(atPath: candidate + "/iati-codelists/Sector.xml") ? candidate : nil
    }

    /// Reads every file of the folder and runs `DataCheck` on it. A file that cannot be
    /// read is reported and the other files are still checked.
    /// - Throws: `StoreError` only when the reference data cannot be read at all.
    /// With `shared` (`../shared/data`), `sectors.json` is also compared with the IATI
    /// `Sector.xml` codelist and the purpose codes of the KOICA evidence file.
    public func check(today: String, shared: String? = nil) throws(StoreError) -> CheckReport {
        let reference = try loadReference()
        var problems: [InputError] = []
        func parsed(_ path: String) -> JSONValue? {
            guard let bytes = try? FileIO.read(path) else { return nil }
            return try? JSONParser.parse(bytes)
        }
        let reader = RecordFile(reference: reference)
        var partnerFiles: [DataCheck.RecordFileContents<Partner>] = []
        var needFiles: [DataCheck.RecordFileContents<Need>] = []
        for f in files(in: "partners") {
            do { partnerFiles.append(.init(file: f, json: parsed(f), records: try reader.partners(from: try FileIO.read(f), file: f))) }
            catch let e as InputErrors { problems += e.errors } catch let e as StoreError { throw e } catch {}
        }
        for f in files(in: "needs") {
            do { needFiles.append(.init(file: f, json: parsed(f), records: try reader.needs(from: try FileIO.read(f), file: f))) }
            catch let e as InputErrors { problems += e.errors } catch let e as StoreError { throw e } catch {}
        }
        var seen: [String: String] = [:]
        for f in partnerFiles {
            for p in f.records {
                if let first = seen[p.id] {
                    problems.append(InputError(file: f.file, record: "partner \"\(p.id)\"", field: "id", message: "duplicate id; already used in \(first)"))
                } else { seen[p.id] = f.file }
            }
        }
        let checker = DataCheck(reference: reference, today: today)
        var refFiles: [String: (path: String, json: JSONValue?)] = [:]
        for name in ["sectors.json", "provinces.json", "rates.json"] { refFiles[name] = (file(name), parsed(file(name))) }
        problems += checker.checkReference(files: refFiles)
        if let shared {
            let sectors = refFiles["sectors.json"]!
            let xml = shared + "/iati-codelists/Sector.xml"
            let koica = shared + "/evidence/koica_vietnam_1991_2007.csv"
            var issues: [ValidationIssue] = []
            issues += checker.checkSectors(againstIATICodelist: try FileIO.read(xml), file: xml)
            if FileManager.default.fileExists(atPath: koica) {
                issues += checker.checkSectors(usedIn: String(decoding: try FileIO.read(koica), as: UTF8.self), column: "Aid_Data_purposecode", file: koica)
            }
            problems += issues.map { DataCheck.locate($0, file: sectors.path, record: nil, in: sectors.json) }
            // Every province string of the evidence resolves or is listed as not a province.
            var strings: [String: Set<String>] = [:]
            for name in ["worldbank_ibrd_ida_vietnam_projects.csv", "adb_vietnam_projects_1998_2005.csv"] {
                let path = shared + "/evidence/" + name
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let text = String(decoding: try FileIO.read(path), as: UTF8.self)
                guard let rows = try? CSV.parse(text), let col = rows.first?.fields.firstIndex(of: "provinces_adm1") else {
                    problems.append(InputError(file: path, line: 1, message: "cannot read the provinces_adm1 column; expected the shared evidence CSV"))
                    continue
                }
                for r in rows.dropFirst() where col < r.fields.count {
                    for p in r.fields[col].split(separator: "|") where !p.trimmingCharacters(in: .whitespaces).isEmpty {
                        strings[path, default: []].insert(p.trimmingCharacters(in: .whitespaces))
                    }
                }
            }
            let iati = shared + "/evidence/adb-iati-1.04-1998-2005.xml"
            if FileManager.default.fileExists(atPath: iati) {
                let bytes = try FileIO.read(iati)
                do throws(XMLError) { strings[iati] = try DataCheck.vietNamLocationNames(iatiXML: bytes) } catch {
                    problems.append(InputError(file: iati, line: error.line, column: error.column, message: error.message))
                }
            }
            let provinces = refFiles["provinces.json"]!
            problems += checker.checkProvinceStrings(strings).map { DataCheck.locate($0, file: provinces.path, record: nil, in: provinces.json) }
        }
        problems += checker.check(partners: partnerFiles, needs: needFiles)
        return CheckReport(reference: reference, partners: partnerFiles.flatMap(\.records), needs: needFiles.flatMap(\.records), problems: problems, shared: shared)
    }
}
