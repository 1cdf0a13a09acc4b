// Liveness (DESIGN.md "Liveness"): once the last fault has healed and a quorum is up and connected, a leader
// is established and a write commits within a bound. The bound, in the peer's own parameters:
//   detectionMax                          stale connections broken by the faults are noticed
// + (syncLimit + 1.5)·tickTime            a leader stuck with dead or silent followers gives up: it steps down
//                                          at the first tick past a follower's last packet + syncLimit ticks
//                                          (`tickOfNextAckDeadline`), and shuts down a follower that answers
//                                          PINGs but not a PROPOSAL at the first PING (every half tick)
//                                          syncLimit·tickTime after sending it (`SyncLimitCheck`), which the
//                                          next tick's quorum check then misses; a follower's read timeout,
//                                          syncLimit·tickTime checked every half tick, is within this too
// + 2 · (maxNotificationInterval + finalizeWait + 3 · initLimit·tickTime)
//                                          one election round may still fail (a candidate that cannot gather its
//                                          quorums within initLimit in each of its three waits: FOLLOWERINFO,
//                                          ACKEPOCH, NEWLEADER ACK); the next one succeeds
// + writeInterval                          the next client write after that
// + 1 s                                    latency slack (messages, fsyncs)
// A server that refused to start (`QuorumPeer.loadDataBase` threw; its process exited) and never started again
// is a liveness failure on its own, whatever the others do: nothing but an operator can bring it back.
import type { Observation } from "../../sim/api/index.js";
import type { ZabConfig } from "./config.js";
import { formatZxid } from "./zxid.js";

export interface LivenessRecord {
  readonly timeUs: number;
  readonly node: string;
  readonly observation: Observation;
}

export function livenessBoundUs(
  config: ZabConfig,
  detectionMaxUs: number,
  writeIntervalUs: number,
): number {
  const tick = config.tickTimeUs;
  const round =
    config.maxNotificationIntervalUs + config.finalizeWaitUs + 3 * config.initLimit * tick;
  const stuckLeaderUs = config.syncLimit * tick + Math.ceil(tick / 2) + tick;
  return detectionMaxUs + stuckLeaderUs + 2 * round + writeIntervalUs + 1_000_000;
}

export interface LivenessResult {
  readonly ok: boolean;
  readonly message: string;
  /** When the first write proposed after healing was committed by its leader, if it was. */
  readonly committedAtUs: number | null;
  /** The end of the bound: the faults healed at `healedAtUs`, a write had to commit by this time. */
  readonly deadlineUs: number;
  /** Where a failure shows: when the bound ran out, or when the late write finally committed (and where). */
  readonly at: { readonly timeUs: number; readonly node?: string; readonly zxid?: number };
}

/** A write proposed after `healedAtUs` is committed by its leader no later than `healedAtUs + boundUs`. */
export function checkLiveness(
  records: readonly LivenessRecord[],
  healedAtUs: number,
  boundUs: number,
): LivenessResult {
  const deadlineUs = healedAtUs + boundUs;
  const proposedAfterHeal = new Set<string>();
  for (const { node, timeUs, observation: o } of records) {
    if (o.kind === "propose" && timeUs > healedAtUs) proposedAfterHeal.add(`${node}/${o.zxid}`);
    if (o.kind !== "deliver" || timeUs <= healedAtUs) continue;
    if (proposedAfterHeal.has(`${node}/${o.zxid}`)) {
      const ok = timeUs <= deadlineUs;
      const zxid = typeof o.zxid === "number" ? o.zxid : 0;
      return {
        ok,
        committedAtUs: timeUs,
        deadlineUs,
        at: ok ? { timeUs } : { timeUs: deadlineUs },
        message: `the first write after the faults healed at ${seconds(healedAtUs)} (${formatZxid(zxid)}, by ${node}) committed ${seconds(timeUs - healedAtUs)} later, at ${seconds(timeUs)} (bound ${seconds(boundUs)})`,
      };
    }
  }
  return {
    ok: false,
    committedAtUs: null,
    deadlineUs,
    at: { timeUs: deadlineUs },
    message: `no write committed within the bound of ${seconds(boundUs)} after the faults healed at ${seconds(healedAtUs)} (by ${seconds(deadlineUs)})`,
  };
}

/**
 * The first server whose last start was refused and that never started again by the end of the run, as a
 * failed liveness result (`at` the refusal), or null when every refused server came back.
 */
export function refusedStart(records: readonly LivenessRecord[]): LivenessResult | null {
  const last = new Map<string, LivenessRecord>();
  for (const record of records) {
    const kind = record.observation.kind;
    if (kind === "start" || kind === "refused") last.set(record.node, record);
  }
  const nodes = [...last.keys()].sort();
  for (const node of nodes) {
    const record = last.get(node);
    if (record === undefined || record.observation.kind !== "refused") continue;
    const reason = String(record.observation.reason);
    return {
      ok: false,
      committedAtUs: null,
      deadlineUs: record.timeUs,
      at: { timeUs: record.timeUs, node },
      message: `${node} refused to start at ${seconds(record.timeUs)} (${reason}) and stays down: it cannot start again without an operator`,
    };
  }
  return null;
}

function seconds(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}
