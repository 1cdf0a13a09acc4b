// Lock mutual exclusion judged where it matters, at the protected resource (reference §7 "Pitfall"): a
// lock section is one acquisition (holder, lock node, czxid); the writes the resource accepted must come
// section by section — once a write of another section was accepted, no write of an earlier one may be.

import type { RecipeViolation, RecordedObservation } from "./records.js";

export function checkLockExclusion(records: readonly RecordedObservation[]): RecipeViolation[] {
  const violations: RecipeViolation[] = [];
  const finished = new Set<string>();
  let current: string | null = null;
  for (const record of records) {
    const o = record.observation;
    if (o.kind !== "resource-write" || o.accepted !== true) continue;
    const section = `${String(o.client)} holding ${String(o.lockPath)} (token ${String(o.token)})`;
    if (section === current) continue;
    if (finished.has(section)) {
      violations.push({
        check: "lock-exclusion",
        message: `at ${record.timeUs}us the resource accepted write ${String(o.seq)} of ${section} after writes of ${current ?? "?"}`,
      });
    }
    if (current !== null) finished.add(current);
    current = section;
  }
  return violations;
}
