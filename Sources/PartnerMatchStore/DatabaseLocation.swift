import Foundation

/// Where the catalog database lives when no `--db` is given, for every front end (the
/// command line and the web desk see one catalog): `$PARTNERMATCH_DB`, else
/// `$XDG_DATA_HOME/partnermatch/catalog.sqlite`, else
/// `$HOME/.local/share/partnermatch/catalog.sqlite`. The caller passes its environment in:
/// this library reads none.
public enum DatabaseLocation {
    public static func defaultPath(environment env: [String: String]) -> String {
        if let p = env["PARTNERMATCH_DB"], !p.isEmpty { return p }
        // $HOME first, as the XDG convention says: on Linux, Foundation's
        // NSHomeDirectory() reads the password database and ignores $HOME.
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.local/share")
        return base + "/partnermatch/catalog.sqlite"
    }
}
