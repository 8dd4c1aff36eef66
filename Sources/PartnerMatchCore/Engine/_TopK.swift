/// The k best (score, partner index) pairs seen so far, best first, in a small sorted
/// buffer with a running threshold: most partners cost one comparison, and nothing
/// is sorted beyond k.
///
/// Partners arrive in ascending index (= id) order and only a strictly better score
/// enters a full buffer, so ties keep the smaller id, as the ranking promises.
struct _TopK {
    let k: Int
    /// Storage for k pairs, owned by the `_Workspace` (plain pointers: no uniqueness
    /// checks or retains on the insert path).
    let scores: UnsafeMutablePointer<Float>
    let indices: UnsafeMutablePointer<Int32>
    private(set) var count = 0
    /// The bit pattern of the k-th score once k are held; -1 (any eligible score) before.
    private var thresholdKey: Int32 = -1
    /// A key the k-th best is known to be above (see `scan`); -1 until a block says more.
    private var floorKey: Int32 = -1
    private(set) var excluded = 0

    init(k: Int, scores: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        self.k = max(k, 0)
        self.scores = scores
        self.indices = indices
    }

    mutating func reset() {
        count = 0
        thresholdKey = k > 0 ? -1 : .max
        floorKey = -1
        excluded = 0
    }

    /// Scans a block of scores for partners `start ..< start + m`.
    ///
    /// Scores are compared as the integers of their bit patterns, which order -1 (excluded)
    /// below 0 and keep the order of non-negative floats: integer compares vectorise on
    /// any x86-64. Each group of 32 scores is compared with the running threshold at once
    /// into a 32-bit mask (a few vector compares, ANDs and ORs); only the partners whose
    /// bit is set are looked at, one by one, and most groups have none. (A test of
    /// `(threshold - key) >> 31` would overflow for the -1 of an excluded partner.)
    ///
    /// The keys are read as `Float`s and converted with `bitPattern` (a register move),
    /// never by reading the Float memory as `Int32`: the buffer stays bound to `Float`.
    ///
    /// - Precondition: `out` holds `m` initialized scores, each -1 (excluded) or in
    ///   [0, 100] (never NaN, whose bit pattern would sort above every score); `scores`
    ///   and `indices` hold `k` slots each (the `_Workspace` allocates them with `k`).
    @inline(__always)
    mutating func scan(_ out: UnsafePointer<Float>, start: Int, count m: Int) {
        @inline(__always) func key(_ i: Int) -> Int32 { Int32(bitPattern: out[i].bitPattern) }
        var excludedHere: Int32 = 0
        for i in 0..<m { excludedHere &+= Int32(bitPattern: out[i].bitPattern >> 31) }
        excluded += Int(excludedHere)
        // A floor under the k-th best key before any insert: split the block into k
        // parts; their k maxima are k different partners, so the k-th best is at least
        // the least of them. Keys below it can never enter, so far fewer partners reach
        // the (mispredicted) insert path while the buffer fills. Excluded partners' -1
        // keeps the floor at -1 or below, where it changes nothing.
        if k > 0 && m >= 2 * k {
            var least = Int32.max
            for part in 0..<k {
                let from = m * part / k, to = m * (part + 1) / k
                var most = Int32.min
                for j in from..<to { most = max(most, key(j)) }
                least = min(least, most)
            }
            floorKey = max(floorKey, least &- 1)
        }
        let floor = floorKey
        // Local copies, written back at the end, so that the loop and the inserts keep
        // them in registers instead of reloading them after every store to the buffers.
        var threshold = max(thresholdKey, floor)
        var held = count
        let (k, scores, indices) = (self.k, self.scores, self.indices)
        var i = 0
        while i < m {
            var above: UInt32 = 0
            if m - i >= 32 {
                for j in 0..<32 { above |= (key(i + j) > threshold ? 1 : 0) << UInt32(j) }
            } else {
                for j in 0..<(m - i) { above |= (key(i + j) > threshold ? 1 : 0) << UInt32(j) }
            }
            while above != 0 {
                let j = i + above.trailingZeroBitCount
                above &= above &- 1
                // The threshold may have risen since the mask was taken.
                if key(j) > threshold {
                    threshold = max(_TopK.insert(out[j], Int32(start + j), k: k, scores: scores, indices: indices, count: &held), floor)
                }
            }
            i += 32
        }
        count = held
        thresholdKey = threshold
    }

    /// Inserts a pair into the `count` held ones (sorted, best first), dropping the
    /// k-th when full, and returns the threshold key: the k-th score's bit pattern when
    /// k are held, else -1.
    @inline(__always)
    private static func insert(_ s: Float, _ index: Int32, k: Int, scores: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>, count: inout Int) -> Int32 {
        var j = count < k ? count : k - 1
        if count < k { count += 1 }
        // Strictly less: an equal score, of a smaller id, stays ahead.
        while j > 0 && scores[j - 1] < s {
            scores[j] = scores[j - 1]
            indices[j] = indices[j - 1]
            j -= 1
        }
        scores[j] = s
        indices[j] = index
        return count == k ? Int32(bitPattern: scores[k - 1].bitPattern) : -1
    }

    /// The pairs, best first.
    var results: [(index: Int32, score: Float)] { (0..<count).map { (indices[$0], scores[$0]) } }
}
