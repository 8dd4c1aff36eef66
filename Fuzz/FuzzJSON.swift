// libFuzzer target: the JSON parser and the decoder, through what reads JSON records
// (needs and partners files, JSON Lines) and rule files. Built by Fuzz/run.sh.
import Foundation
import PartnerMatchCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    if let value = try? JSONParser.parse(bytes) {
        _ = try? JSONValueDecoder(rejectUnknownKeys: true).decode(Need.self, from: value)
        _ = try? JSONValueDecoder(rejectUnknownKeys: true).decode(Partner.self, from: value)
        _ = try? JSONValueDecoder(rejectUnknownKeys: false).decode([String: [Double]].self, from: value)
    }
    let reader = RecordFile(reference: FuzzData.reference)
    _ = try? reader.needs(from: bytes, file: "f.json", format: .json)
    _ = try? reader.partners(from: bytes, file: "f.jsonl", format: .jsonl)
    _ = try? Rule.parse(bytes)
    return 0
}
