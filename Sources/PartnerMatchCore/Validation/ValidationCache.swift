import Foundation  // NSLock

/// Spellings already resolved against the reference data (a province as written to its
/// id, a theme label to its id, a known sector code), shared by the threads that validate
/// one batch of needs.
///
/// Resolving a province folds its text (case, diacritics, `Đ`) and looks it up under
/// several keys; a batch of 100,000 proposals names the same few hundred spellings over
/// and over, so each is folded once. Only successes are kept: a spelling that fails is
/// resolved again, so that its error and suggestions are built exactly as without the
/// cache. Each table stops growing at `capacity` entries, so that an input of endless
/// distinct spellings keeps memory flat (the spellings past it are simply not cached).
public final class ValidationCache: @unchecked Sendable {
    public static let capacity = 4096

    private let lock = NSLock()
    private var provinces: [String: String] = [:]
    private var themes: [String: String] = [:]
    private var sectors: Set<String> = []

    public init() {}

    func province(_ text: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        return provinces[text]
    }

    func setProvince(_ text: String, _ id: String) {
        lock.lock(); defer { lock.unlock() }
        if provinces.count < ValidationCache.capacity { provinces[text] = id }
    }

    func theme(_ text: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        return themes[text]
    }

    func setTheme(_ text: String, _ id: String) {
        lock.lock(); defer { lock.unlock() }
        if themes.count < ValidationCache.capacity { themes[text] = id }
    }

    func isKnownSector(_ code: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return sectors.contains(code)
    }

    func addSector(_ code: String) {
        lock.lock(); defer { lock.unlock() }
        if sectors.count < ValidationCache.capacity { sectors.insert(code) }
    }
}
