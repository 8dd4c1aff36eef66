import Foundation
import Testing
import PartnerMatchCore
@testable import PartnerMatchService

/// Issue 14, items 8 and 10: JSON-RPC framing as the specification says, and no
/// request that stalls the server.
@Suite struct RPCProtocolTests {
    /// A server with `echo` (answers the number of params members) and `count`
    /// (counts its calls, for notifications).
    final class Fixture {
        let server = RPCServer()
        var calls = 0
        init() {
            server.register("echo") { params throws(JSONRPC.Failure) in
                if case .object(let m)? = params?.node { return "\(m.count)" }
                return "0"
            }
            server.register("count") { _ throws(JSONRPC.Failure) in self.calls += 1; return "\(self.calls)" }
        }
        func answer(_ line: String) -> String? { server.handle(line: Array(line.utf8)) }
    }

    @Test(arguments: [
        (#"{}"#, #""jsonrpc\" must be \"2.0\""#),
        (#"{"jsonrpc":"2.0","method":1,"params":"bar"}"#, #""method\" must be a string, found a number"#),
        (#"{"jsonrpc":"2.0","method":"echo","params":"bar"}"#, #""params\" must be an object or an array, found a string"#),
        (#"{"jsonrpc":"2.0","method":"echo","extra":true}"#, #"unknown member \"extra\""#),
        (#"{"jsonrpc":"1.0","method":"echo"}"#, #""jsonrpc\" must be \"2.0\""#),
        (#"{"jsonrpc":"2.0"}"#, #"missing \"method\""#),
    ])
    func invalidRequestsWithoutIDAreAnsweredWithNullID(_ line: String, _ message: String) throws {
        let a = try #require(Fixture().answer(line), "no answer to \(line)")
        #expect(a.hasPrefix(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: "#), "\(a)")
        #expect(a.contains(message), "\(a)")
    }

    @Test func wellFormedNotificationsAreNotAnswered() {
        let f = Fixture()
        #expect(f.answer(#"{"jsonrpc":"2.0","method":"count"}"#) == nil)
        #expect(f.calls == 1)
        #expect(f.answer(#"{"jsonrpc":"2.0","method":"no.such.method"}"#) == nil)
        // In a batch: only the invalid one is answered.
        #expect(f.answer(#"[{"jsonrpc":"2.0","method":"count"},{"method":"count"}]"#) == #"[{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: \"jsonrpc\" must be \"2.0\""}}]"#)
        #expect(f.calls == 2)
    }

    @Test func repeatedMemberNamesAreInvalidRequestsNotParseErrors() throws {
        let f = Fixture()
        let a = try #require(f.answer(#"{"jsonrpc":"2.0","id":1,"id":2,"method":"echo"}"#))
        #expect(a == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: member \"id\" appears twice in one object at line 1, column 25; expected each member name once","data":{"column":"25","line":"1"}}}"#)
        // NFC and NFD spellings of one name are one name.
        let nested = try #require(f.answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"t\u{1EBF}\":1,\"te\u{0302}\u{0301}\":2}}"))
        #expect(nested.contains("\"code\":-32600") && nested.contains("appears twice"), "\(nested)")
        // Repeated and broken: the line is not JSON.
        let broken = try #require(f.answer(#"{"jsonrpc":"2.0","id":1,"id":2,"method":"echo""#))
        #expect(broken.contains("\"code\":-32700"), "\(broken)")
    }

    /// 65,000 members took 11.6 s with a pairwise duplicate check.
    @Test func anObjectOf65000MembersIsCheckedCorrectly() throws {
        let f = Fixture()
        let members = (0..<65_000).map { "\"k\($0)\":\($0)" }
        let ok = try #require(f.answer(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"# + members.joined(separator: ",") + "}}"))
        #expect(ok == #"{"jsonrpc":"2.0","id":1,"result":65000}"#)
        let repeated = try #require(f.answer(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"# + members.joined(separator: ",") + #","k31999":0}}"#))
        #expect(repeated.contains("\"code\":-32600") && repeated.contains("member \\\"k31999\\\" appears twice"), "\(repeated.prefix(300))")
        // The parser alone, both policies.
        let text = "{" + members.joined(separator: ",") + ",\"k0\":1}"
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch { #expect(error.duplicateMember == "k0") }
        let allowed = try JSONParser.parse(Array(text.utf8), duplicateMembers: .allow)
        if case .object(let m) = allowed.node { #expect(m.count == 65_001) } else { Issue.record("not an object") }
    }

    @Test func longIDsGetNoSuggestionsAndShortOnesDo() {
        #expect(TextFolding.nearest(String(repeating: "ab", count: 400_000), among: ["ab", "abab"]).isEmpty)
        #expect(TextFolding.nearest("sla-road-1", among: ["sla-road-01", "sla-tea-03"]).first == "sla-road-01")
    }
}
