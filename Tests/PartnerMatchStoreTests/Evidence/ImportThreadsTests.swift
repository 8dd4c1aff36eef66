import Testing
import PartnerMatchCore
@testable import PartnerMatchStore

/// An evidence import parsed on its own thread (the default) or on the writing thread
/// (`oneThread`, which the command line sets from PARTNERMATCH_IMPORT_THREADS=1) stores
/// the same thing.
@Suite struct ImportThreadsTests {
    typealias F = EvidenceStoreFixtures

    @Test(arguments: ["iati-2.03.xml", "iati-1.04.xml"])
    func oneThreadStoresWhatTwoDo(_ file: String) throws {
        var summaries: [EvidenceImportSummary] = []
        var stored: [[String: EvidenceSummary]] = []
        for oneThread in [false, true] {
            let (store, ctx) = try F.store()
            var counts: [Int] = []
            summaries.append(try store.importIATI(path: F.path(file), context: ctx, oneThread: oneThread) { counts.append($0) })
            // Progress rises to the number stored (after each activity on one thread, after
            // each batch on two).
            #expect(counts.last == summaries.last!.activities && zip(counts, counts.dropFirst()).allSatisfy { $0 < $1 }, "\(counts)")
            stored.append(try store.evidenceSummariesUncached())
        }
        #expect(summaries[0].activities > 0)
        #expect(summaries[0] == summaries[1])
        #expect(stored[0] == stored[1])
    }
}
