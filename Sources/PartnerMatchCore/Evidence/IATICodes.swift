/// The IATI codelists the reader interprets, in both spellings: 1.0x words and letters
/// (`role="Funding"`, transaction type `C`, sector vocabulary `DAC`) and 2.0x numeric
/// codes (`role="1"`, `2`, `1`). From the codelists of IATI standard 2.03
/// (`OrganisationRole`, `TransactionType`, `ActivityStatus`, `ActivityDateType`,
/// `SectorVocabulary`, `FinanceType`, `AidType`) and the 1.0x names they replaced.
public enum IATICodes {
    public static func role(_ text: String) -> OrgRole? {
        switch text.trimmedSpaces.lowercased() {
        case "1", "funding": return .funding
        case "2", "accountable": return .accountable
        case "3", "extending": return .extending
        case "4", "implementing": return .implementing
        default: return nil
        }
    }

    public static func transactionKind(_ code: String) -> TransactionKind {
        switch code.trimmedSpaces.uppercased() {
        case "1", "IF": return .incomingFunds
        case "2", "C": return .commitment
        case "3", "D": return .disbursement
        case "4", "E": return .expenditure
        case "5", "IR": return .interestRepayment
        case "6", "LR": return .loanRepayment
        case "7", "R": return .reimbursement
        case "8", "QP": return .purchaseOfEquity
        case "9", "QS": return .saleOfEquity
        case "10", "CG": return .creditGuarantee
        case "11": return .incomingCommitment
        case "12": return .outgoingPledge
        case "13": return .incomingPledge
        default: return .other
        }
    }

    static let statusNames = ["1": "Pipeline/identification", "2": "Implementation", "3": "Finalisation", "4": "Closed", "5": "Cancelled", "6": "Suspended"]

    /// A status from a 2.0x code or a 1.0x label (`Implementation`, `Completion`).
    public static func status(code: String?, text: String?) -> ActivityStatus? {
        let c = code?.trimmedSpaces, t = text?.trimmedSpacesAndNewlines
        if let c, let name = statusNames[c] { return ActivityStatus(code: c, text: (t?.isEmpty == false) ? t : name) }
        guard let t, !t.isEmpty else { return (c?.isEmpty == false) ? ActivityStatus(code: c, text: nil) : nil }
        let f = TextFolding.fold(t)
        let byWord: [String: String] = ["pipeline": "1", "identification": "1", "pipeline identification": "1", "implementation": "2",
                                        "finalisation": "3", "completion": "3", "post completion": "4", "closed": "4", "completed": "4",
                                        "cancelled": "5", "canceled": "5", "suspended": "6"]
        return ActivityStatus(code: byWord[f] ?? c, text: t)
    }

    public static func dateKind(_ type: String) -> ActivityDate.Kind? {
        switch type.trimmedSpaces.lowercased() {
        case "1", "start-planned": return .startPlanned
        case "2", "start-actual": return .startActual
        case "3", "end-planned": return .endPlanned
        case "4", "end-actual": return .endActual
        default: return nil
        }
    }

    /// Normalises a sector vocabulary to 2.0x codes: `DAC` -> `1`, `DAC-3` -> `2`;
    /// absent means `1` (the default of both versions).
    public static func sectorVocabulary(_ v: String?) -> String {
        guard let v = v?.trimmedSpaces, !v.isEmpty else { return "1" }
        switch v.uppercased() {
        case "DAC", "1": return "1"
        case "DAC-3", "2": return "2"
        default: return v
        }
    }

    /// Whether an `aid-type` or `default-aid-type` element is of the OECD DAC
    /// vocabulary (`1`, the default when absent), the one `instrument(aidType:)` reads;
    /// 2.03's other vocabularies (earmarking categories and modalities, cash and voucher
    /// modalities) reuse codes such as `1` and `A01` for other things.
    public static func isDACAidTypeVocabulary(_ v: String?) -> Bool {
        guard let v = v?.trimmedSpaces, !v.isEmpty else { return true }
        return v == "1"
    }

    /// Technical assistance and training from the aid type (D01 donor personnel, D02
    /// other technical assistance, E01 scholarships and training, E02 student costs).
    public static func instrument(aidType: String) -> Instrument? {
        switch aidType.trimmedSpaces.uppercased() {
        case "D01", "D02", "D": return .technicalAssistance
        case "E01", "E02", "E": return .training
        default: return nil
        }
    }

    /// Grant, loan or equity from the finance type: 1xx grants, 4xx loans (IATI does not
    /// say whether a loan is concessional; ODA loans reported to IATI are, so 4xx is
    /// read as concessional), 5xx equity.
    public static func instrument(financeType: String) -> Instrument? {
        let t = financeType.trimmedSpaces
        guard let first = t.first, t.count >= 3, t.allSatisfy(\.isNumber) else { return nil }
        switch first {
        case "1": return .grant
        case "4": return .concessionalLoan
        case "5": return .equity
        default: return nil
        }
    }
}
