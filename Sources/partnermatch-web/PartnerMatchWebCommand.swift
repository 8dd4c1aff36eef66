import ArgumentParser
import Foundation
import Hummingbird
import PartnerMatchCore
import PartnerMatchWeb

/// `partnermatch-web`: the local web desk. Parses the flags, opens the catalog and serves
/// `WebDesk`'s pages until interrupted.
@main
struct PartnerMatchWebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnermatch-web",
        abstract: "Serve the local web desk: needs, rankings, partners, briefs and CSV in a browser.",
        discussion: "Listens on 127.0.0.1 (this machine only) unless --host says otherwise. Read-only unless --allow-writes. Stop it with Ctrl-C.")

    @Option(name: .long, help: ArgumentHelp("The catalog database (else $PARTNERMATCH_DB, else ~/.local/share/partnermatch/catalog.sqlite), as partnermatch.", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The bundled data folder (else $PARTNERMATCH_DATA, else the package's Data/).", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port, printed at start).", valueName: "port"))
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("The address to listen on; 0.0.0.0 opens the desk to the network.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Allow adding and editing needs through the forms.")
    var allowWrites = false

    @Option(name: .long, help: ArgumentHelp("The language of pages without ?lang=: en or vi.", valueName: "lang"))
    var lang: Language = .en

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is out of range; expected 0 to 65535") }
        guard !host.isEmpty else { throw ValidationError("--host is empty; expected an address such as 127.0.0.1") }
    }

    func run() async throws {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
        let configuration = WebConfiguration(databasePath: db, dataPath: data, allowWrites: allowWrites, defaultLanguage: lang,
                                             environment: ProcessInfo.processInfo.environment, executablePath: executable)
        let desk: Desk
        do {
            desk = try Desk.open(configuration) { note($0) }
            try desk.warmUp()
        } catch {
            note("error: \(error)")
            throw ExitCode.failure
        }
        let (host, allowWrites) = (host, allowWrites)
        let app = Application(
            router: WebDesk.router(desk: desk),
            configuration: .init(address: .hostname(host, port: port), serverName: "partnermatch-web"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                note("serving the web desk on http://\(host):\(port)/ (\(desk.partnerCount) partners, \(desk.needCount) needs, \(allowWrites ? "writes allowed" : "read-only")); Ctrl-C stops it")
            })
        try await app.runService()
    }
}

extension Language: ExpressibleByArgument {}

/// A line on stderr, as the CLI's notes.
func note(_ text: String) {
    FileHandle.standardError.write(Data(("partnermatch-web: " + text + "\n").utf8))
}
