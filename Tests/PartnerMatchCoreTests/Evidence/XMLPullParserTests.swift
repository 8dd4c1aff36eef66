import Foundation
import Testing
@testable import PartnerMatchCore

@Suite struct XMLPullParserTests {
    func events(_ xml: String, chunk: Int = 1 << 20) throws(XMLError) -> [XMLEvent] {
        var p = XMLPullParser(source: MemoryByteSource(Array(xml.utf8), chunk: chunk), chunkSize: max(16, chunk))
        var out: [XMLEvent] = []
        while let e = try p.next() { out.append(e) }
        return out
    }

    func error(_ bytes: [UInt8]) -> XMLError? {
        var p = XMLPullParser(source: MemoryByteSource(bytes))
        do { while try p.next() != nil {} } catch { return error }
        return nil
    }

    func error(_ xml: String) -> XMLError? { error(Array(xml.utf8)) }

    @Test func readsElementsAttributesTextAndEntities() throws {
        let e = try events("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c --><a x='1' y=\"&lt;&amp;&#233;&#x1EA1;\"><b/>t&gt;<![CDATA[<raw>]]></a>")
        #expect(e == [
            .start(name: "a", attributes: [XMLAttribute(name: "x", value: "1"), XMLAttribute(name: "y", value: "<&éạ")]),
            .start(name: "b", attributes: []), .end(name: "b"), .text("t>"), .text("<raw>"), .end(name: "a"),
        ])
    }

    @Test(arguments: [16, 17, 31, 64, 1000])
    func tokensAcrossBufferBoundariesGiveTheSameEvents(chunk: Int) throws {
        let xml = "<root>" + (0..<40).map { "<item n=\"\($0)\" long=\"\(String(repeating: "ạ", count: $0))\">Sơn La \($0) &amp; more</item><!-- comment \($0) -->" }.joined() + "</root>"
        #expect(try events(xml, chunk: chunk) == (try events(xml)))
    }

    @Test func truncatedFileIsLocated() {
        let e = error("<a>\n  <b>text</b>\n  <c>")
        #expect(e?.message.contains("<c> is not closed") == true)
        #expect(e?.line == 3)
        #expect(error("<a><b x=\"1")?.message.contains("end of file") == true)
    }

    @Test func mismatchedTagsAreLocated() {
        let e = error("<a>\n<b></a>")
        #expect(e?.line == 2 && e?.column == 4)
        #expect(e?.message.contains("expected </b>") == true)
    }

    @Test func entityBombsAndExternalEntitiesAreRefused() {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """
        let e = error(bomb)
        #expect(e?.message.contains("declares entities; refused") == true)
        #expect(e?.line == 2)
        let external = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>"
        #expect(error(external)?.message.contains("refused") == true)
        #expect(error("<!DOCTYPE foo SYSTEM \"http://example.org/foo.dtd\"><foo/>")?.message.contains("external DTD") == true)
        #expect(error("<a>&undefined;</a>")?.message.contains("undeclared entity") == true)
        #expect(error("<!DOCTYPE iati-activities><iati-activities/>") == nil)
    }

    @Test func wrongEncodingsAreReportedNotMangled() {
        // "Sơn" in Latin-1 bytes is not UTF-8: é as 0xE9.
        let latin1: [UInt8] = Array("<a>caf".utf8) + [0xE9] + Array("</a>".utf8)
        let e = error(latin1)
        #expect(e?.message.contains("invalid UTF-8") == true)
        #expect(e?.line == 1 && e?.column == 7)
        #expect(error("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>")?.message.contains("expected UTF-8") == true)
        #expect(error([0xFF, 0xFE] + Array("<a/>".utf8))?.message.contains("UTF-16") == true)
    }

    @Test func otherMalformations() {
        #expect(error("")?.message.contains("empty") == true)
        #expect(error("<a></a><b/>")?.message.contains("second root") == true)
        #expect(error("<a x='1' x='2'/>")?.message.contains("twice") == true)
        #expect(error("<a>x</a>trailing")?.message.contains("after the end of the root") == true)
        #expect(error("<a x=1/>")?.message.contains("quoted value") == true)
        #expect(error("<a>\u{01}</a>")?.message.contains("control character") == true)
    }
}
