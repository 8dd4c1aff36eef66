// libFuzzer target: the amount syntax (`2.5M USD`, `12 tỷ VND`), the sector syntax
// (`31120:60, 14030`) and the evidence number formats. A sector list that parses must
// format and parse back to itself. Built by Fuzz/run.sh.
import Foundation
import PartnerMatchCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    _ = try? AmountSyntax.parse(text, rates: FuzzData.reference.rates)
    _ = try? AmountSyntax.parse(text, rates: nil, defaultCurrency: "VND")
    if let sectors = try? SectorSyntax.parse(text) {
        let again = try? SectorSyntax.parse(SectorSyntax.format(sectors))
        if again != sectors { fatalError("sector syntax does not round-trip: \(text.debugDescription) -> \(SectorSyntax.format(sectors).debugDescription)") }
    }
    for format in [EvidenceMapping.NumberFormat.standard, .init(decimal: ",", grouping: "."), .init(decimal: ".", grouping: ",")] {
        if let d = format.parse(text), !d.isFinite { fatalError("a number format gave \(d) for \(text.debugDescription)") }
    }
    return 0
}
