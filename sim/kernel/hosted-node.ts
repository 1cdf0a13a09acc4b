// One node as the kernel hosts it: the protocol and its state, and everything that is not the protocol's
// to own — lifecycle, clock, disk, timers, and the inbox that fills while the node is paused.
import type { Input, Message, Micros, NodeContext, NodeId, NodeProtocol } from "../api/index.js";
import { type ClockConfig, NodeClock } from "../clock/index.js";
import { Disk } from "../disk/index.js";
import type { NodeDownKind } from "../network/index.js";
import type { Prng } from "../prng/index.js";

export type NodeStatus = "up" | "paused" | "down";

export interface NodeOptions {
  readonly clock?: ClockConfig;
  /** When the node first starts (default 0). Until then it is down. */
  readonly startAtUs?: number;
}

export interface PendingTimer {
  gen: number;
  /** Deadline on the node's timer clock. */
  readonly deadline: number;
}

/** An input that reached a paused node, processed in arrival order when it resumes. */
export interface HeldInput {
  readonly input: Input<Message>;
  /** For timers: the generation that must still be current when the input is finally processed. */
  readonly gen: number;
  readonly peer: number;
  /** For messages over a connection: its id, so a message of a connection closed meanwhile is dropped. */
  readonly conn: number;
  /** Trace kind index and hash label, as computed when the input arrived. */
  readonly kind: number;
  readonly label: string;
}

/** The context handed to each step; one object per node, its clock reading refreshed before each step. */
class HostedContext implements NodeContext {
  readonly self: NodeId;
  readonly nodes: readonly NodeId[];
  readonly random: Prng;
  readonly disk: Disk;
  nowUs = 0 as Micros;

  constructor(self: NodeId, nodes: readonly NodeId[], random: Prng, disk: Disk) {
    this.self = self;
    this.nodes = nodes;
    this.random = random;
    this.disk = disk;
  }
}

export class HostedNode {
  readonly index: number;
  readonly id: NodeId;
  readonly protocol: NodeProtocol<unknown, Message>;
  readonly clock: NodeClock;
  readonly disk = new Disk();
  readonly timers = new Map<string, PendingTimer>();
  readonly context: HostedContext;
  state: unknown = undefined;
  status: NodeStatus = "down";
  downKind: NodeDownKind | null = "crashed";
  /** Bumped on every crash, so events of an earlier life are recognised as stale. */
  incarnation = 0;
  pauseGen = 0;
  timerGen = 0;
  lastFsyncUs = 0;
  inbox: HeldInput[] = [];
  /** The node's fsync-latency stream (`disk/<id>`), looked up at its first fsync: no name built per fsync. */
  diskRandom: Prng | null = null;

  constructor(
    index: number,
    id: NodeId,
    protocol: NodeProtocol<unknown, Message>,
    random: Prng,
    nodes: readonly NodeId[],
    clock: ClockConfig,
  ) {
    this.index = index;
    this.id = id;
    this.protocol = protocol;
    this.clock = new NodeClock(clock);
    this.context = new HostedContext(id, nodes, random, this.disk);
  }

  /** Refreshes the context's clock reading for a step at simulated time `nowUs`. */
  contextAt(nowUs: number): NodeContext {
    this.context.nowUs = this.clock.localAt(nowUs) as Micros;
    return this.context;
  }
}
