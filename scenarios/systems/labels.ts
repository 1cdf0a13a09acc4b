// How people read the run's identities, one way everywhere (CLI, JSON, TUI, HTML): zxids and session ids in
// hex as ZooKeeper logs them, and one label per client — its node's name (`c3`, `lock-2`, `app-1`) — whatever
// process, session or server it used. A client's other identities are shown once, where it is introduced.
import { formatZxid } from "../../protocol/zab/zxid.js";
import { formatSessionId } from "../../protocol/zk/data-tree/index.js";
import { appInstanceOfProcess, processLabel } from "../apps/process-pool.js";

/** Process numbers of the leader's own writes (closeSession of an expired session, deleteContainer). */
export const SYSTEM_PROCESS_BASE = 1_000_000_000;

/** `0x100000003`, as ZooKeeper logs zxids. */
export function hexZxid(zxid: number): string {
  return formatZxid(zxid);
}

/** `0x10000000001`, as ZooKeeper logs session ids (`sessionid:0x...`). */
export function hexSession(session: number): string {
  return formatSessionId(session);
}

/**
 * The client a history process belongs to: the workload client that ran it (`c1`.. from run.json's
 * `workload`, or the scenario's rule), the app instance (`app-2`), `leader` for the leader's own writes; a
 * process no table names keeps its number (`p86`).
 */
export function clientLabel(
  process: number,
  workloadClient: (process: number) => number | undefined,
): string {
  const instance = appInstanceOfProcess(process);
  if (instance !== null) return `app-${instance + 1}`;
  if (process >= SYSTEM_PROCESS_BASE) return "leader";
  const client = workloadClient(process);
  return client === undefined ? processLabel(process) : `c${client + 1}`;
}

/** A workload client lookup from run.json's `workload` (process → client index). */
export function workloadClients(
  workload: readonly { readonly process: number; readonly client: number }[],
): (process: number) => number | undefined {
  const byProcess = new Map<number, number>();
  for (const op of workload) byProcess.set(op.process, op.client);
  return (process) => byProcess.get(process);
}
