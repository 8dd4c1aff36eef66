import Foundation
import PartnerMatchStore

/// What the command line takes from the environment and the running program, read here
/// only: the libraries take these as arguments.
enum ProgramEnvironment {
    static var variables: [String: String] { ProcessInfo.processInfo.environment }

    /// `PARTNERMATCH_DATA`: the data folder, when `--data` is not given.
    static var dataFolder: String? { variables["PARTNERMATCH_DATA"] }

    /// `PARTNERMATCH_MAX_PAGE_COUNT`: caps the database at that many pages (a full disk on
    /// purpose, for the tests of a write that runs out of room).
    static var maxPageCount: Int? { variables["PARTNERMATCH_MAX_PAGE_COUNT"].flatMap { Int($0) } }

    /// `PARTNERMATCH_IMPORT_THREADS=1`: parse and write an evidence import on one thread
    /// (less CPU in all; slower when a second core is free).
    static var importOnOneThread: Bool { variables["PARTNERMATCH_IMPORT_THREADS"] == "1" }

    /// Threads for work that the command offers no option for (eval's rankings, the
    /// rankings of one `serve` request): every core.
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The running program's path, for the data folder beside it.
    static var executablePath: String? {
        #if os(Linux)
            return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
        #else
            return Bundle.main.executablePath
        #endif
    }
}

extension DataDirectory {
    /// The data folder: `--data`, else `PARTNERMATCH_DATA`, else beside this program.
    static func locate(explicit: String?) throws(StoreError) -> DataDirectory {
        try locate(explicit: explicit, environment: ProgramEnvironment.dataFolder, executable: ProgramEnvironment.executablePath)
    }
}
