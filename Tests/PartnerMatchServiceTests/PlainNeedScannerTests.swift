import Testing
import PartnerMatchCore
@testable import PartnerMatchService

/// The fast path of batch scoring (`_PlainNeedScanner`) must change no outcome: every
/// record decodes to the same need, or fails with the same error, as the general path.
@Suite struct PlainNeedScannerTests {
    static let variants: [String] = [
        goodNeed,
        #"{"id":"p2","title":{"en":"Road","vi":"Đường"},"province":"son la","applicant":"province","sectors":[{"code":"21020","share":60},{"code":"14030","share":40}],"budgetUSD":2.5e6,"instrument":"grant","counterpartUSD":1000,"themes":["ethnic-minorities"],"date":"2024-05-01","stage":"idea","commune":"Chiềng Khương","formerDistrict":"Sông Mã","budgetInput":"VND 50 tỷ"}"#,
        #"  { "id" : "p3" , "title" : { "vi" : "X" } , "province" : "national" , "applicant" : "ngo" , "sectors" : [ { "share" : 100 , "code" : "12220" } ] , "budgetUSD" : 10 , "themes" : [ ] }  "#,
        #"{"id":"p4","title":{"vi":"A \"quoted\" title"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000}"#,
        #"{"id":"p5","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":"100%"}],"budgetUSD":5000}"#,
        #"{"id":"p6","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000,"id":"again"}"#,
        #"{"id":"p7","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":1e999}"#,
        #"{"id":"p8","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":05}"#,
        #"{"id":"p9","title":{"vi":"T"},"province":"Nowhere","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000}"#,
        #"{"id":"p10","title":{"vi":"T"},"province":"Sơn La","applicant":"boss","sectors":[{"code":"21020","share":100}],"budgetUSD":5000}"#,
        #"{"id":"p11","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000,"budjet":1}"#,
        #"{"id":"p12","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}]}"#,
        #"{"id":"p13","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000,"commune":null}"#,
        #"{"id":"p14","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":-0.0,"themes":["nope"]}"#,
        #"{"id":"p15","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000} x"#,
        #"{"id":"p16","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000,"beneficiaries":{"count":5}}"#,
        #"{"id":"p17","title":{},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000}"#,
        #"{"id":"p18","title":{"vi":"T"},"province":"Toàn quốc","applicant":"commune","sectors":[{"code":"21020","share":50},{"code":"21020","share":50}],"budgetUSD":5000}"#,
        #"{"id":"p19","title":{"vi":"T","vi":"U"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000}"#,
        #"{"id":"p20","title":{"vi":"T"},"province":"Sơn La","applicant":"commune","sectors":[{"code":"21020","share":100}],"budgetUSD":5000.,"instrument":"loan"}"#,
        #"[1,2]"#,
        #"{}"#,
    ]

    @Test func sameOutcomeAsTheGeneralPath() {
        let decoder = ProposalDecoder(file: "t.jsonl", reference: serviceReference)
        // Twice: the second pass answers from the spellings cached by the first.
        for _ in 0..<2 {
            for (i, text) in PlainNeedScannerTests.variants.enumerated() {
                for inArray in [false, true] {
                    let raw = RawProposal(index: i, line: i + 1, column: 1, payload: .json(Array(text.utf8), inArray: inArray))
                    let fast = decoder.decode(raw)
                    let general = decoder.decodeGenerally(raw)
                    #expect(fast.result == general.result, "\(text)")
                    #expect(fast.assumed == general.assumed, "\(text)")
                }
            }
        }
    }

    @Test func plainRecordsTakeTheFastPath() {
        #expect(_PlainNeedScanner.decode(Array(PlainNeedScannerTests.variants[1].utf8)) != nil)
        #expect(_PlainNeedScanner.decode(Array(PlainNeedScannerTests.variants[3].utf8)) == nil)  // an escape
    }
}
