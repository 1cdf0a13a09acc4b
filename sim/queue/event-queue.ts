// The kernel's event queue: a binary min-heap ordered by (time, seq). `seq` is a global insertion counter,
// so events at equal times run in the order they were scheduled and the order is total (DESIGN.md).

/** What the queue needs of an event; the kernel's events carry more. */
export interface Timed {
  readonly time: number;
  /** Assigned by the queue on push. */
  seq: number;
}

export class EventQueue<E extends Timed> {
  readonly #heap: E[] = [];
  #nextSeq = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** The number of events ever pushed: the next event's `seq`. */
  get pushed(): number {
    return this.#nextSeq;
  }

  push(event: E): void {
    event.seq = this.#nextSeq++;
    const heap = this.#heap;
    heap.push(event);
    this.#siftUp(heap.length - 1);
  }

  peek(): E | undefined {
    return this.#heap[0];
  }

  pop(): E | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  #siftUp(start: number): void {
    const heap = this.#heap;
    const item = heap[start] as E;
    let i = start;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as E;
      if (!isBefore(item, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = item;
  }

  #siftDown(start: number): void {
    const heap = this.#heap;
    const size = heap.length;
    const item = heap[start] as E;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      let childItem = heap[left] as E;
      if (right < size) {
        const rightItem = heap[right] as E;
        if (isBefore(rightItem, childItem)) {
          child = right;
          childItem = rightItem;
        }
      }
      if (!isBefore(childItem, item)) break;
      heap[i] = childItem;
      i = child;
    }
    heap[i] = item;
  }
}

/** The total order of events: earlier time first, then earlier insertion. Never equal for two events. */
export function isBefore(a: Timed, b: Timed): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
