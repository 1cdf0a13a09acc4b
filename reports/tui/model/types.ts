// The replay model: everything the replay UI shows about one run, as plain data indexed for random access.
// Built once (model/recorder.ts) from a re-run; every query (model/queries.ts) is a lookup or a binary search,
// so stepping anywhere in a 100,000-event run never re-runs anything.
import type { IntervalIndex } from "./interval-index.js";

export type NodeStatus = "up" | "paused" | "down";

export type Verdict = "pass" | "fail" | "unknown";

export interface ReplayMeta {
  readonly scenario: string;
  readonly seed: number;
  readonly bugs: readonly string[];
  readonly verdict: Verdict;
  readonly traceHash: string;
  readonly simTimeUs: number;
  /** Where the run came from: a run directory, or `--scenario NAME --seed N`. */
  readonly source: string;
}

export type EventKind =
  | "start"
  | "deliver"
  | "timer"
  | "request"
  | "disconnected"
  | "fsync-done"
  | "nemesis"
  | "exit";

/** One trace entry. `node` is empty for nemesis operations. */
export interface ReplayEvent {
  readonly index: number;
  readonly timeUs: number;
  readonly node: string;
  readonly kind: EventKind;
  readonly text: string;
}

/** A client's state in its own columns: the handle's state, its session and server, what it has seen. */
export interface ClientSummary {
  /** The handle's state (CONNECTED, CONNECTING, ...), or what the node is (`resource`, `no handle`). */
  readonly state: string;
  /** The session id in hex, "" before the first session. */
  readonly session: string;
  /** The server it talks to: `n2` once connected, `…n2` while connecting, "" with no connection. */
  readonly server: string;
  /** The highest reply zxid it has seen, in hex. */
  readonly lastZxid: string;
  /** Calls sent and not answered yet, plus those waiting for a connection (null for a non-client). */
  readonly outstanding: number | null;
}

/** A server's state in a few columns, formatted by the protocol's summarizer. */
export interface ServerSummary {
  readonly role: string;
  readonly epoch: string;
  readonly logged: string;
  readonly committed: string;
  /** Whom it follows, pending proposals, ...: one short free-form column. */
  readonly extra: string;
  /** Set for a client (or another non-server node): shown in the clients' table instead. */
  readonly client?: ClientSummary;
}

/** What the kernel says about every node after a step; shared between steps while nothing changes. */
export interface StepEnv {
  readonly statuses: readonly NodeStatus[];
  readonly clockOffsetsUs: readonly number[];
  /** Open connections as sorted node-index pairs `a * nodeCount + b` (a < b). */
  readonly open: readonly number[];
  /** Cut directions `from * nodeCount + to`. */
  readonly cuts: readonly number[];
}

export interface InFlightMessage {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly sentAt: number;
}

export interface PendingTimer {
  readonly node: string;
  readonly name: string;
  readonly setAt: number;
  /** When it is due, in simulated time (approximate under clock drift). */
  readonly dueUs: number;
}

export type OpOutcome = "ok" | "fail" | "info" | "open";

/** A client operation: an invoke and its completion, if any. */
export interface ClientOperation {
  readonly id: number;
  /** The index of its invoke in history.jsonl (what a violation's `historyIndex` names). */
  readonly historyIndex: number;
  readonly process: number;
  /** Its client's one label (`c3`, `lock-2`, `app-1`; scenarios/systems/labels.ts). */
  readonly client: string;
  /** The session that answered it, when the history says. */
  readonly session: number | null;
  readonly f: string;
  readonly value: unknown;
  readonly result: unknown;
  readonly outcome: OpOutcome;
  readonly invokeUs: number;
  readonly completeUs: number | null;
  readonly zxid: number | null;
  readonly server: string | null;
  /** The trace events at (or just before) the invoke and the completion. */
  readonly invokeEvent: number;
  readonly completeEvent: number | null;
}

/** Where a checker says a violation shows (scenarios/systems `ViolationAt`); every field optional. */
export interface ViolationAt {
  readonly node?: string;
  readonly timeUs?: number;
  readonly zxid?: number;
  /** The client operation that breaks the rule: exactly by its invoke's index in the history, else by process. */
  readonly historyIndex?: number;
  readonly process?: number;
  /** Processes of other operations involved (older runs). */
  readonly related?: readonly number[];
  /** The other operations involved, by their invoke's index in the history. */
  readonly involved?: readonly number[];
  /** The client's label (`c3`). */
  readonly client?: string;
  /** The kind of observation the step makes (`app-note`). */
  readonly observed?: string;
}

export interface ReplayViolation {
  readonly check: string;
  readonly message: string;
  /** The failure told in plain words by the check, when it tells one. */
  readonly story: string | null;
  /** The event where it shows, when it could be located. */
  readonly event: number | null;
  /** How the event was found, for people ("n3's deliver of 0x100000015"). */
  readonly locatedBy: string;
  /** Client operations it involves (by `ClientOperation.id`). */
  readonly operations: readonly number[];
}

/** A compact observation of a step, for locating violations: kind and zxid-like fields. */
export interface StepObservation {
  readonly kind: string;
  readonly zxid: number | null;
  readonly epoch: number | null;
}

export interface ReplayRun {
  readonly meta: ReplayMeta;
  readonly nodes: readonly string[];
  readonly events: readonly ReplayEvent[];
  /** Per event: index into `nodes` of the node that stepped, -1 for nemesis operations. */
  readonly stepNode: Int16Array;
  /** Per event: the stepping node's summary after it (null for nemesis, or when the node is down). */
  readonly summaries: readonly (ServerSummary | null)[];
  /** Per event: the stepping node's full state after it, as the protocol left it (immutable). */
  readonly states: readonly unknown[];
  readonly envs: readonly StepEnv[];
  /** Per node: is it a client (or another node that is no server), shown in the clients' table. */
  readonly isClient: readonly boolean[];
  /** Per node: the events it stepped in, ascending. */
  readonly nodeSteps: readonly Int32Array[];
  /** Events that are nemesis operations, ascending. */
  readonly faults: Int32Array;
  /** Per node: the events at which it went down (crashed or was killed), ascending. */
  readonly downs: readonly Int32Array[];
  readonly messages: IntervalIndex<InFlightMessage>;
  readonly timers: IntervalIndex<PendingTimer>;
  readonly operations: readonly ClientOperation[];
  readonly violations: readonly ReplayViolation[];
  /** Renders a node's full state as plain JSON for the detail view. */
  readonly stateView: (state: unknown) => unknown;
}
