// The simulation kernel: one seeded, single-threaded discrete-event loop that hosts protocol nodes, moves
// their messages over the simulated network, fires their timers on their own clocks, applies the nemesis
// schedule, and records trace, history and observations (DESIGN.md, "The kernel").
import type {
  Effect,
  Input,
  Json,
  Message,
  NodeId,
  NodeProtocol,
  Observation,
} from "../api/index.js";
import { assert, assertNever, InvariantViolation, nodeId } from "../api/index.js";
import type { NemesisOp, ScheduledOp } from "../nemesis/index.js";
import { describeNemesisOp, nemesisValue, nodesNamedBy } from "../nemesis/index.js";
import { Network, type NetworkHost, type NodeDownKind, validateNetwork } from "../network/index.js";
import { Streams } from "../prng/index.js";
import { EventQueue } from "../queue/index.js";
import { type HistoryEntry, Trace, type TraceEntry } from "../record/index.js";
import { type DiskConfig, diskConfigOf, networkConfigOf, type SimulationConfig } from "./config.js";
import { applyEffects, type EffectHost } from "./effects.js";
import * as E from "./events.js";
import { applyNemesis, type FaultHost } from "./faults.js";
import { type HeldInput, HostedNode, type NodeOptions, type NodeStatus } from "./hosted-node.js";
import { type PendingRequest, RequestBook, type SubmitOptions } from "./requests.js";

export interface RunLimits {
  /** Stop before the first event later than this simulated time. */
  readonly untilUs?: number;
  /** Stop after this many events in this call. */
  readonly maxEvents?: number;
  /**
   * Stop before the event after this many in a row at one simulated instant: simulated time is not moving (a
   * protocol looping on zero-delay timers or messages), so running on would never reach `untilUs`.
   */
  readonly maxEventsAtOneTime?: number;
}

/** `stalled`: `maxEventsAtOneTime` events in a row without simulated time moving. */
export type StopReason = "time" | "events" | "empty" | "stopped" | "stalled";

export interface RunResult {
  readonly reason: StopReason;
  readonly nowUs: number;
  /** Events processed by this call, stale ones included. */
  readonly events: number;
}

export interface ObservationRecord {
  readonly timeUs: number;
  readonly node: NodeId;
  readonly observation: Observation;
}

/**
 * One traced step, for observers such as the replay UI: the trace entry's index, the node that stepped (null
 * for a nemesis operation), the input it was given (null for a start), its state after the step and the effects
 * the step returned. Reported after the kernel event that produced it has been fully applied, in trace order.
 */
export interface StepRecord {
  readonly index: number;
  readonly timeUs: number;
  readonly node: NodeId | null;
  readonly input: Input<Message> | null;
  readonly state: unknown;
  readonly effects: readonly Effect<Message>[];
}

export interface ReplyRecord {
  readonly request: PendingRequest;
  readonly entry: HistoryEntry;
}

export class Simulation implements NetworkHost, EffectHost, FaultHost {
  readonly streams: Streams;
  readonly trace: Trace;
  readonly history: HistoryEntry[] = [];
  readonly observations: ObservationRecord[] = [];
  readonly logs: { readonly timeUs: number; readonly node: NodeId; readonly text: string }[] = [];
  readonly diskConfig: DiskConfig;
  readonly #queue = new EventQueue<E.KernelEvent>();
  readonly #nodes: HostedNode[] = [];
  readonly #nodeIds: NodeId[] = [];
  /**
   * Node name to index. A plain object rather than a Map: a keyed load from a small object with fast
   * properties is cheaper, and every send resolves its target. Membership is checked with `Object.hasOwn`.
   */
  readonly #indexByName: { [name: string]: number } = {};
  readonly #requests = new RequestBook();
  /** The partition in force (null: none yet) and the isolations beside it, by node index (faults.ts). */
  #partitionCuts: Uint8Array | null = null;
  readonly #isolations = new Map<number, readonly number[]>();
  readonly #config: SimulationConfig;
  #network: Network | null = null;
  /** The network once the simulation has started; `#network` without the null, for the hot path. */
  #net = null as unknown as Network;
  readonly #keepTrace: boolean;
  #connectionMode = true;
  /** Direction index (from * n + to) to its ends, to spare a division per delivery. */
  #dirFrom = new Int32Array(0);
  #dirTo = new Int32Array(0);
  #nowUs = 0;
  #eventCount = 0;
  #stopRequested = false;
  #replyListener: ((reply: ReplyRecord) => void) | null = null;
  #observationListener: ((record: ObservationRecord) => void) | null = null;
  /** Listeners added beside the one `onObservation` sets (a system driver and a test both listening). */
  readonly #observationListeners: ((record: ObservationRecord) => void)[] = [];
  #stepListener: ((step: StepRecord) => void) | null = null;
  /** Steps of the current kernel event, reported once it has been applied (only with a step listener). */
  #pendingSteps: StepRecord[] = [];

  constructor(config: SimulationConfig) {
    this.#config = config;
    validateNetwork(networkConfigOf(config));
    this.streams = new Streams(config.seed);
    this.trace = new Trace(config.keepTrace === true);
    this.#keepTrace = config.keepTrace === true;
    this.diskConfig = diskConfigOf(config);
  }

  get nowUs(): number {
    return this.#nowUs;
  }

  get eventCount(): number {
    return this.#eventCount;
  }

  get traceHash(): string {
    return this.trace.hash;
  }

  get network(): Network {
    return this.#network ?? this.#freeze();
  }

  get nodeIds(): readonly NodeId[] {
    return this.#nodeIds;
  }

  /** Adds a node; all nodes must be added before the first `run`. */
  addNode<S, M extends Message>(
    id: string,
    protocol: NodeProtocol<S, M>,
    options: NodeOptions = {},
  ): NodeId {
    assert(this.#network === null, "nodes must be added before the simulation starts");
    const name = nodeId(id);
    assert(!Object.hasOwn(this.#indexByName, name), `node ${name} added twice`);
    const index = this.#nodes.length;
    const random = this.streams.get(`node/${name}`);
    const hosted = protocol as unknown as NodeProtocol<unknown, Message>;
    const node = new HostedNode(index, name, hosted, random, this.#nodeIds, options.clock ?? {});
    this.#nodes.push(node);
    this.#nodeIds.push(name);
    this.#indexByName[name] = index;
    this.#push(options.startAtUs ?? 0, E.EV_START, index, 0, 0, null);
    return name;
  }

  /** Schedules nemesis operations; they are applied at their times and recorded in the history. */
  schedule(ops: readonly ScheduledOp[]): void {
    for (const { atUs, op } of ops) {
      assert(
        Number.isSafeInteger(atUs) && atUs >= this.#nowUs,
        `nemesis op at ${atUs}us is in the past`,
      );
      for (const name of nodesNamedBy(op)) {
        assert(
          Object.hasOwn(this.#indexByName, name),
          () => `nemesis op ${op.f} at ${atUs}us names unknown node '${name}'`,
        );
      }
      this.#push(atUs, E.EV_NEMESIS, -1, 0, 0, op);
    }
  }

  /** Schedules a client operation for a node; returns its request id. */
  submit(options: SubmitOptions): number {
    const node = this.#index(options.node);
    const request = this.#requests.create(options, node);
    this.#push(Math.max(options.atUs, this.#nowUs), E.EV_REQUEST, node, 0, 0, request);
    return request.requestId;
  }

  /**
   * Hands a node a message from itself, now: after the events already due at this instant, held while the node
   * is paused, dropped if it is down or restarts first. How a host outside the protocol (the app host, whose
   * asynchronous code runs between events) turns what happened there into a step of the node: traced,
   * fingerprinted and hashed like a delivery.
   */
  post(node: string, msg: Message): void {
    const index = this.#index(node);
    this.#push(this.#nowUs, E.EV_POST, index, this.#node(index).incarnation, 0, msg);
  }

  onReply(listener: (reply: ReplyRecord) => void): void {
    this.#replyListener = listener;
  }

  /** Sets the observation listener, replacing the one set before (not those added with `addObservationListener`). */
  onObservation(listener: (record: ObservationRecord) => void): void {
    this.#observationListener = listener;
  }

  /** Adds a listener that sees every observation after the one `onObservation` set, in the order added. */
  addObservationListener(listener: (record: ObservationRecord) => void): void {
    this.#observationListeners.push(listener);
  }

  /** Reports every traced step (costs one check per event when unset). */
  onStep(listener: (step: StepRecord) => void): void {
    this.#stepListener = listener;
  }

  /** Asks the loop to stop after the current event. */
  stop(): void {
    this.#stopRequested = true;
  }

  statusOf(id: string): NodeStatus {
    return this.#node(this.#index(id)).status;
  }

  stateOf(id: string): unknown {
    return this.#node(this.#index(id)).state;
  }

  nodeOf(id: string): HostedNode {
    return this.#node(this.#index(id));
  }

  get traceEntries(): readonly TraceEntry[] {
    return this.trace.entries;
  }

  run(limits: RunLimits = {}): RunResult {
    const network = this.network;
    const untilUs = limits.untilUs ?? Number.POSITIVE_INFINITY;
    const maxEvents = limits.maxEvents ?? Number.POSITIVE_INFINITY;
    const maxAtOneTime = limits.maxEventsAtOneTime ?? Number.POSITIVE_INFINITY;
    const queue = this.#queue;
    this.#stopRequested = false;
    let events = 0;
    let atOneTime = 0;
    let lastUs = this.#nowUs;
    let reason: StopReason = "empty";
    // The count is kept even when a step throws (the runner reports where a crashed run stopped).
    try {
      for (;;) {
        const next = queue.peek();
        if (next === undefined) break;
        if (next.time > untilUs) {
          reason = "time";
          break;
        }
        if (events >= maxEvents) {
          reason = "events";
          break;
        }
        if (next.time !== lastUs) {
          lastUs = next.time;
          atOneTime = 0;
        } else if (++atOneTime > maxAtOneTime) {
          reason = "stalled";
          break;
        }
        queue.pop();
        this.#nowUs = next.time;
        events++;
        this.#dispatch(next, network);
        if (this.#pendingSteps.length > 0) this.#flushSteps();
        if (this.#stopRequested) {
          reason = "stopped";
          break;
        }
      }
    } finally {
      this.#eventCount += events;
    }
    // Time passes up to the limit even when nothing happens in it.
    if (reason === "time" || (reason === "empty" && untilUs !== Number.POSITIVE_INFINITY)) {
      this.#nowUs = Math.max(this.#nowUs, untilUs);
    }
    return { reason, nowUs: this.#nowUs, events };
  }

  // ---- dispatch -------------------------------------------------------------------------------------

  #dispatch(ev: E.KernelEvent, network: Network): void {
    switch (ev.kind) {
      case E.EV_DELIVER:
        if (network.arrive(this.#nowUs, ev.a, ev.b, ev.data)) {
          this.#deliver(
            this.#dirFrom[ev.a] as number,
            this.#dirTo[ev.a] as number,
            ev.data as Message,
          );
        }
        return;
      case E.EV_DELIVER_HELD: {
        const msg = network.deliverHeld(this.#nowUs, ev.a, ev.b);
        if (msg !== undefined)
          this.#deliver(this.#dirFrom[ev.a] as number, this.#dirTo[ev.a] as number, msg as Message);
        return;
      }
      case E.EV_DATAGRAM:
        if (network.acceptDatagram(ev.a, ev.node)) this.#deliver(ev.a, ev.node, ev.data as Message);
        return;
      case E.EV_TIMER:
        this.#fireTimer(ev);
        return;
      case E.EV_NOTIFY:
        if (network.handOverNotify(ev.node, ev.a, ev.b)) this.#notifyDisconnected(ev.node, ev.a);
        return;
      case E.EV_BREAK_CHECK:
        network.checkBreak(this.#nowUs, ev.a, ev.b);
        return;
      default:
        this.#dispatchRare(ev);
    }
  }

  #dispatchRare(ev: E.KernelEvent): void {
    switch (ev.kind) {
      case E.EV_START:
        this.#startTogether(ev);
        return;
      case E.EV_FSYNC:
        this.#completeFsync(ev);
        return;
      case E.EV_REQUEST:
        this.#request(this.#node(ev.node), ev.data as PendingRequest);
        return;
      case E.EV_NEMESIS:
        this.#nemesis(ev.data as NemesisOp);
        return;
      case E.EV_POST: {
        const node = this.#node(ev.node);
        if (node.status === "down" || node.incarnation !== ev.a) return;
        const msg = ev.data as Message;
        this.#input(node, { kind: "message", from: node.id, msg }, 0, -1, K_MESSAGE, msg.type);
        return;
      }
      case E.EV_RESUME: {
        const node = this.#node(ev.node);
        if (node.status === "paused" && node.pauseGen === ev.a) this.resume(node);
        return;
      }
      default:
        assert(false, `unknown kernel event kind ${ev.kind}`);
    }
  }

  #deliver(from: number, to: number, msg: Message): void {
    const node = this.#node(to);
    if (this.#connectionMode && this.#net.flushNotify(to, from)) {
      this.#input(
        node,
        { kind: "disconnected", peer: this.#id(from) },
        0,
        from,
        K_DISCONNECTED,
        "disconnected",
      );
    }
    this.#input(node, { kind: "message", from: this.#id(from), msg }, 0, from, K_MESSAGE, msg.type);
  }

  #fireTimer(ev: E.KernelEvent): void {
    const node = this.#node(ev.node);
    if (node.incarnation !== ev.a || node.status === "down") return;
    const name = ev.data as string;
    if (node.timers.get(name)?.gen !== ev.b) return;
    this.#input(node, { kind: "timer", timer: name }, ev.b, -1, K_TIMER, name);
  }

  #notifyDisconnected(node: number, peer: number): void {
    const hosted = this.#node(node);
    if (hosted.status === "down") return;
    this.#input(
      hosted,
      { kind: "disconnected", peer: this.#id(peer) },
      0,
      peer,
      K_DISCONNECTED,
      "disconnected",
    );
  }

  #completeFsync(ev: E.KernelEvent): void {
    const node = this.#node(ev.node);
    if (node.incarnation !== ev.a || node.status === "down") return;
    const synced = node.disk.completeSync(ev.b);
    if (ev.data === null) return;
    const token = ev.data as number;
    // The label feeds the trace hash, so a failed fsync hashes apart from a completed one.
    const input: Input<Message> = synced
      ? { kind: "fsync-done", token }
      : { kind: "fsync-done", token, failed: true };
    this.#input(node, input, 0, -1, K_FSYNC_DONE, synced ? "fsync-done" : "fsync-failed");
  }

  #request(node: HostedNode, request: PendingRequest): void {
    this.history.push(this.#requests.invoke(request, this.#nowUs));
    if (node.status === "down") {
      this.#complete(request, "fail", null, { error: "node-down" });
      return;
    }
    const input: Input<Message> = { kind: "request", request: request.clientRequest };
    this.#input(node, input, 0, -1, K_REQUEST, request.clientRequest.f);
  }

  /**
   * Gives an input to a node now, or holds it until the node resumes. `gen` is a timer's generation: the
   * timer may have been re-set or cancelled by the time a held input is processed.
   */
  #input(
    node: HostedNode,
    input: Input<Message>,
    gen: number,
    peer: number,
    kind: number,
    label: string,
  ): void {
    if (node.status === "paused") {
      const conn =
        input.kind === "message" && peer >= 0 && this.#connectionMode
          ? this.network.connectionId(peer, node.index)
          : -1;
      node.inbox.push({ input, gen, peer, kind, label, conn });
      return;
    }
    // `kind` says what the input is without reading it: one load less per event on the hot path.
    if (kind === K_TIMER) node.timers.delete(label);
    else if (kind === K_DISCONNECTED) this.#net.notifyProcessed(node.index, peer);
    const describe = this.#keepTrace ? () => this.#describeInput(node, input) : null;
    this.trace.record(this.#nowUs, kind, node.index, peer, label, describe);
    if (kind === K_MESSAGE) this.trace.message(node.protocol, (input as MessageInput).msg);
    else if (kind === K_REQUEST) this.trace.requestValue((input as RequestInput).request.value);
    const result = node.protocol.step(node.state, input, node.contextAt(this.#nowUs));
    node.state = result.state;
    if (this.#stepListener !== null) this.#pendStep(node.id, input, result.state, result.effects);
    applyEffects(this, node, result.effects);
  }

  #pendStep(
    node: NodeId | null,
    input: Input<Message> | null,
    state: unknown,
    effects: readonly Effect<Message>[],
  ): void {
    const index = this.trace.count - 1;
    this.#pendingSteps.push({ index, timeUs: this.#nowUs, node, input, state, effects });
  }

  #flushSteps(): void {
    const steps = this.#pendingSteps.sort((a, b) => a.index - b.index);
    this.#pendingSteps = [];
    for (const step of steps) this.#stepListener?.(step);
  }

  #describeInput(node: HostedNode, input: Input<Message>): { node: string; text: string } {
    switch (input.kind) {
      case "message": {
        const text = node.protocol.describeMessage?.(input.msg) ?? compactJson(input.msg);
        return { node: node.id, text: `${input.from}->${node.id} ${text}` };
      }
      case "timer":
        return { node: node.id, text: `timer ${input.timer}` };
      case "request":
        return {
          node: node.id,
          text: `request #${input.request.requestId} ${input.request.f} ${compactJson(input.request.value)}`,
        };
      case "disconnected":
        return { node: node.id, text: `disconnected from ${input.peer}` };
      case "fsync-done":
        return {
          node: node.id,
          text: `fsync-done token=${input.token}${input.failed === true ? " FAILED" : ""}`,
        };
      default:
        return assertNever(input, "input");
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  /**
   * Nodes whose first start falls at the same instant boot together: all of them are up before any of their
   * initial effects apply, so none finds the others' ports closed merely because it was initialised first.
   */
  #startTogether(first: E.KernelEvent): void {
    const batch = [this.#node(first.node)];
    for (
      let next = this.#queue.peek();
      next?.kind === E.EV_START && next.time === first.time;
      next = this.#queue.peek()
    ) {
      this.#queue.pop();
      batch.push(this.#node(next.node));
    }
    const started = batch.map((node) => this.#boot(node));
    started.forEach((effects, i) => {
      if (effects !== null) applyEffects(this, batch[i] as HostedNode, effects);
    });
  }

  /** Brings a down node up and runs its `init`; returns the effects to apply, or null if it was up. */
  #boot(node: HostedNode): readonly Effect<Message>[] | null {
    if (node.status !== "down") return null;
    node.status = "up";
    node.downKind = null;
    const describe = this.trace.keepsEntries
      ? () => ({
          node: node.id,
          text: `start ${node.protocol.name} (incarnation ${node.incarnation})`,
        })
      : null;
    this.trace.record(this.#nowUs, 0, node.index, -1, node.protocol.name, describe);
    const result = node.protocol.init(node.contextAt(this.#nowUs));
    node.state = result.state;
    if (this.#stepListener !== null) this.#pendStep(node.id, null, result.state, result.effects);
    return result.effects;
  }

  /** A crash or kill: everything volatile goes; outstanding client operations become indeterminate. */
  takeDown(node: HostedNode, kind: NodeDownKind): void {
    if (node.status === "down") return;
    node.status = "down";
    node.downKind = kind;
    node.incarnation++;
    node.state = undefined;
    node.timers.clear();
    node.inbox = [];
    node.lastFsyncUs = this.#nowUs;
    if (kind === "crashed") node.disk.crash();
    else node.disk.kill();
    this.network.nodeDown(this.#nowUs, node.index, kind);
    for (const request of this.#requests.outstandingAt(node.index)) {
      this.#complete(request, "info", null, {
        error: kind === "crashed" ? "node-crashed" : "node-killed",
      });
    }
  }

  restart(node: HostedNode): void {
    const effects = this.#boot(node);
    if (effects !== null) applyEffects(this, node, effects);
  }

  pause(node: HostedNode, durationUs: number | undefined): void {
    if (node.status !== "up") return;
    node.status = "paused";
    node.pauseGen++;
    if (durationUs !== undefined) {
      this.#push(this.#nowUs + durationUs, E.EV_RESUME, node.index, node.pauseGen, 0, null);
    }
  }

  /** Resumes a paused node: what reached it meanwhile is processed now, in arrival order. */
  resume(node: HostedNode): void {
    if (node.status !== "paused") return;
    node.status = "up";
    const held = node.inbox;
    node.inbox = [];
    for (const item of held) this.#replayHeld(node, item);
  }

  #replayHeld(node: HostedNode, item: HeldInput): void {
    if (node.status !== "up") {
      // Paused again or crashed by an earlier input's consequences: keep order, or drop with the node.
      if (node.status === "paused") node.inbox.push(item);
      return;
    }
    if (item.input.kind === "timer" && node.timers.get(item.input.timer)?.gen !== item.gen) return;
    if (item.conn >= 0 && this.network.closedByEnd(node.index, item.peer, item.conn)) return;
    this.#input(node, item.input, item.gen, item.peer, item.kind, item.label);
  }

  /** Re-arms every pending timer of a node after its clock changed. */
  rescheduleTimers(node: HostedNode): void {
    for (const [name, timer] of [...node.timers.entries()].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      timer.gen = ++node.timerGen;
      const at = node.clock.realTimeOf(timer.deadline, this.#nowUs);
      this.#push(at, E.EV_TIMER, node.index, node.incarnation, timer.gen, name);
    }
  }

  #nemesis(op: NemesisOp): void {
    const describe = this.trace.keepsEntries
      ? () => ({ node: "", text: describeNemesisOp(op) })
      : null;
    this.trace.record(this.#nowUs, 6, -1, -1, op.f, describe);
    if (this.#stepListener !== null) this.#pendStep(null, null, undefined, []);
    this.history.push({
      process: "nemesis",
      type: "info",
      f: op.f,
      value: nemesisValue(op),
      time: this.#nowUs * 1000,
    });
    applyNemesis(this, op);
  }

  // ---- effect and fault host -------------------------------------------------------------------------

  nodeByName(id: string): HostedNode {
    return this.#node(this.#index(id));
  }

  allNodes(): readonly HostedNode[] {
    return this.#nodes;
  }

  send(node: HostedNode, to: NodeId, msg: Message): void {
    const target = this.#index(to);
    if (target === node.index)
      throw new InvariantViolation(`${node.id} sent ${msg.type} to itself`);
    this.#net.send(this.#nowUs, node.index, target, msg);
  }

  closeConnection(node: HostedNode, peer: NodeId): void {
    const target = this.#index(peer);
    if (target === node.index)
      throw new InvariantViolation(`${node.id} closed a connection to itself`);
    this.network.close(this.#nowUs, node.index, target);
  }

  setTimer(node: HostedNode, name: string, afterUs: number): void {
    if (!(Number.isSafeInteger(afterUs) && afterUs >= 0)) {
      throw new InvariantViolation(`${node.id} timer ${name}: bad delay ${afterUs}`);
    }
    const gen = ++node.timerGen;
    const deadline = node.clock.timerClockAt(this.#nowUs) + afterUs;
    node.timers.set(name, { gen, deadline });
    const at = node.clock.realTimeOf(deadline, this.#nowUs);
    this.#push(at, E.EV_TIMER, node.index, node.incarnation, gen, name);
  }

  fsync(node: HostedNode, token: number | null, latencyUs: number): void {
    const upto = node.disk.beginSync();
    const at = Math.max(this.#nowUs + latencyUs, node.lastFsyncUs);
    node.lastFsyncUs = at;
    this.#push(at, E.EV_FSYNC, node.index, node.incarnation, upto, token);
  }

  reply(
    node: HostedNode,
    requestId: number,
    type: "ok" | "fail" | "info",
    value: Json,
    fields: { readonly [k: string]: Json },
  ): void {
    const request = this.#requests.get(requestId);
    assert(
      request !== undefined,
      () => `${node.id} replied to unknown or finished request #${requestId}`,
    );
    assert(
      request.node === node.index,
      () => `${node.id} replied to request #${requestId} of another node`,
    );
    this.#complete(request, type, value, fields);
  }

  observe(node: HostedNode, observation: Observation): void {
    const record = { timeUs: this.#nowUs, node: node.id, observation };
    this.observations.push(record);
    this.#observationListener?.(record);
    for (const listener of this.#observationListeners) listener(record);
  }

  log(node: HostedNode, text: string): void {
    this.logs.push({ timeUs: this.#nowUs, node: node.id, text });
  }

  /** The process exits (a refused start, a fatal error): traced, then down as after a kill. */
  exit(node: HostedNode, reason: string): void {
    const describe = this.trace.keepsEntries
      ? () => ({ node: node.id, text: `exit: ${reason}` })
      : null;
    this.trace.record(this.#nowUs, K_EXIT, node.index, -1, reason, describe);
    this.logs.push({ timeUs: this.#nowUs, node: node.id, text: `exit: ${reason}` });
    this.takeDown(node, "killed");
  }

  // ---- network host ------------------------------------------------------------------------------------

  downKind(node: number): NodeDownKind | null {
    return this.#node(node).downKind;
  }

  scheduleDelivery(time: number, dir: number, gen: number, msg: unknown): void {
    this.#push(time, E.EV_DELIVER, -1, dir, gen, msg);
  }

  scheduleHeldDelivery(time: number, dir: number, gen: number): void {
    this.#push(time, E.EV_DELIVER_HELD, -1, dir, gen, null);
  }

  scheduleDatagram(time: number, from: number, to: number, msg: unknown): void {
    this.#push(time, E.EV_DATAGRAM, to, from, 0, msg);
  }

  scheduleNotify(time: number, node: number, peer: number, gen: number): void {
    this.#push(time, E.EV_NOTIFY, node, peer, gen, null);
  }

  scheduleBreakCheck(time: number, pair: number, gen: number): void {
    this.#push(time, E.EV_BREAK_CHECK, -1, pair, gen, null);
  }

  get now(): number {
    return this.#nowUs;
  }

  indexOfNode(id: string): number {
    return this.#index(id);
  }

  setPartition(cut: Uint8Array): void {
    this.#partitionCuts = cut;
    this.#applyCuts();
  }

  setIsolation(node: number, peers: readonly number[]): void {
    if (peers.length === 0) this.#isolations.delete(node);
    else this.#isolations.set(node, [...peers]);
    this.#applyCuts();
  }

  /** The network's cuts: the partition's, and every isolation's both ways (in node order: a total order). */
  #applyCuts(): void {
    const n = this.network.nodeCount;
    if (this.#isolations.size === 0 && this.#partitionCuts !== null) {
      this.network.setCuts(this.#nowUs, this.#partitionCuts);
      return;
    }
    const cut = this.#partitionCuts === null ? new Uint8Array(n * n) : this.#partitionCuts.slice();
    const nodes = [...this.#isolations.keys()].sort((a, b) => a - b);
    for (const node of nodes) {
      for (const peer of this.#isolations.get(node) ?? []) {
        if (peer === node) continue;
        cut[node * n + peer] = 1;
        cut[peer * n + node] = 1;
      }
    }
    this.network.setCuts(this.#nowUs, cut);
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  #complete(
    request: PendingRequest,
    type: "ok" | "fail" | "info",
    value: Json,
    fields: { readonly [k: string]: Json },
  ): void {
    this.trace.reply(request.requestId, type, value, fields);
    const entry = this.#requests.complete(request, type, value, fields, this.#nowUs);
    this.history.push(entry);
    this.#replyListener?.({ request, entry });
  }

  #push(time: number, kind: number, node: number, a: number, b: number, data: unknown): void {
    // A fresh object per event: recycling them was measured slower (old-space write barriers).
    this.#queue.push({ time, seq: 0, kind, node, a, b, data });
  }

  #freeze(): Network {
    assert(this.#network === null, "network created twice");
    assert(this.#nodes.length > 0, "a simulation needs at least one node");
    this.#nodeIds.sort();
    const n = this.#nodes.length;
    this.#dirFrom = Int32Array.from({ length: n * n }, (_, dir) => Math.floor(dir / n));
    this.#dirTo = Int32Array.from({ length: n * n }, (_, dir) => dir % n);
    const network = new Network(
      this.#nodes.length,
      networkConfigOf(this.#config),
      this.streams.get("network"),
      this,
    );
    this.#network = network;
    this.#net = network;
    this.#connectionMode = network.mode === "connection";
    return network;
  }

  #node(index: number): HostedNode {
    const node = this.#nodes[index];
    if (node === undefined) throw new InvariantViolation(`no node with index ${index}`);
    return node;
  }

  #id(index: number): NodeId {
    return this.#node(index).id;
  }

  #index(id: string): number {
    const index = this.#indexByName[id];
    // Inherited members of Object.prototype are never numbers, so this also rejects `constructor` & co.
    if (typeof index !== "number") this.#unknownNode(id);
    return index;
  }

  #unknownNode(id: string): never {
    throw new InvariantViolation(`unknown node '${id}'`);
  }
}

type MessageInput = Extract<Input<Message>, { kind: "message" }>;
type RequestInput = Extract<Input<Message>, { kind: "request" }>;

// Trace kinds of inputs, as indices into TRACE_KINDS (sim/record).
const K_MESSAGE = 1;
const K_TIMER = 2;
const K_REQUEST = 3;
const K_DISCONNECTED = 4;
const K_FSYNC_DONE = 5;
const K_EXIT = 7;

function compactJson(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
