import ArgumentParser
import Foundation
import PartnerMatchCore
import PartnerMatchStore

extension PartnerMatchCommand.Partners {
    /// `partnermatch partners profile ID`: what the partner's past projects say.
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A partner's record from imported evidence: value by year, sectors, tickets, provinces, latest activities.",
            discussion: "Projects published by two sources are counted once. --until YEAR uses only evidence up to that year.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument(help: "The partner id (see 'partners list').") var id: String
        @Option(help: ArgumentHelp("Only activities that started in or before this year.", valueName: "year")) var until: Int?
        @Option(help: ArgumentHelp("How many latest activities to show.", valueName: "n")) var latest = 10

        func run() throws {
            let ctx = try store.open()
            let partner = try ctx.store.requirePartner(id: id)
            let profile = EvidenceProfile.compute(try ctx.store.evidenceActivities(partnerID: id), until: until, latest: latest)
            let views = EvidenceViews(reference: ctx.reference, language: output.lang)
            switch output.format {
            case .json: try Output.write(try CanonicalJSON.string(profile, pretty: true) + "\n")
            case .jsonl: try Output.write(try CanonicalJSON.string(profile) + "\n")
            case .csv:
                let (_, table) = views.profileSections(profile)[0]
                try Output.write(table.render(.csv, bom: output.bom))
            case .table, .markdown:
                let name = (output.lang == .vi ? partner.name.vi : partner.name.en) ?? partner.name.en ?? partner.name.vi ?? id
                try Output.write(views.profileText(partnerID: id, name: name, profile, format: output.format))
            }
        }
    }
}
