import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

/// `--db` and `--data`, shared by every command that reads the catalog.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalog database (else $PARTNERMATCH_DB, else ~/.local/share/partnermatch/catalog.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The bundled data folder (else $PARTNERMATCH_DATA, else the Data/ beside the program or of the checkout it was built in).", valueName: "dir"))
    var data: String?

    /// The database path by the rules above.
    var databasePath: String {
        db ?? DatabaseLocation.defaultPath(environment: ProgramEnvironment.variables)
    }

    func dataDirectory() throws -> DataDirectory {
        try DataDirectory.locate(explicit: data)
    }

    /// Reference data and the store; a missing database is created from the bundled data.
    func open() throws -> Context {
        let dir = try dataDirectory()
        let reference = try dir.loadReference()
        let path = databasePath
        let existed = FileManager.default.fileExists(atPath: path)
        let store = try CatalogStore.open(path: path, maxPageCount: ProgramEnvironment.maxPageCount)
        if !existed {
            let (partners, needs) = try dir.loadBundledCatalog(reference: reference)
            try store.replaceCatalog(partners: partners, needs: needs, meta: ["created-from": dir.path])
            Diagnostics.note("created database \(path) from the bundled data (\(partners.count) partners, \(needs.count) needs)")
        }
        return Context(data: dir, reference: reference, store: store)
    }
}

/// What a command works with once options are resolved.
struct Context {
    var data: DataDirectory
    var reference: ReferenceData
    var store: CatalogStore
}

/// `--format`, `--bom` and `--lang` for commands that print tables.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output format: table, json, jsonl, csv or markdown.", valueName: "format"))
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark (for Excel).")
    var bom = false

    @Option(name: .long, help: ArgumentHelp("Language of names and labels: en or vi.", valueName: "lang"))
    var lang: Language = .en
}

extension FormatOptions {
    /// The width terminal tables fit (`Terminal.width`).
    var width: Int? { Terminal.width() }
}

/// The terminal's width for fitting tables: `COLUMNS` when set to a number, else the
/// width of the terminal stdout is (ioctl TIOCGWINSZ); nil for a pipe or file, which
/// gets full rows.
enum Terminal {
    static func width() -> Int? {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c.trimmingCharacters(in: .whitespaces)), n > 0 { return max(n, 20) }
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return max(Int(size.ws_col), 20)
    }
}

extension OutputFormat: ExpressibleByArgument {}

extension CSV.Delimiter: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["comma", "semicolon", "tab"] }
}
extension Language: ExpressibleByArgument {}

/// Writes command output to stdout, checked: a failed write (a full disk, a closed
/// descriptor, a reader that has gone) is an error that ends the command with exit 1.
enum Output {
    /// Set at start when standard output was closed (it then points at /dev/null, which
    /// would swallow every write without a word).
    nonisolated(unsafe) static var closed = false

    static func write(_ text: String) throws {
        if closed { throw StoreError.cannotWrite("standard output", reason: "it is closed") }
        try DescriptorWriter.standardOutput.write(text)
    }
}

/// Parses vocabulary values given on the command line, with the accepted ones in the error.
func parseVocabulary<T: VocabularyEnum>(_ text: String, _ type: T.Type, option: String) throws -> T {
    guard let v = T.parse(text) else {
        throw ValidationError("\(option) \"\(text)\" is not accepted; expected one of \(T.acceptedValues)")
    }
    return v
}

/// Resolves a province spelling or fails with suggestions. Where a need's province is
/// meant (`acceptsNational`), `national` (or `nationwide`, `toàn quốc`) is the whole country.
/// A former province, district, commune or ward resolves to its province with a note on
/// stderr ("Hòa Bình -> Phú Thọ, merged 1 July 2025").
func resolveProvince(_ text: String, _ reference: ReferenceData, option: String = "--province", acceptsNational: Bool = false) throws -> String {
    let (id, note) = try resolveProvinceNoted(text, reference, option: option, acceptsNational: acceptsNational)
    if let note { Diagnostics.note("\(option): \(note)") }
    return id
}

/// `resolveProvince`, returning the note instead of printing it.
func resolveProvinceNoted(_ text: String, _ reference: ReferenceData, option: String = "--province", acceptsNational: Bool = false) throws -> (id: String, note: String?) {
    if acceptsNational && Validator.isNational(text) { return (Need.national, nil) }
    if let r = reference.provinces.resolveWithNote(text) { return (r.unit.id, r.note) }
    do throws(Gazetteer.Unresolved) { return (try reference.provinces.require(text).id, nil) } catch {
        throw CLIError.usage("\(option): \(error)" + (acceptsNational ? "; or \"\(Need.national)\" for a nationwide need" : ""))
    }
}

extension StoreOptions {
    /// `--country` of the evidence commands: a two-letter ISO code.
    static func checkCountry(_ country: String?) throws {
        if let country, country.count != 2 || !country.allSatisfy(\.isLetter) {
            throw ValidationError("--country \"\(country)\" is not accepted; expected a two-letter ISO code such as VN")
        }
    }
}
