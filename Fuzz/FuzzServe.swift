// libFuzzer target: one `serve` line through the JSON-RPC server, with methods that
// decode their params as the real ones do and rank a need against the bundled
// catalog. Built by Fuzz/run.sh.
import Foundation
import PartnerMatchCore

struct FuzzRankParams: Decodable {
    var need: Need
    var top: Int?
    var explain: Bool?
}

struct FuzzSectorParams: Decodable {
    var text: String
}

let fuzzServer: RPCServer = {
    let server = RPCServer()
    server.register("version") { (params: JSONValue?) throws(JSONRPC.Failure) -> String in
        struct None: Decodable {}
        _ = try RPCParams.decode(None.self, params)
        return "\"fuzz\""
    }
    server.register("rank") { (params: JSONValue?) throws(JSONRPC.Failure) -> String in
        let p = try RPCParams.decode(FuzzRankParams.self, params)
        let need: Need
        do { need = try Validator(reference: FuzzData.reference).validate(p.need) } catch {
            throw JSONRPC.Failure(.invalidParams, "Invalid params: \(error)")
        }
        let ranking = FuzzData.catalog.rank(need, top: max(1, min(p.top ?? 10, 100)), explain: p.explain ?? false)
        return try JSONRPC.encode(ranking.entries.map(\.partnerID))
    }
    server.register("sectors.parse") { (params: JSONValue?) throws(JSONRPC.Failure) -> String in
        let p = try RPCParams.decode(FuzzSectorParams.self, params)
        let shares: [SectorShare]
        do { shares = try SectorSyntax.parse(p.text) } catch {
            throw JSONRPC.Failure(.invalidParams, "Invalid params: \(error)")
        }
        return try JSONRPC.encode(SectorSyntax.format(shares))
    }
    return server
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServe(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = fuzzServer.handle(line: fuzzBytes(data, size), number: 1)
    return 0
}
