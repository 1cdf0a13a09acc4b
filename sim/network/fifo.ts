// The messages of one connection direction, oldest first: a ring buffer of (message, arrival time) pairs.
// Slots are cleared as messages leave, so nothing delivered stays reachable (long-lived garbage would cost
// the collector more than the simulation itself).

export class MessageFifo {
  #messages: unknown[] = new Array(4);
  #arrivals: number[] = new Array(4).fill(0);
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(message: unknown, arriveUs: number): void {
    if (this.#length === this.#messages.length) this.#grow();
    const slot = (this.#head + this.#length) & (this.#messages.length - 1);
    this.#messages[slot] = message;
    this.#arrivals[slot] = arriveUs;
    this.#length++;
  }

  /** Arrival time of the oldest message; only valid when the queue is not empty. */
  headArrival(): number {
    return this.#arrivals[this.#head] as number;
  }

  /** Removes and returns the oldest message; only valid when the queue is not empty. */
  shift(): unknown {
    const head = this.#head;
    const message = this.#messages[head];
    this.#messages[head] = undefined;
    this.#head = (head + 1) & (this.#messages.length - 1);
    this.#length--;
    return message;
  }

  /** Re-times every queued message, oldest first: `retime(previousArrival)` returns the new arrival. */
  retime(retime: (previousUs: number) => number): void {
    const mask = this.#messages.length - 1;
    let previous = 0;
    for (let i = 0; i < this.#length; i++) {
      const slot = (this.#head + i) & mask;
      previous = retime(previous);
      this.#arrivals[slot] = previous;
    }
  }

  /** Drops every message; returns how many there were. */
  clear(): number {
    const dropped = this.#length;
    if (dropped > 0) {
      this.#messages = new Array(4);
      this.#arrivals = new Array(4).fill(0);
    }
    this.#head = 0;
    this.#length = 0;
    return dropped;
  }

  #grow(): void {
    const capacity = this.#messages.length;
    const messages: unknown[] = new Array(capacity * 2);
    const arrivals: number[] = new Array(capacity * 2).fill(0);
    for (let i = 0; i < this.#length; i++) {
      const slot = (this.#head + i) & (capacity - 1);
      messages[i] = this.#messages[slot];
      arrivals[i] = this.#arrivals[slot] as number;
    }
    this.#messages = messages;
    this.#arrivals = arrivals;
    this.#head = 0;
  }
}
