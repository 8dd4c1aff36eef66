import Dispatch
import Foundation

/// Document ids of a qrels or run file, grouped by query: query ids are interned to `Int32`
/// indexes, and each query's documents occupy one contiguous range of entries whose names
/// are stored back to back in one byte arena.
struct _TrecDocumentTable: Sendable {
    /// Query ids, indexed by interned query number, in order of first appearance.
    var queryIDs: [String] = []
    /// Entries of query `q` are `queryStarts[q] ..< queryStarts[q + 1]`.
    var queryStarts: [Int] = [0]
    /// Name of entry `e` is `arena[nameStarts[e] ..< nameStarts[e + 1]]`.
    var nameStarts: [UInt32] = [0]
    var arena: [UInt8] = []

    var entryCount: Int { nameStarts.count - 1 }

    func entries(ofQuery q: Int) -> Range<Int> { queryStarts[q] ..< queryStarts[q + 1] }

    func name(ofEntry e: Int) -> String {
        String(decoding: arena[Int(nameStarts[e]) ..< Int(nameStarts[e + 1])], as: UTF8.self)
    }
}

/// Accumulates entries in file order, then groups them by query.
///
/// A run whose queries are scattered through the file (shards concatenated, or lines
/// shuffled) starts a new segment at nearly every line, so the per-line costs there are
/// kept to a hash of the query id's bytes (no `String`, no `Dictionary`), and grouping
/// is one counting sort with unchecked copies.
struct _TrecDocumentTableBuilder {
    private var queryIDs: [String] = []
    private var queries = _TrecQueryInterner()
    /// Runs of consecutive entries of one query: (query, first entry).
    private var segments: [(query: Int32, start: Int)] = []
    private var nameStarts: [UInt32] = [0]
    private var arena: [UInt8] = []
    /// Last query id seen, to skip the interner for consecutive lines of one query.
    private var lastQueryBytes: [UInt8] = []
    private var lastQuery: Int32 = -1
    /// False once some query's lines are interrupted by another query's.
    private(set) var isGrouped = true

    /// Reserving more than needed costs address space only: untouched pages are never mapped.
    init(estimatedEntries: Int, estimatedNameBytes: Int) {
        nameStarts.reserveCapacity(estimatedEntries + 1)
        arena.reserveCapacity(estimatedNameBytes)
    }

    var entryCount: Int { nameStarts.count - 1 }

    /// False if the joined names passed 4 GiB (offsets are 32-bit).
    var isWithinArenaLimit: Bool { arena.count <= Int(UInt32.max) }

    /// Appends one entry; false if the arena would pass 4 GiB.
    @inline(__always)
    mutating func append(query: UnsafePointer<UInt8>, queryLength: Int,
                         name: UnsafePointer<UInt8>, nameLength: Int) -> Bool {
        if lastQuery < 0 || lastQueryBytes.count != queryLength
            || !lastQueryBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, query, queryLength) == 0 }) {
            startSegment(query, queryLength)
        }
        arena.append(contentsOf: UnsafeBufferPointer(start: name, count: nameLength))
        guard arena.count <= Int(UInt32.max) else { return false }
        nameStarts.append(UInt32(truncatingIfNeeded: arena.count))
        return true
    }

    private mutating func startSegment(_ p: UnsafePointer<UInt8>, _ n: Int) {
        let buffer = UnsafeBufferPointer(start: p, count: n)
        let (q, isNew) = queries.intern(p, n)
        if isNew {
            queryIDs.append(String(decoding: buffer, as: UTF8.self))
        } else {
            isGrouped = false
        }
        lastQueryBytes.removeAll(keepingCapacity: true)
        lastQueryBytes.append(contentsOf: buffer)
        lastQuery = q
        segments.append((q, entryCount))
    }

    /// Joins builders of consecutive pieces of one file into one, as if one builder had read
    /// the whole file. Each part is released as soon as it is copied.
    static func concatenate(_ parts: inout [_TrecDocumentTableBuilder?]) -> _TrecDocumentTableBuilder {
        var whole = _TrecDocumentTableBuilder(estimatedEntries: 0, estimatedNameBytes: 0)
        let entries = parts.reduce(0) { $0 + ($1?.entryCount ?? 0) }
        let nameBytes = parts.reduce(0) { $0 + ($1?.arena.count ?? 0) }
        whole.nameStarts.reserveCapacity(entries + 1)
        whole.arena.reserveCapacity(nameBytes)
        whole.segments.reserveCapacity(parts.reduce(0) { $0 + ($1?.segments.count ?? 0) })
        var hasSegment: [Bool] = []
        for k in parts.indices {
            guard let part = parts[k] else { continue }
            parts[k] = nil
            let entryOffset = whole.entryCount
            let arenaOffset = UInt32(truncatingIfNeeded: whole.arena.count)
            var remap = [Int32](repeating: 0, count: part.queryIDs.count)
            for (local, id) in part.queryIDs.enumerated() {
                var id = id
                let (q, isNew) = id.withUTF8 { whole.queries.intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
                if isNew { whole.queryIDs.append(id) }
                remap[local] = q
            }
            hasSegment.append(contentsOf: repeatElement(false, count: whole.queryIDs.count - hasSegment.count))
            for (i, segment) in part.segments.enumerated() {
                let q = remap[Int(segment.query)]
                if i == 0 && q == whole.lastQuery { continue }  // a query cut by the split
                if hasSegment[Int(q)] { whole.isGrouped = false }
                hasSegment[Int(q)] = true
                whole.segments.append((q, entryOffset + segment.start))
                whole.lastQuery = q
            }
            if !part.isGrouped { whole.isGrouped = false }
            whole.arena.append(contentsOf: part.arena)
            part.nameStarts.withUnsafeBufferPointer { starts in
                for e in 1..<starts.count { whole.nameStarts.append(starts[e] &+ arenaOffset) }
            }
        }
        return whole
    }

    /// Groups the entries by query, keeping file order within a query.
    ///
    /// - Returns: the table and, when the file was not already grouped, `order` with
    ///   `order[e]` the file position of grouped entry `e`; per-entry values kept by the
    ///   caller must be permuted the same way.
    consuming func build() -> (table: _TrecDocumentTable, order: [Int32]?) {
        var table = _TrecDocumentTable()
        table.queryIDs = queryIDs
        let queryCount = queryIDs.count
        let total = entryCount
        let segments = self.segments
        // A counting sort of the segments by query: entries per query, then their offsets.
        var starts = [Int](repeating: 0, count: queryCount + 1)
        for i in segments.indices {
            let end = i + 1 < segments.count ? segments[i + 1].start : total
            starts[Int(segments[i].query) + 1] += end - segments[i].start
        }
        for q in 0..<queryCount { starts[q + 1] += starts[q] }
        table.queryStarts = starts
        if isGrouped {
            table.nameStarts = nameStarts
            table.arena = arena
            return (table, nil)
        }
        var order = [Int32](repeating: 0, count: total)
        var groupedStarts = [UInt32](repeating: 0, count: total + 1)
        var groupedArena = [UInt8](repeating: 0, count: arena.count)
        let arena = self.arena
        let nameStarts = self.nameStarts
        // Each query's names are copied to where its entries start; `next` is the next
        // grouped entry of each query. Unchecked pointers: this runs once per line.
        var next = Array(starts.dropLast())
        var byteNext = [UInt32](repeating: 0, count: queryCount)
        order.withUnsafeMutableBufferPointer { order in
        groupedStarts.withUnsafeMutableBufferPointer { groupedStarts in
        groupedArena.withUnsafeMutableBufferPointer { groupedArena in
        arena.withUnsafeBufferPointer { arena in
        nameStarts.withUnsafeBufferPointer { nameStarts in
        next.withUnsafeMutableBufferPointer { next in
        byteNext.withUnsafeMutableBufferPointer { byteNext in
            // First the bytes each query's names take, to place them.
            for i in segments.indices {
                let end = i + 1 < segments.count ? segments[i + 1].start : total
                let q = Int(segments[i].query)
                byteNext[q] &+= nameStarts[end] &- nameStarts[segments[i].start]
            }
            var offset: UInt32 = 0
            for q in 0..<queryCount {
                let size = byteNext[q]
                byteNext[q] = offset
                offset &+= size
            }
            let source = arena.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let target = groupedArena.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
            for i in segments.indices {
                let end = i + 1 < segments.count ? segments[i + 1].start : total
                let q = Int(segments[i].query)
                var g = next[q]
                var b = byteNext[q]
                for e in segments[i].start..<end {
                    let from = nameStarts[e]
                    let length = nameStarts[e + 1] &- from
                    (target + Int(b)).update(from: source + Int(from), count: Int(length))
                    b &+= length
                    order[g] = Int32(truncatingIfNeeded: e)
                    groupedStarts[g + 1] = b
                    g += 1
                }
                next[q] = g
                byteNext[q] = b
            }
        }}}}}}}
        table.nameStarts = groupedStarts
        table.arena = groupedArena
        return (table, order)
    }
}

/// Query ids interned by their bytes: an open-addressing table of indexes over the ids
/// stored back to back, so that looking up a query costs a hash and a compare.
struct _TrecQueryInterner {
    private var bytes: [UInt8] = []
    /// Id `q` is `bytes[starts[q] ..< starts[q + 1]]`.
    private var starts: [Int] = [0]
    private var slots: [Int32] = [Int32](repeating: -1, count: 64)
    private var hashes: [UInt64] = []

    /// The index of the id `p[0 ..< n]`, in order of first interning; a new id gets the
    /// next index.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> (index: Int32, isNew: Bool) {
        let h = _trecHashBytes(p, n)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let q = slots[i]
            if q < 0 { break }
            let k = Int(q)
            if hashes[k] == h && starts[k + 1] - starts[k] == n
                && bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + starts[k], p, n) == 0 }) {
                return (q, false)
            }
            i = (i + 1) & mask
        }
        let next = Int32(hashes.count)
        slots[i] = next
        hashes.append(h)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        starts.append(bytes.count)
        if 2 * hashes.count > slots.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for (k, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }
}

extension _TrecDocumentTable {
    /// The duplicate document that comes first in the file, if any: the file positions
    /// (0-based content-line indexes) of its first and its repeated occurrence.
    ///
    /// - Parameter order: the grouping permutation from the builder, nil if none.
    func firstDuplicate(order: [Int32]?) -> (first: Int, second: Int)? {
        let queryCount = queryIDs.count
        let chunkCount = entryCount < 100_000 ? 1 : min(queryCount, 4 * ProcessInfo.processInfo.activeProcessorCount)
        var found = [(first: Int, second: Int)?](repeating: nil, count: chunkCount)
        found.withUnsafeMutableBufferPointer { output in
            let output = _EvalUnsafeSendable(output)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                output.value[chunk] = firstDuplicate(
                    inQueries: queryCount * chunk / chunkCount ..< queryCount * (chunk + 1) / chunkCount, order: order)
            }
        }
        return found.compactMap { $0 }.min { $0.second < $1.second }
    }

    private func firstDuplicate(inQueries queries: Range<Int>, order: [Int32]?) -> (first: Int, second: Int)? {
        var table = _TrecNameHashTable()
        var found: (first: Int, second: Int)? = nil
        arena.withUnsafeBufferPointer { arenaBuffer in
            nameStarts.withUnsafeBufferPointer { starts in
                let base = arenaBuffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                for q in queries {
                    let range = entries(ofQuery: q)
                    table.reset(forCount: range.count)
                    for e in range {
                        let p = base + Int(starts[e])
                        let n = Int(starts[e + 1] - starts[e])
                        if let earlier = table.insert(entry: Int32(e), name: p, length: n, base: base, starts: starts) {
                            let first = order.map { Int($0[Int(earlier)]) } ?? Int(earlier)
                            let second = order.map { Int($0[e]) } ?? e
                            if found == nil || second < found!.second { found = (first, second) }
                            break
                        }
                    }
                    // Grouped files list queries in file order: the first hit is the earliest.
                    if found != nil && order == nil { break }
                }
            }
        }
        return found
    }
}

/// An open-addressing set of entry indexes keyed by their names, reused across queries.
struct _TrecNameHashTable {
    private var slots: [Int32] = []
    private var tags: [UInt32] = []
    private var mask = 0

    mutating func reset(forCount count: Int) {
        var capacity = 16
        while capacity < 2 * count { capacity <<= 1 }
        if slots.count != capacity {
            slots = [Int32](repeating: -1, count: capacity)
            tags = [UInt32](repeating: 0, count: capacity)
        } else {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        }
        mask = capacity - 1
    }

    /// Inserts `entry`; if an entry with the same name is present, returns it instead.
    @inline(__always)
    mutating func insert(entry: Int32, name p: UnsafePointer<UInt8>, length n: Int,
                         base: UnsafePointer<UInt8>, starts: UnsafeBufferPointer<UInt32>) -> Int32? {
        let h = _trecHashBytes(p, n)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let other = slots[i]
            if other < 0 {
                slots[i] = entry
                tags[i] = tag
                return nil
            }
            if tags[i] == tag {
                let o = Int(other)
                let on = Int(starts[o + 1] - starts[o])
                if on == n && memcmp(base + Int(starts[o]), p, n) == 0 { return other }
            }
            i = (i + 1) & mask
        }
    }

    /// The entry with this name, if present.
    @inline(__always)
    func find(name p: UnsafePointer<UInt8>, length n: Int,
              base: UnsafePointer<UInt8>, starts: UnsafeBufferPointer<UInt32>) -> Int32? {
        let h = _trecHashBytes(p, n)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let other = slots[i]
            if other < 0 { return nil }
            if tags[i] == tag {
                let o = Int(other)
                let on = Int(starts[o + 1] - starts[o])
                if on == n && memcmp(base + Int(starts[o]), p, n) == 0 { return other }
            }
            i = (i + 1) & mask
        }
    }
}

/// A fast 64-bit hash of a short byte string (a document id).
@inline(__always)
func _trecHashBytes(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    let raw = UnsafeRawPointer(p)
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
    var i = 0
    while i + 8 <= n {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
        tail |= UInt64(p[i]) << shift
        shift += 8
        i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 31
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 32
    return h
}

extension _TrecDocumentTable {
    /// Throws, located at its second line in the file, the first document listed twice
    /// for one query; `message(document, query, firstLine)` words it for qrels or runs.
    func rejectDuplicates(order: [Int32]?, in bytes: UnsafeRawBufferPointer, fileName: String,
                          message: (String, String, Int) -> String) throws(TrecFormatError) {
        guard let (first, second) = firstDuplicate(order: order) else { return }
        let lines = _TrecLineScanner.lineNumbers(ofContentLines: [first, second], in: bytes)
        let grouped = order.map { $0.firstIndex(of: Int32(second))! } ?? second
        let query = queryIDs[queryStarts.lastIndex(where: { $0 <= grouped })!]
        throw TrecFormatError(fileName: fileName, line: lines[1], message: message(name(ofEntry: grouped), query, lines[0]))
    }
}
