// The documented lock hazard (reference §7 "Pitfall"), told apart from a broken recipe. The shared lock
// and the election are judged in simulated time, so a holder whose session expired before it learned so
// overlaps its successor: ZooKeeper's lock is exclusive only while the holder's session lives. Such an
// overlap has the service expire the earlier holder's session (a leader's `session-expired`) after that
// holder took hold and before its successor did; any other overlap is a bug.
import type { Violation } from "../../../../scenarios/systems/index.js";
import type { Simulation } from "../../../../sim/kernel/index.js";

const TIME_JUDGED: ReadonlySet<string> = new Set(["rw-lock-exclusion", "election-exclusive"]);

/**
 * `<a> held <node> from <s> s to <s> s while <b> held <node> from <s> s` (checks/rw-lock.ts), or `led
 * term <czxid>` (checks/election.ts); `a` took hold first. Times are printed to the millisecond.
 */
const OVERLAP =
  /^(\S+) (?:held|led term) \S+ from ([\d.]+) s to .+? while \S+ (?:held|led term) \S+ from ([\d.]+) s$/;

/** Half the printed precision: a time printed as `t` s lies within this of t·10⁶ µs. */
const PRINTED_SLACK_US = 500;

/** The violations that are not the hazard of an expiry the earlier holder had not yet learned of. */
export function withoutExpiryHazard(
  violations: readonly Violation[],
  sim: Simulation,
): Violation[] {
  return violations.filter((v) => {
    const match = TIME_JUDGED.has(v.check) ? OVERLAP.exec(v.message) : null;
    if (match === null) return true;
    const [, client = "", heldS, successorS] = match;
    const heldUs = Math.round(Number(heldS) * 1e6);
    const successorUs = Math.round(Number(successorS) * 1e6);
    const session = sessionAt(sim, client, heldUs + PRINTED_SLACK_US);
    return !sim.observations.some(
      (r) =>
        r.observation.kind === "session-expired" &&
        r.observation.session === session &&
        r.timeUs >= heldUs - PRINTED_SLACK_US &&
        r.timeUs <= successorUs + PRINTED_SLACK_US,
    );
  });
}

/** The session of the client's last answered call at or before `atUs` (the one that let it hold). */
function sessionAt(sim: Simulation, client: string, atUs: number): number | null {
  let session: number | null = null;
  for (const r of sim.observations) {
    if (r.timeUs > atUs) break;
    const o = r.observation;
    if (r.node === client && o.kind === "recipe-reply" && typeof o.session === "number") {
      session = o.session;
    }
  }
  return session;
}
