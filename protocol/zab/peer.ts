// The ZAB peer as one NodeProtocol (`QuorumPeer`): recover from disk and start looking; then route each input
// to the phase that owns it. Effects of a step are applied in order; disk writes become durable only through
// the fsync whose completion (`fsync-done`) runs the step that may then send (ACK, ACKEPOCH, LEADERINFO).
import type {
  Effect,
  Input,
  NodeContext,
  NodeId,
  NodeProtocol,
  StepResult,
} from "../../sim/api/index.js";
import { assertNever } from "../../sim/api/index.js";
import {
  onAck,
  onClientWrite,
  onCommit,
  onForwardedRequest,
  onInform,
  onLogSynced,
  onProposal,
} from "./broadcast.js";
import { validateConfig, type ZabConfig } from "./config.js";
import {
  onAckEpoch,
  onLeaderCurrentEpochDurable,
  onLeaderEpochDurable,
  onLeaderInfo,
  onLearnerEpochDurable,
  onLearnerInfo,
} from "./discovery.js";
import { emptyDb, fingerprintRecord, fsyncThen, lastLoggedZxid, recover } from "./durable.js";
import {
  FLE_FINALIZE_TIMER,
  FLE_RESEND_TIMER,
  onFinalizeTimer,
  onNotification,
  onResendTimer,
  startElection,
} from "./election.js";
import { renameEpochFile } from "./epoch-files.js";
import { IDLE_LOG_SYNC } from "./log-sync.js";
import { describeMessage, fingerprintMessage, type ZabMessage } from "./messages.js";
import {
  onNewLeader,
  onNewLeaderEpochAsync,
  onNewLeaderEpochDurable,
  onNewLeaderEpochFirst,
  onNewLeaderSynced,
} from "./newleader.js";
import { observeRefused, observeStart, observeState, observeViolation } from "./observe.js";
import { draftLearner, draftPeer, withLearnerState } from "./records.js";
import { decide } from "./role-entry.js";
import { goLooking } from "./role-exit.js";
import { writeStale } from "./stale-log-writer.js";
import type { Db, Env, FsyncAction, LearnerState, Out, PeerState } from "./state.js";
import { DROP_OUTPUTS } from "./state-machine.js";
import { onSyncCommit, onSyncHeader, onSyncTxn, onUptodate } from "./synchronization.js";
import { LEADER_LIMIT_TIMER, LEADER_TICK_TIMER, LEARNER_TICK_TIMER } from "./timer-names.js";
import { onLeaderLimit, onLeaderTick, onLearnerTick, touchHandler } from "./timers.js";
import { onWriteFailed } from "./write-failure.js";

/**
 * The peer as a node of its own. Nothing hosts it, so the state machine's outputs are dropped; a host that
 * wants them (the ZooKeeper server) calls `step` with its own `Env.outputs`.
 */
export function zabPeer<S, O>(config: ZabConfig<S, O>): NodeProtocol<PeerState<S>, ZabMessage> {
  validateConfig(config);
  return {
    name: "zab",
    init: (ctx) => init(config, ctx),
    step(state, input, ctx) {
      const out: Effect<ZabMessage>[] = [];
      const env = { config, nowUs: ctx.nowUs, outputs: DROP_OUTPUTS, disk: ctx.disk };
      const next = step(state, input, env, out);
      return { state: next, effects: out };
    },
    describeMessage,
    fingerprintMessage,
    fingerprintRecord,
  };
}

function init<S, O>(
  config: ZabConfig<S, O>,
  ctx: NodeContext,
): StepResult<PeerState<S>, ZabMessage> {
  const out: Effect<ZabMessage>[] = [];
  const recovered = recover(ctx.disk, config, out);
  if (recovered.refused !== null) return refuseToStart(config, ctx, recovered.refused, out);
  observeStart(out, {
    lastZxid: lastLoggedZxid(recovered.db),
    baseZxid: recovered.db.deliveredZxid,
    acceptedEpoch: recovered.acceptedEpoch,
    currentEpoch: recovered.currentEpoch,
  });
  const fresh = freshPeer(ctx, recovered);
  const state = startElection(fresh, { config, nowUs: ctx.nowUs, outputs: DROP_OUTPUTS }, out);
  observeState(out, state.role, state.zabState);
  return { state, effects: out };
}

function freshPeer<S>(
  ctx: NodeContext,
  recovered: { readonly db: Db<S>; readonly acceptedEpoch: number; readonly currentEpoch: number },
): PeerState<S> {
  return {
    self: ctx.self,
    role: "LOOKING",
    zabState: "ELECTION",
    session: 0,
    acceptedEpoch: recovered.acceptedEpoch,
    currentEpoch: recovered.currentEpoch,
    db: recovered.db,
    logicalclock: 0,
    currentVote: {
      leader: null,
      zxid: lastLoggedZxid(recovered.db),
      peerEpoch: recovered.currentEpoch,
    },
    election: null,
    leader: null,
    learner: null,
    backlog: [],
    clientRequests: [],
    nextToken: 1,
    fsyncWaits: [],
    logSync: IDLE_LOG_SYNC,
  };
}

/**
 * `loadDataBase` threw: "Unable to load database on disk", and `QuorumPeerMain` exits. The process stays down;
 * a restart runs `init` again, which refuses again while the disk is unchanged.
 */
function refuseToStart<S, O>(
  config: ZabConfig<S, O>,
  ctx: NodeContext,
  reason: string,
  out: Effect<ZabMessage>[],
): StepResult<PeerState<S>, ZabMessage> {
  observeRefused(out, reason);
  out.push({ kind: "exit", reason: `Unable to load database on disk: ${reason}` });
  const recovered = { db: emptyDb(config.stateMachine), acceptedEpoch: 0, currentEpoch: 0 };
  return { state: freshPeer(ctx, recovered), effects: out };
}

export function step<S, O>(
  state: PeerState<S>,
  input: Input<ZabMessage>,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  switch (input.kind) {
    case "message":
      return onMessage(state, input.from, input.msg, env, out);
    case "timer":
      return onTimer(state, input.timer, env, out);
    case "request":
      return onClientWrite(state, input.request, env, out);
    case "disconnected":
      return onDisconnected(state, input.peer, env, out);
    case "fsync-done":
      return onFsyncDone(state, input.token, input.failed === true, env, out);
    default:
      return assertNever(input, "input");
  }
}

function onTimer<S, O>(state: PeerState<S>, timer: string, env: Env<S, O>, out: Out): PeerState<S> {
  switch (timer) {
    case FLE_RESEND_TIMER:
      return onResendTimer(state, env, out);
    case FLE_FINALIZE_TIMER: {
      const result = onFinalizeTimer(state);
      return result.leader === null ? result.state : decide(result.state, result.leader, env, out);
    }
    case LEADER_LIMIT_TIMER:
      return onLeaderLimit(state, env, out);
    case LEADER_TICK_TIMER:
      return onLeaderTick(state, env, out);
    case LEARNER_TICK_TIMER:
      return onLearnerTick(state, env, out);
    default:
      out.push({ kind: "log", text: `unknown timer ${timer}` });
      return state;
  }
}

function onDisconnected<S, O>(
  state: PeerState<S>,
  peer: NodeId,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  switch (state.role) {
    case "LOOKING":
      return { ...state, backlog: state.backlog.filter((b) => b.from !== peer) };
    case "LEADING": {
      const leader = state.leader;
      if (leader === null || leader.learners[peer] === undefined) return state;
      const learners = Object.fromEntries(
        Object.entries(leader.learners).filter(([id]) => id !== peer),
      );
      return { ...state, leader: { ...leader, learners } };
    }
    case "FOLLOWING":
    case "OBSERVING":
      if (state.learner?.leader !== peer) return state;
      return goLooking(state, `lost the connection to leader ${peer}`, env, out);
    default:
      return assertNever(state.role, "role");
  }
}

function onFsyncDone<S, O>(
  state: PeerState<S>,
  token: number,
  failed: boolean,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const wait = state.fsyncWaits.find((w) => w.token === token);
  const rest = state.fsyncWaits.filter((w) => w.token !== token);
  const next = draftPeer(state);
  next.fsyncWaits = rest;
  if (wait === undefined) return next;
  // A failed write is the disk's, whichever session issued it: every unsynced write is gone.
  if (failed) return onWriteFailed(next, wait.action, env, out);
  renameEpochFile(wait.action, out);
  const action = wait.action;
  if (action.kind === "newleader-epoch-first" && action.renamed !== true) {
    // ZOOKEEPER-4643's order: setCurrentEpoch has returned and its rename is durable; only then are the
    // synced txns logged, so a power loss in between keeps the new epoch without them.
    if (wait.session === state.session) return fsyncThen(next, { ...action, renamed: true }, out);
  }
  if (wait.session !== state.session) {
    // Only under the planted ZOOKEEPER-4712 does a flush of an older session carry queued writes.
    const stale = wait.action.kind === "log-synced" ? wait.action.queued : undefined;
    return stale === undefined ? next : writeStale(next, stale, out);
  }
  return runFsyncAction(next, wait.action, env, out);
}

function runFsyncAction<S, O>(
  state: PeerState<S>,
  action: FsyncAction,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  switch (action.kind) {
    case "log-synced":
      return onLogSynced(state, action.count, env, out, action.queued);
    case "leader-accepted-epoch":
      return onLeaderEpochDurable(state, action.epoch, env, out);
    case "leader-current-epoch":
      return onLeaderCurrentEpochDurable(state, action.epoch, env, out);
    case "learner-accepted-epoch":
      return onLearnerEpochDurable(state, action.epoch, env, out);
    case "newleader-synced":
      return onNewLeaderSynced(state, action.epoch, action.zxid, out, action.ackZxids);
    case "newleader-epoch-first":
      return onNewLeaderEpochFirst(state, action.epoch, action.zxid, env, out);
    case "newleader-epoch":
      return onNewLeaderEpochDurable(state, action.epoch, action.zxid, out);
    case "newleader-epoch-async":
      return onNewLeaderEpochAsync(state, action.epoch, action.zxid, env, out);
    default:
      return assertNever(action, "fsync action");
  }
}

function onMessage<S, O>(
  state: PeerState<S>,
  from: NodeId,
  msg: ZabMessage,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  if (msg.type === "NOTIFICATION") {
    const result = onNotification(state, from, msg, env, out);
    return result.leader === null ? result.state : decide(result.state, result.leader, env, out);
  }
  switch (state.role) {
    case "LOOKING":
      if (msg.type === "FOLLOWERINFO" || msg.type === "OBSERVERINFO") {
        return { ...state, backlog: [...state.backlog, { from, msg }] };
      }
      // A Zab message while LOOKING is the spec's messageIllegal, but here it is a benign race: inputs that
      // reached a paused node before it closed the connection are still handed to it (see README, kernel).
      out.push({ kind: "log", text: `ignoring ${msg.type} from ${from} while LOOKING` });
      return state;
    case "LEADING":
      return onLeaderMessage(state, from, msg, env, out);
    case "FOLLOWING":
    case "OBSERVING":
      if (state.learner?.leader !== from) {
        // Not my leader: refuse the connection, as a non-leader's quorum port would.
        if (msg.type === "FOLLOWERINFO" || msg.type === "OBSERVERINFO")
          out.push({ kind: "close", peer: from });
        return state;
      }
      return onLearnerMessage(
        state.learner.heard ? state : heardFrom(state, state.learner),
        msg,
        env,
        out,
      );
    default:
      return assertNever(state.role, "role");
  }
}

function heardFrom<S>(state: PeerState<S>, learner: LearnerState): PeerState<S> {
  const heard = draftLearner(learner);
  heard.heard = true;
  return withLearnerState(state, heard);
}

function onLeaderMessage<S, O>(
  state: PeerState<S>,
  from: NodeId,
  msg: ZabMessage,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  if (msg.type === "FOLLOWERINFO" || msg.type === "OBSERVERINFO") {
    return onLearnerInfo(state, from, msg, env, out);
  }
  if (state.leader?.learners[from] === undefined) {
    // Left over from an older session (held while paused, or sent before the learner heard of a close).
    out.push({ kind: "log", text: `ignoring ${msg.type} from ${from}, which is not my learner` });
    return state;
  }
  const touched = touchHandler(state, from, env);
  switch (msg.type) {
    case "ACKEPOCH":
      return onAckEpoch(touched, from, msg, env, out);
    case "ACK":
      return onAck(touched, from, msg.zxid, env, out);
    case "REQUEST":
      return onForwardedRequest(touched, from, msg.requestId, msg.value, env, out);
    case "PING":
      return touched;
    default:
      observeViolation(out, "messageIllegal", `leader got ${msg.type} from ${from}`);
      return touched;
  }
}

function onLearnerMessage<S, O>(
  state: PeerState<S>,
  msg: ZabMessage,
  env: Env<S, O>,
  out: Out,
): PeerState<S> {
  const broadcasting = state.zabState === "BROADCAST";
  if (state.learner?.epoch === null && msg.type !== "LEADERINFO") {
    // A new session with this leader starts with LEADERINFO; anything before it belongs to an older one.
    out.push({ kind: "log", text: `ignoring ${msg.type} before LEADERINFO` });
    return state;
  }
  switch (msg.type) {
    case "LEADERINFO":
      return onLeaderInfo(state, msg.epoch, env, out);
    case "DIFF":
    case "TRUNC":
    case "SNAP":
      return onSyncHeader(state, msg, env, out);
    case "PROPOSAL":
      return broadcasting
        ? onProposal(state, msg.txn, env, out)
        : onSyncTxn(state, msg.txn, false, env, out);
    case "COMMIT":
      return broadcasting
        ? onCommit(state, msg.zxid, env, out)
        : onSyncCommit(state, msg.zxid, env, out);
    case "INFORM":
      return broadcasting
        ? onInform(state, msg.txn, env, out)
        : onSyncTxn(state, msg.txn, true, env, out);
    case "NEWLEADER":
      return onNewLeader(state, msg.zxid, env, out);
    case "UPTODATE":
      return onUptodate(state, msg.zxid, env, out);
    case "PING":
      if (state.learner !== null) {
        out.push({
          kind: "send",
          to: state.learner.leader,
          msg: { type: "PING", zxid: lastLoggedZxid(state.db) },
        });
      }
      return state;
    case "FOLLOWERINFO":
    case "OBSERVERINFO":
    case "ACKEPOCH":
    case "ACK":
    case "REQUEST":
    case "NOTIFICATION":
      observeViolation(out, "messageIllegal", `learner got ${msg.type} from its leader`);
      return goLooking(state, `illegal ${msg.type}`, env, out);
    default:
      return assertNever(msg, "message");
  }
}
