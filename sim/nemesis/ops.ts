// The nemesis: faults as an explicit schedule of timed operations (DESIGN.md, "Nemesis"). The schedule is
// data: it is recorded in the history as `process: "nemesis"` operations and in the trace, and it is what
// the shrinker removes items from.
import type { Json, NodeId } from "../api/index.js";
import type { DiskTarget } from "../disk/index.js";
import type { Link } from "../network/index.js";

/** A directed link, or every link when a fault op gives none. */
export type LinkSelector = readonly Link[] | "all";

export type NemesisOp =
  /** Replace the current partition: the listed directed links are cut. `shape` is a label for people. */
  | { readonly f: "partition-start"; readonly cuts: readonly Link[]; readonly shape?: string }
  | { readonly f: "partition-stop" }
  /**
   * Cut `node` off from the listed nodes, both ways, beside whatever partition is in force (partitions do not
   * replace it, nor it them): an app instance cut off from some servers.
   */
  | { readonly f: "isolate-start"; readonly node: NodeId; readonly from: readonly NodeId[] }
  | { readonly f: "isolate-stop"; readonly node: NodeId }
  /** A machine crash: volatile state, timers, in-flight messages and unsynced writes are lost. */
  | { readonly f: "crash"; readonly node: NodeId }
  /** A process kill (SIGKILL): like a crash, but the OS keeps unsynced writes and resets connections. */
  | { readonly f: "kill"; readonly node: NodeId }
  | { readonly f: "restart"; readonly node: NodeId }
  /** SIGSTOP or a long GC pause: nothing is processed; timers fire late; messages queue. */
  | { readonly f: "pause"; readonly node: NodeId; readonly durationUs?: number }
  | { readonly f: "resume"; readonly node: NodeId }
  | { readonly f: "clock-jump"; readonly node: NodeId; readonly deltaUs: number }
  | { readonly f: "clock-drift"; readonly node: NodeId; readonly driftPpm: number }
  | { readonly f: "link-reset"; readonly a: NodeId; readonly b: NodeId }
  /** Per-message chance that a connection breaks (datagram mode: that a datagram is lost). */
  | { readonly f: "link-loss"; readonly p: number; readonly links: LinkSelector }
  | { readonly f: "link-delay"; readonly extraUs: number; readonly links: LinkSelector }
  /** Clears link loss and delay everywhere. */
  | { readonly f: "link-heal" }
  /** The node's next crash tears the first unsynced record it was writing. */
  | { readonly f: "disk-torn"; readonly node: NodeId }
  /** Flips a character of a durable record; the checksum catches it on the next read. */
  | { readonly f: "disk-corrupt"; readonly node: NodeId; readonly target: DiskTarget }
  /** A transient write error: the node's next fsync fails and its unsynced writes are lost (EIO). */
  | { readonly f: "disk-error"; readonly node: NodeId };

export type NemesisFunction = NemesisOp["f"];

export const NEMESIS_FUNCTIONS = [
  "partition-start",
  "partition-stop",
  "isolate-start",
  "isolate-stop",
  "crash",
  "kill",
  "restart",
  "pause",
  "resume",
  "clock-jump",
  "clock-drift",
  "link-reset",
  "link-loss",
  "link-delay",
  "link-heal",
  "disk-torn",
  "disk-corrupt",
  "disk-error",
] as const satisfies readonly NemesisFunction[];

/** One line per fault operation, for `zabsim list nemeses`. */
export const NEMESIS_DESCRIPTIONS: { readonly [F in NemesisFunction]: string } = {
  "partition-start": "cut the listed directed links (replaces the current partition)",
  "partition-stop": "heal every cut link",
  "isolate-start": "cut one node off from the listed nodes, both ways, beside any partition",
  "isolate-stop": "end a node's isolation",
  crash: "machine crash: volatile state, timers, in-flight messages and unsynced writes are lost",
  kill: "process kill: like a crash, but the OS keeps unsynced writes and resets connections",
  restart: "start a down node again from its durable disk",
  pause: "SIGSTOP / GC pause: nothing is processed, timers fire late, messages queue",
  resume: "end a pause",
  "clock-jump": "move a node's wall clock by deltaUs",
  "clock-drift": "set a node's clock drift in ppm",
  "link-reset": "break the connection between two nodes (a flap)",
  "link-loss":
    "per-message chance that a connection breaks (datagram mode: that a datagram is lost)",
  "link-delay": "extra latency on links (a delay spike)",
  "link-heal": "clear link loss and delay everywhere",
  "disk-torn": "the node's next crash tears the first unsynced record it was writing",
  "disk-corrupt": "flip a character of a durable record (caught by its checksum on read)",
  "disk-error":
    "transient write error: the node's next fsync fails (EIO) and its unsynced writes are lost",
};

export interface ScheduledOp {
  /** Simulated time at which the fault is applied. */
  readonly atUs: number;
  readonly op: NemesisOp;
}

/** The op's arguments as the `value` of its history entry. */
export function nemesisValue(op: NemesisOp): Json {
  const { f: _f, ...rest } = op;
  const value = rest as { readonly [key: string]: unknown };
  const keys = Object.keys(value);
  if (keys.length === 0) return null;
  if (keys.length === 1 && keys[0] === "node") return value.node as Json;
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** `crash n2`, `partition-start n1-n2 n3->n4`, ... for traces and reports. */
export function describeNemesisOp(op: NemesisOp): string {
  switch (op.f) {
    case "partition-start":
      return `${op.f}${op.shape === undefined ? "" : ` ${op.shape}`} (${op.cuts.length} links cut)`;
    case "partition-stop":
    case "link-heal":
      return op.f;
    case "isolate-start":
      return `isolate-start ${op.node} from ${op.from.join(",")}`;
    case "isolate-stop":
      return `isolate-stop ${op.node}`;
    case "crash":
    case "kill":
    case "restart":
    case "resume":
    case "disk-torn":
    case "disk-error":
      return `${op.f} ${op.node}`;
    case "pause":
      return `pause ${op.node}${op.durationUs === undefined ? "" : ` for ${op.durationUs}us`}`;
    case "clock-jump":
      return `clock-jump ${op.node} ${op.deltaUs >= 0 ? "+" : ""}${op.deltaUs}us`;
    case "clock-drift":
      return `clock-drift ${op.node} ${op.driftPpm}ppm`;
    case "link-reset":
      return `link-reset ${op.a}-${op.b}`;
    case "link-loss":
      return `link-loss p=${op.p} ${describeLinks(op.links)}`;
    case "link-delay":
      return `link-delay +${op.extraUs}us ${describeLinks(op.links)}`;
    case "disk-corrupt":
      return `disk-corrupt ${op.node} ${"log" in op.target ? `${op.target.log}[${op.target.index}]` : op.target.file}`;
  }
}

function describeLinks(links: LinkSelector): string {
  return links === "all" ? "all links" : links.map(([a, b]) => `${a}->${b}`).join(" ");
}

/** Every node an op names, so a schedule can be checked against the cluster before it runs. */
export function nodesNamedBy(op: NemesisOp): readonly string[] {
  switch (op.f) {
    case "partition-start":
      return op.cuts.flat();
    case "link-loss":
    case "link-delay":
      return op.links === "all" ? [] : op.links.flat();
    case "link-reset":
      return [op.a, op.b];
    case "partition-stop":
    case "link-heal":
      return [];
    case "isolate-start":
      return [op.node, ...op.from];
    case "isolate-stop":
    case "crash":
    case "kill":
    case "restart":
    case "pause":
    case "resume":
    case "clock-jump":
    case "clock-drift":
    case "disk-torn":
    case "disk-corrupt":
    case "disk-error":
      return [op.node];
  }
}
