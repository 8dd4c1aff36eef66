import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import PartnerMatchCore
import SyntheticCatalog

/// Prints pair-scores per second of the ranking engine's scoring loop (top 10 per need)
/// on 1 and 2 threads: 100,000 needs against 1,000 synthetic partners, median of 3.
///
///     swift run -c release rank-throughput [needs] [partners]
@main
struct RankThroughput {
    /// CPU time of the whole process, all threads: on a shared machine it shows the
    /// per-core rate that wall-clock time hides.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func main() {
        let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let needCount = args.first ?? 100_000
        let partnerCount = args.dropFirst().first ?? 1_000
        let catalog = CompiledCatalog(partners: SyntheticCatalog.partners(partnerCount), reference: SyntheticCatalog.reference(), rule: SyntheticCatalog.defaultRule())
        let needs = SyntheticCatalog.needs(needCount).map(catalog.compile)
        let pairs = Double(needCount) * Double(partnerCount)
        var single = 0.0
        for threads in [1, 2] {
            _ = catalog.topMatches(Array(needs.prefix(2_000)), top: 10, threads: threads)  // warm up
            var rates: [Double] = []
            var cpuRates: [Double] = []
            var checksum = 0
            for _ in 0..<3 {
                let cpuStart = cpuSeconds()
                let start = DispatchTime.now().uptimeNanoseconds
                let result = catalog.topMatches(needs, top: 10, threads: threads)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let cpu = cpuSeconds() - cpuStart
                checksum &+= result.reduce(0) { $0 &+ ($1.first?.partner ?? 0) }
                rates.append(pairs / seconds)
                cpuRates.append(pairs / cpu)
            }
            let median = rates.sorted()[1]
            let perCPUSecond = cpuRates.sorted()[1]
            if threads == 1 { single = median }
            let speedup = threads == 1 ? "" : String(format: "  (%.2fx one thread)", median / single)
            print("\(threads) thread\(threads == 1 ? " " : "s"): \(Int((median / 1e6).rounded())) M pair-scores/s, \(needCount) needs x \(partnerCount) partners, top 10\(speedup); \(Int((perCPUSecond / 1e6).rounded())) M per CPU-second  [checksum \(checksum % 1000)]")
        }
    }
}
