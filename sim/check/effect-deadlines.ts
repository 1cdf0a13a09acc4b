// For each operation, a time before which it takes effect in every linearization. Its return, at the
// latest; and the only operation that can give a value the initial state does not hold precedes every
// reader of that value (reads-from), so it takes effect before the earliest of their deadlines — even an
// `info` write that never returned, which is then known to have taken effect. A read thus pulls its write's
// deadline forward, which lets the search abandon an order as soon as that write is overdue, and lets the
// stale-read refutation see that a write precedes a later read (a new-old inversion).
import type { Operation } from "../history/operation.js";
import type { ObservationIndex } from "./observation-index.js";

/** Rounds of tightening through chains of reads-from (a cas reads one value and writes another). */
const DEADLINE_ROUNDS = 4;

/** Deadlines in the time of `returnAt`; +Infinity for an `info` operation nothing forces. */
export function effectDeadlines(
  index: ObservationIndex,
  operations: readonly Operation[],
): Float64Array {
  const deadlines = Float64Array.from(operations, (operation) => operation.returnAt);
  for (let round = 0; round < DEADLINE_ROUNDS; round++) {
    let tightened = false;
    for (let value = 0; value < index.values.length; value++) {
      const first = index.restorerStart[value] ?? 0;
      if (index.initially[value] === 1 || (index.restorerStart[value + 1] ?? 0) - first !== 1)
        continue;
      const only = index.restorers[first] ?? 0;
      const end = index.readerStart[value + 1] ?? 0;
      for (let at = index.readerStart[value] ?? 0; at < end; at++) {
        const reader = deadlines[index.readers[at] ?? 0] ?? Number.POSITIVE_INFINITY;
        // A deadline never moves before the call: that read is impossible, which the refutation reports.
        if (reader < (deadlines[only] ?? 0) && reader > (operations[only]?.callAt ?? 0)) {
          deadlines[only] = reader;
          tightened = true;
        }
      }
    }
    if (!tightened) break;
  }
  return deadlines;
}
