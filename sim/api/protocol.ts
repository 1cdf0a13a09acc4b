// The contract between the kernel and a protocol: a pure `step(state, input) -> { state, effects }`.
// The node never performs I/O; the kernel applies the effects (DESIGN.md, "The kernel").
import type { DurableView } from "./disk-view.js";
import type { NodeId } from "./ids.js";
import type { Json } from "./json.js";
import type { Random } from "./random.js";
import type { Micros } from "./time.js";

/** Every message names its type; the kernel hashes the type into the trace and shows it in descriptions. */
export interface Message {
  readonly type: string;
}

/** A request a client program (the workload) hands to a node, e.g. a ZooKeeper operation. */
export interface ClientRequest {
  /** The kernel's id for this request; the reply names it. */
  readonly requestId: number;
  /** The Jepsen-style operation name (`read`, `write`, `create`, ...). */
  readonly f: string;
  readonly value: Json;
}

/**
 * What a node is told, one input per step.
 * - `message`: delivered by the network, in FIFO order per connection (or as a datagram).
 * - `timer`: a timer set by this node has expired on its local clock (late if the node was paused).
 * - `request`: a client operation from the workload.
 * - `disconnected`: the connection to `peer` broke; everything in flight on it was lost. Sending to `peer`
 *   again opens a new connection.
 * - `fsync-done`: the fsync with this token completed; everything written before it is durable. With `failed`
 *   (the `disk-error` fault) it failed instead: every write that was not yet durable is lost, as Linux drops
 *   the dirty pages of a failed write-back (EIO), and the writer learns of it here.
 */
export type Input<M extends Message> =
  | { readonly kind: "message"; readonly from: NodeId; readonly msg: M }
  | { readonly kind: "timer"; readonly timer: string }
  | { readonly kind: "request"; readonly request: ClientRequest }
  | { readonly kind: "disconnected"; readonly peer: NodeId }
  | { readonly kind: "fsync-done"; readonly token: number; readonly failed?: boolean };

/** How a client operation ended, in Jepsen's terms: `ok` took effect, `fail` did not, `info` unknown. */
export type ReplyType = "ok" | "fail" | "info";

/** A fact the invariant checkers need (role changes, proposals, commits, ...). Plain data. */
export interface Observation {
  readonly kind: string;
  readonly [field: string]: Json;
}

/**
 * What a step asks the kernel to do. Effects are applied in list order, atomically with the step: a crash
 * happens between steps, never inside one. Disk writes (`append`, `truncate`, `write-file`, `delete-file`) are
 * volatile until an `fsync` issued after them completes; only then do they survive a crash. So "make durable,
 * then send" is written as `fsync` with a token, and the send in the step that handles `fsync-done`.
 * Json in effects is immutable once emitted: the kernel keeps references (the disk stores records as written and
 * reads hand them back), so a protocol must never mutate what it wrote, sent or read.
 */
export type Effect<M extends Message> =
  | { readonly kind: "send"; readonly to: NodeId; readonly msg: M }
  | { readonly kind: "set-timer"; readonly timer: string; readonly afterUs: Micros }
  | { readonly kind: "cancel-timer"; readonly timer: string }
  | { readonly kind: "close"; readonly peer: NodeId }
  | { readonly kind: "append"; readonly log: string; readonly record: Json }
  | { readonly kind: "truncate"; readonly log: string; readonly length: number }
  | { readonly kind: "write-file"; readonly file: string; readonly data: Json }
  | { readonly kind: "delete-file"; readonly file: string }
  | { readonly kind: "fsync"; readonly token?: number }
  | {
      readonly kind: "reply";
      readonly requestId: number;
      readonly type: ReplyType;
      readonly value: Json;
      /** Extra history fields, e.g. `{ session, server, zxid }`. */
      readonly fields?: { readonly [field: string]: Json };
    }
  | { readonly kind: "observe"; readonly observation: Observation }
  | { readonly kind: "log"; readonly text: string }
  /**
   * The process exits (ZooKeeper's `System.exit` when it cannot start): the node goes down as after a process
   * kill (the OS keeps its unsynced writes) and only a `restart` brings it back. Effects after it are dropped.
   */
  | { readonly kind: "exit"; readonly reason: string };

export type EffectKind = Effect<Message>["kind"];

export interface StepResult<S, M extends Message> {
  readonly state: S;
  readonly effects: readonly Effect<M>[];
}

/** What a node may know about its surroundings during a step. Valid only for the duration of the call. */
export interface NodeContext {
  readonly self: NodeId;
  /** Every node of the simulation, sorted. */
  readonly nodes: readonly NodeId[];
  /** The node's own clock: simulated time plus its offset and drift. Not comparable across nodes. */
  readonly nowUs: Micros;
  /** The node's own seeded stream; it continues across restarts. */
  readonly random: Random;
  /** The durable disk, as a restart would find it. Meant for `init`. */
  readonly disk: DurableView;
}

/**
 * Where a protocol writes a message's fingerprint for the trace hash (DESIGN.md, "Determinism rules" 5). Every
 * call feeds its own words to the hash, in call order: nothing is folded together, so two fields that swap values
 * hash differently.
 */
export interface FingerprintSink {
  /** One unsigned 32-bit word (other integers are reduced mod 2^32): a small integer, a flag, an enum index. */
  word(value: number): void;
  /** Any number, exactly: a safe integer as two words (zxids, epochs, ids), anything else by its float64 bits. */
  number(value: number): void;
  /** A string, exactly: its length, then its UTF-16 code units two to a word. */
  string(text: string): void;
  /**
   * Any plain-data value (Json, or a typed message or record made of the same objects, arrays, strings,
   * numbers, booleans and nulls), by the generic walker: a tag per value, lengths, object keys sorted.
   */
  json(value: unknown): void;
}

/**
 * A protocol hosted by a node. `init` runs when the node starts and on every restart after a crash,
 * with volatile state gone and only the durable disk left. State must be plain data (structured-clone-able)
 * and must not be mutated after it is returned: the kernel may keep snapshots of it.
 */
export interface NodeProtocol<S, M extends Message> {
  readonly name: string;
  init(ctx: NodeContext): StepResult<S, M>;
  step(state: S, input: Input<M>, ctx: NodeContext): StepResult<S, M>;
  /** A compact one-line description of a message for traces, e.g. `PROPOSAL zxid=0x100000003`. */
  describeMessage?(msg: M): string;
  /**
   * Feeds what a receiver can observe of a message into the trace hash when the message is delivered: every
   * field the receiver may read (zxids, epochs, votes, payloads), each through its own sink call. The kernel has
   * already hashed `msg.type`. Must be pure and deterministic (same message, same calls), must not keep the sink,
   * and should be cheap: it runs once per delivery. Without it, the kernel walks the whole message as Json
   * (`sink.json`), which is complete but slower.
   */
  fingerprintMessage?(msg: M, sink: FingerprintSink): void;
  /**
   * Feeds a record appended to `log` into the trace hash, when the protocol knows a cheaper way than the
   * generic Json walk (`sink.json`) that is used otherwise. Same contract as `fingerprintMessage`: every field a
   * later read could return, one sink call each, pure and deterministic.
   */
  fingerprintRecord?(log: string, record: Json, sink: FingerprintSink): void;
}
