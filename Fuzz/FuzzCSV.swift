// libFuzzer target: the CSV reader (streamed in small chunks, so records cross chunk
// boundaries), the CSV record files and an evidence mapping reading the CSV. Built by
// Fuzz/run.sh.
import Foundation
import PartnerMatchCore

let fuzzMapping: EvidenceMapping = {
    let json = """
        {"numberFormat": {"decimal": ",", "grouping": "."},
         "fixed": {"funderName": "World Bank", "currency": "USD", "recipientCountry": "VN"},
         "columns": {"id": "id", "title": "title", "commitment": {"column": "amount", "multiplier": 1000000},
                     "startDate": {"column": "date", "date": "M/D/YYYY"}, "provinces": {"column": "provinces", "separator": "|"},
                     "sector": {"column": "sector", "separator": ";"}}}
        """
    do { return try EvidenceMapping.parse(Array(json.utf8), file: "fuzz-map.json") } catch { fatalError("fuzz setup: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var reader = CSV.Reader(source: MemoryByteSource(bytes, chunk: 7), chunkSize: 5)
    var records = 0
    do { while try reader.next() != nil { records += 1 } } catch {}
    let file = RecordFile(reference: FuzzData.reference)
    _ = try? file.needs(from: bytes, file: "f.csv", format: .csv)
    _ = try? file.partners(from: bytes, file: "f.csv", format: .csv)
    _ = try? fuzzMapping.read(MemoryByteSource(bytes, chunk: 13), file: "f.csv", context: FuzzData.evidenceContextVN) { _ in }
    return 0
}
