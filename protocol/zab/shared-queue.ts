// A FIFO queue for immutable peer state with structural sharing, so that enqueueing and dequeueing are O(1)
// instead of copying the whole queue (outstanding proposals, pending txns). Versions share one buffer and each
// sees only the entries in [head, tail); entries are never changed once written. Enqueueing onto the newest
// version pushes onto the shared buffer; enqueueing onto an older one copies its live entries first, and so does
// an enqueue once the dead prefix outweighs the live part (amortised O(1), bounded memory).
export interface SharedQueue<T> {
  /** Shared between versions; only entries in [head, tail) belong to this version. */
  readonly buffer: T[];
  readonly head: number;
  readonly tail: number;
}

const COMPACT_AFTER = 1_024;

export function emptyQueue<T>(): SharedQueue<T> {
  return { buffer: [], head: 0, tail: 0 };
}

export function queueOf<T>(items: readonly T[]): SharedQueue<T> {
  return { buffer: [...items], head: 0, tail: items.length };
}

export function enqueue<T>(queue: SharedQueue<T>, item: T): SharedQueue<T> {
  const wasteful = queue.head > COMPACT_AFTER && queue.head * 2 > queue.tail;
  if (queue.buffer.length === queue.tail && !wasteful) {
    queue.buffer.push(item);
    return { buffer: queue.buffer, head: queue.head, tail: queue.tail + 1 };
  }
  const buffer = queue.buffer.slice(queue.head, queue.tail);
  buffer.push(item);
  return { buffer, head: 0, tail: buffer.length };
}

export function dequeue<T>(queue: SharedQueue<T>): SharedQueue<T> {
  if (queue.head >= queue.tail) return queue;
  return { buffer: queue.buffer, head: queue.head + 1, tail: queue.tail };
}

export function peek<T>(queue: SharedQueue<T>): T | undefined {
  return queue.head < queue.tail ? queue.buffer[queue.head] : undefined;
}

/** The entry `offset` places after the head. */
export function queueAt<T>(queue: SharedQueue<T>, offset: number): T | undefined {
  const index = queue.head + offset;
  return offset >= 0 && index < queue.tail ? queue.buffer[index] : undefined;
}

export function queueSize<T>(queue: SharedQueue<T>): number {
  return queue.tail - queue.head;
}

export function queueItems<T>(queue: SharedQueue<T>): T[] {
  return queue.buffer.slice(queue.head, queue.tail);
}
