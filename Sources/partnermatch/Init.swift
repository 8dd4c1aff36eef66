import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

extension PartnerMatchCommand {
    /// `partnermatch init`: creates the database from the bundled data.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the catalog database from the bundled data.",
            discussion: "Refuses to touch an existing catalog unless --force is given; with --force the partners and needs are replaced in one transaction.")

        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "Replace the partners and needs of an existing database.")
        var force = false

        func run() throws {
            let dir = try store.dataDirectory()
            let reference = try dir.loadReference()
            let (partners, needs) = try dir.loadBundledCatalog(reference: reference)
            let path = store.databasePath
            if FileManager.default.fileExists(atPath: path) {
                let existing = try CatalogStore.open(path: path, maxPageCount: ProgramEnvironment.maxPageCount)
                let (p, n) = try existing.counts()
                if (p > 0 || n > 0) && !force {
                    throw CLIError("\(path) already holds a catalog (\(p) partners, \(n) needs); expected --force to replace it")
                }
                try existing.replaceCatalog(partners: partners, needs: needs, meta: ["created-from": dir.path])
            } else {
                let created = try CatalogStore.open(path: path, maxPageCount: ProgramEnvironment.maxPageCount)
                try created.replaceCatalog(partners: partners, needs: needs, meta: ["created-from": dir.path])
            }
            try Output.write("initialised \(path): \(partners.count) partners, \(needs.count) needs from \(dir.path)\n")
        }
    }
}
