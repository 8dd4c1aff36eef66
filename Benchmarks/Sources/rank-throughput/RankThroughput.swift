import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import PartnerMatchCore
import SyntheticCatalog

/// Prints pair-scores per second of the ranking engine's scoring loop (top 10 per need)
/// on 1 and 2 threads, median of 3: 100,000 needs against 1,000 synthetic partners,
/// scored with the bundled default rule (`Data/rules/default.json`) without evidence and
/// with evidence for one partner in three, then with the first default rule's seven
/// stated features (the benchmark's rule until default 1.1).
///
///     swift run -c release rank-throughput [needs] [partners]
///
/// Each line ends with a hash of the bit patterns of every score of the first 2,000
/// needs (all partners, before the top 10): two builds that print the same hash scored
/// those pairs bit for bit alike.
@main
struct RankThroughput {
    /// CPU time of the whole process, all threads: on a shared machine it shows the
    /// per-core rate that wall-clock time hides.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// FNV-1a over the bit patterns of every score of `needs` (at most 2,000).
    static func scoresHash(_ catalog: CompiledCatalog, _ needs: ArraySlice<CompiledNeed>) -> UInt64 {
        let n = catalog.partners.count
        let row = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
        defer { row.deallocate() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for need in needs {
            catalog.scoreAll(need, into: row)
            for i in 0..<n { hash = (hash ^ UInt64(row[i].bitPattern)) &* 0x0000_0100_0000_01B3 }
        }
        return hash
    }

    static func main() {
        let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let needCount = args.first ?? 100_000
        let partnerCount = args.dropFirst().first ?? 1_000
        let partners = SyntheticCatalog.partners(partnerCount)
        let reference = SyntheticCatalog.reference()
        let bundled = SyntheticCatalog.bundledDefaultRule()
        let cases: [(name: String, catalog: CompiledCatalog)] = [
            ("default \(bundled.version), no evidence", CompiledCatalog(partners: partners, reference: reference, rule: bundled)),
            ("default \(bundled.version), evidence 1 in 3", CompiledCatalog(partners: partners, reference: reference, rule: bundled, evidence: SyntheticCatalog.evidence(for: partners))),
            ("7 stated features", CompiledCatalog(partners: partners, reference: reference, rule: SyntheticCatalog.defaultRule())),
        ]
        let needs = SyntheticCatalog.needs(needCount)
        let pairs = Double(needCount) * Double(partnerCount)
        print("\(needCount) needs x \(partnerCount) partners, top 10, median of 3")
        for (name, catalog) in cases {
            let compiled = needs.map(catalog.compile)
            let hash = scoresHash(catalog, compiled.prefix(2_000))
            var single = 0.0
            for threads in [1, 2] {
                _ = catalog.topMatches(Array(compiled.prefix(2_000)), top: 10, threads: threads)  // warm up
                var rates: [Double] = []
                var cpuRates: [Double] = []
                var checksum = 0
                for _ in 0..<3 {
                    let cpuStart = cpuSeconds()
                    let start = DispatchTime.now().uptimeNanoseconds
                    let result = catalog.topMatches(compiled, top: 10, threads: threads)
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    let cpu = cpuSeconds() - cpuStart
                    checksum &+= result.reduce(0) { $0 &+ ($1.first?.partner ?? 0) }
                    rates.append(pairs / seconds)
                    cpuRates.append(pairs / cpu)
                }
                let median = rates.sorted()[1]
                let perCPUSecond = cpuRates.sorted()[1]
                if threads == 1 { single = median }
                let speedup = threads == 1 ? "" : String(format: " (%.2fx one thread)", median / single)
                print("\(name), \(threads) thread\(threads == 1 ? ": " : "s:") \(Int((median / 1e6).rounded())) M pair-scores/s\(speedup); \(Int((perCPUSecond / 1e6).rounded())) M per CPU-second  [top-1 checksum \(checksum % 1000), scores hash \(String(hash, radix: 16))]")
            }
        }
    }
}
