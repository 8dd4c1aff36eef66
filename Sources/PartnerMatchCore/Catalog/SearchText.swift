/// The folded text that search matches against: names, aliases, abbreviations, ids.
public enum SearchText {
    public static func of(_ p: Partner) -> String {
        TextFolding.fold(([p.id, p.name.en ?? "", p.name.vi ?? ""] + p.aliases + p.iatiRefs).joined(separator: " | "))
    }

    public static func of(_ n: Need) -> String {
        TextFolding.fold([n.id, n.title.en ?? "", n.title.vi ?? "", n.commune ?? "", n.formerDistrict ?? ""].joined(separator: " | "))
    }
}
