// The leader's ContainerManager (reference §1.2): started with the leader's serving side, it checks the
// committed tree `containerCheckIntervalMs` after that and then at that fixed rate, and posts one
// deleteContainer txn per candidate (empty used containers, never-used ones past maxNeverUsedIntervalMs,
// expired TTL nodes), `60000 / containerMaxPerMinute` ms apart. Each has its own timer, as each has its own
// Timer thread in ZooKeeper, so the half-tick session timer no longer decides when a container goes.
import { micros } from "../../../sim/api/index.js";
import { expiredContainers, expiredTtls } from "../data-tree/index.js";
import { treeOf } from "./embedded-peer.js";
import { leaderSubmit } from "./leader-pipeline.js";
import {
  type ContainerReaper,
  draftLeaderSide,
  type Out,
  type ServerEnv,
  withLeaderSide,
  type ZkServerState,
} from "./state.js";

/** ContainerManager's Timer task: one check of the tree. */
export const CONTAINER_CHECK_TIMER = "zk-server/container-check";
/** The `Thread.sleep(waitMs)` between two deleteContainer posts of one check. */
export const CONTAINER_DELETE_TIMER = "zk-server/container-delete";

export const IDLE_REAPER: ContainerReaper = { queue: [], draining: false, checkDue: false };

/** ContainerManager.getMinIntervalMs: "TimeUnit.MINUTES.toMillis(1) / maxPerMinute" (long division). */
export function minIntervalMs(maxPerMinute: number): number {
  return Math.floor(60_000 / maxPerMinute);
}

/**
 * ContainerManager.start: "timer.scheduleAtFixedRate(timerTask, checkIntervalMs, checkIntervalMs)". A
 * pause left by an earlier leadership (a delete timer) must not pace this one's deletions.
 */
export function startContainerManager(env: ServerEnv, out: Out): void {
  const afterUs = micros(env.config.containerCheckIntervalMs * 1_000);
  out.push({ kind: "set-timer", timer: CONTAINER_CHECK_TIMER, afterUs });
  out.push({ kind: "cancel-timer", timer: CONTAINER_DELETE_TIMER });
}

/** The fixed-rate task. Not leading (any more): the manager was stopped, nothing is rescheduled. */
export function onContainerCheck(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  const side = state.serving?.leader ?? null;
  if (side === null) return state;
  const afterUs = micros(env.config.containerCheckIntervalMs * 1_000);
  out.push({ kind: "set-timer", timer: CONTAINER_CHECK_TIMER, afterUs });
  if (side.reaper.draining) return withReaper(state, { ...side.reaper, checkDue: true });
  return checkContainers(state, env, out);
}

/** The end of one pause: the next candidate is posted, or the check returns (and a due one runs). */
export function onContainerDelete(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  const reaper = state.serving?.leader?.reaper ?? null;
  if (reaper === null || !reaper.draining) return state;
  if (reaper.queue.length > 0) return postNext(state, reaper.queue, env, out);
  const idle = withReaper(state, IDLE_REAPER);
  return reaper.checkDue ? checkContainers(idle, env, out) : idle;
}

/** checkContainers: "for (String containerPath : getCandidates())", candidates from the committed tree. */
function checkContainers(state: ZkServerState, env: ServerEnv, out: Out): ZkServerState {
  const tree = treeOf(state);
  const nowMs = Math.floor(env.nowUs / 1_000);
  const policy = { maxNeverUsedIntervalMs: env.config.containerMaxNeverUsedIntervalMs };
  // ZooKeeper walks a HashSet; here the order is the paths' (both lists come sorted, containers first).
  const candidates = [...expiredContainers(tree, nowMs, policy), ...expiredTtls(tree, nowMs)];
  if (candidates.length === 0) return withReaper(state, IDLE_REAPER);
  return postNext(state, candidates, env, out);
}

/**
 * Posts the head of `candidates` and sleeps for the min interval ("waitMs = minIntervalMs - elapsedMs"; a
 * post takes no time here). With a min interval of 0 every candidate is posted at once.
 */
function postNext(
  state: ZkServerState,
  candidates: readonly string[],
  env: ServerEnv,
  out: Out,
): ZkServerState {
  const waitMs = minIntervalMs(env.config.containerMaxPerMinute);
  const [path, ...rest] = candidates;
  let next = path === undefined ? state : postDelete(state, path, env, out);
  if (waitMs === 0) {
    for (const later of rest) next = postDelete(next, later, env, out);
    return withReaper(next, IDLE_REAPER);
  }
  out.push({ kind: "set-timer", timer: CONTAINER_DELETE_TIMER, afterUs: micros(waitMs * 1_000) });
  const checkDue = state.serving?.leader?.reaper.checkDue ?? false;
  return withReaper(next, { queue: rest, draining: true, checkDue });
}

/**
 * A deleteContainer request with no session, as ContainerManager builds it ("new Request(null, 0, 0,
 * OpCode.deleteContainer, path, null)"). A path with an outstanding change is skipped: ZooKeeper would post
 * it and prep would answer with an error txn (NOTEMPTY or NONODE).
 */
function postDelete(state: ZkServerState, path: string, env: ServerEnv, out: Out): ZkServerState {
  const side = state.serving?.leader ?? null;
  if (side === null || side.pending.some((change) => change.path === path)) return state;
  const request = { op: "deleteContainer", path } as const;
  return leaderSubmit(
    state,
    { origin: null, requestId: 0, sessionId: 0, request, auth: [] },
    env,
    out,
  );
}

function withReaper(state: ZkServerState, reaper: ContainerReaper): ZkServerState {
  const side = state.serving?.leader ?? null;
  if (side === null) return state;
  const next = draftLeaderSide(side);
  next.reaper = reaper;
  return withLeaderSide(state, next);
}
