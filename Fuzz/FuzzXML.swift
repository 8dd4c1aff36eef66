// libFuzzer target: the streaming XML parser and the IATI reader over it, fed in small
// chunks so that tokens cross chunk boundaries. Built by Fuzz/run.sh.
import Foundation
import PartnerMatchCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var parser = XMLPullParser(source: MemoryByteSource(bytes, chunk: 11), chunkSize: 64)
    var events = 0
    do { while try parser.next() != nil { events += 1 } } catch {}
    var reader = IATIReader(source: MemoryByteSource(bytes, chunk: 17), context: FuzzData.evidenceContext, chunkSize: 64)
    do { while let a = try reader.next() { _ = a.value; _ = a.instrument; _ = a.startDate } } catch {}
    return 0
}
