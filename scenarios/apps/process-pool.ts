// The Jepsen processes of one app instance's calls. The kernel allows one open operation per process; an app
// may have many calls in flight on its handle, so each takes the lowest free process and gives it back when
// the call ends, unless it ended `info`: as in Jepsen, such a process is never used again (its operation may still
// take effect at any later point; a crash ends the instance's open calls so). Numbers are the instance's own (base + index·stride), far from the workload's and below the
// leader's own writes (scenarios/systems/zk-history.ts).

/** Process numbers of app calls start here; instance i uses [base + i·stride, base + (i+1)·stride). */
export const APP_PROCESS_BASE = 100_000_000;
export const APP_PROCESS_STRIDE = 1_000_000;

export class ProcessPool {
  readonly #first: number;
  readonly #free: number[] = [];
  #next: number;

  constructor(instanceIndex: number) {
    this.#first = APP_PROCESS_BASE + instanceIndex * APP_PROCESS_STRIDE;
    this.#next = this.#first;
  }

  take(): number {
    if (this.#free.length > 0) {
      this.#free.sort((a, b) => a - b);
      return this.#free.shift() as number;
    }
    if (this.#next >= this.#first + APP_PROCESS_STRIDE)
      throw new Error("an app instance has a million calls in flight");
    return this.#next++;
  }

  give(process: number): void {
    this.#free.push(process);
  }
}

/** The instance index of an app process, or null for other processes. */
export function appInstanceOfProcess(process: number): number | null {
  if (process < APP_PROCESS_BASE || process >= APP_PROCESS_BASE + 100 * APP_PROCESS_STRIDE)
    return null;
  return Math.floor((process - APP_PROCESS_BASE) / APP_PROCESS_STRIDE);
}

/** How people read an app call's process: its instance and slot (`app-2/0`); other processes as `p7`. */
export function processLabel(process: number): string {
  const index = appInstanceOfProcess(process);
  if (index === null) return `p${process}`;
  return `app-${index + 1}/${process - APP_PROCESS_BASE - index * APP_PROCESS_STRIDE}`;
}
