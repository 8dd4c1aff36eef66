import Foundation
import PartnerMatchCore

/// A bounded hand-over of parsed activities from the parsing thread to the writing one,
/// in batches: parsing and writing each take about half of an import, so on two cores
/// they overlap. At most `capacity` batches wait, so memory stays flat.
final class ActivityPipe: @unchecked Sendable {
    enum Item {
        case batch([EvidenceActivity])
        case end(skippedByCountry: Int, warnings: EvidenceWarnings)
        case failed(XMLError)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private let capacity: Int
    private var cancelled = false
    private var producerDone = false

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room; false when the consumer gave up (stop producing).
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head { condition.wait() }
        let item = items[head]
        // Release the batch now, not when the array is next compacted: at most
        // `capacity` batches are held.
        items[head] = .batch([])
        head += 1
        if head > 64 { items.removeFirst(head); head = 0 }
        condition.broadcast()
        return item
    }

    /// The consumer stops: a waiting producer returns.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func markProducerDone() {
        condition.lock()
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the producer thread has returned (it uses the file).
    func waitForProducer() {
        condition.lock()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}

/// Hands a non-Sendable value to the one thread that uses it next.
final class HandOver<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
