// The simulated network between nodes (indices 0..n-1). In connection mode every pair of nodes shares at
// most one TCP-like connection: FIFO in each direction, no loss or duplication inside it, and when it breaks
// everything in flight on it is lost and each end is told (`disconnected`) once it notices.
//
// What a cut link does to a connection (the defined behaviour; see README "Network semantics"):
// - A message crossing a cut direction is held, as TCP keeps retransmitting it; the other direction of the
//   same connection keeps working (a one-way partition is really one-way while the connection lives).
// - When a cut starts on an open connection, its failure is detected after a `detection` delay. If the cut
//   still stands then, the connection breaks: held and in-flight messages in both directions are lost, and
//   both ends are told at that moment. If the cut heals first, the held messages are delivered, late and in
//   order, as retransmission would, and the connection survives.
// - Opening a connection needs both directions (a handshake): across any cut, a connect attempt times out
//   after a `detection` delay and the sender is told `disconnected`; the message is lost.
// - Until an end has been told of a break, what it sends on the dead connection is lost silently.
import type { Prng } from "../prng/index.js";
import type { NetworkConfig } from "./config.js";
import { MessageFifo } from "./fifo.js";
import { sampleLatency } from "./latency.js";

/** How a node went down: a machine crash is noticed by timeout; a killed process's OS resets its sockets. */
export type NodeDownKind = "crashed" | "killed";

/** The kernel side of the network: liveness of nodes and the scheduling of network events. */
export interface NetworkHost {
  downKind(node: number): NodeDownKind | null;
  /** A message on direction `dir` arrives at `time`; it is void if `gen` is no longer the direction's. */
  scheduleDelivery(time: number, dir: number, gen: number, msg: unknown): void;
  /** Deliver the oldest held message of direction `dir` at `time`, if `gen` is still current. */
  scheduleHeldDelivery(time: number, dir: number, gen: number): void;
  scheduleDatagram(time: number, from: number, to: number, msg: unknown): void;
  /** Tell `node` that its connection to `peer` broke, if `gen` is still current for that end. */
  scheduleNotify(time: number, node: number, peer: number, gen: number): void;
  /** Re-examine a cut connection after its detection delay, if `gen` is still current for the pair. */
  scheduleBreakCheck(time: number, pair: number, gen: number): void;
}

export interface NetworkStats {
  sent: number;
  delivered: number;
  /** Lost because the connection broke, or dropped as datagrams. */
  lost: number;
  /** Connections opened (including reconnects). */
  connects: number;
  /** Connections broken by faults, crashes or closes. */
  breaks: number;
  duplicated: number;
}

export class Network {
  readonly nodeCount: number;
  readonly stats: NetworkStats = {
    sent: 0,
    delivered: 0,
    lost: 0,
    connects: 0,
    breaks: 0,
    duplicated: 0,
  };
  readonly #config: NetworkConfig;
  readonly #rng: Prng;
  readonly #host: NetworkHost;
  /** `cut[from * n + to]`: messages from `from` do not reach `to`. */
  #cut: Uint8Array;
  // Per direction (from * n + to).
  /** Messages scheduled to arrive (each its own event), not yet delivered or held. */
  readonly #inFlight: Int32Array;
  readonly #dirGen: Int32Array;
  /**
   * Messages that reached a cut, and everything behind them, in order; created on first use. While a
   * direction has held messages, later arrivals queue behind them, so FIFO survives the heal.
   */
  readonly #held: (MessageFifo | undefined)[];
  /** A chain of held deliveries is running for the direction. */
  readonly #draining: Uint8Array;
  readonly #lastArriveUs: Float64Array;
  readonly #lossP: Float64Array;
  readonly #extraDelayUs: Float64Array;
  /** Per end (node * n + peer): a break notification is scheduled, not yet handed to the node. */
  readonly #notifyScheduled: Uint8Array;
  readonly #notifyGen: Int32Array;
  /** Per end: break notifications handed to the node that it has not processed yet. */
  readonly #untold: Int32Array;
  /** Per end: the id of the last connection this end closed itself (-1: none). */
  readonly #closedByEnd: Int32Array;
  // Per unordered pair (min * n + max).
  readonly #open: Uint8Array;
  /** Per pair: the id of the current or last connection, counting from 1. */
  readonly #connId: Int32Array;
  readonly #breakGen: Int32Array;
  readonly #breakPending: Uint8Array;
  #datagramLoss: number;

  constructor(nodeCount: number, config: NetworkConfig, rng: Prng, host: NetworkHost) {
    const slots = nodeCount * nodeCount;
    this.nodeCount = nodeCount;
    this.#config = config;
    this.#rng = rng;
    this.#host = host;
    this.#cut = new Uint8Array(slots);
    this.#inFlight = new Int32Array(slots);
    this.#dirGen = new Int32Array(slots);
    this.#held = new Array(slots).fill(undefined);
    this.#draining = new Uint8Array(slots);
    this.#lastArriveUs = new Float64Array(slots);
    this.#lossP = new Float64Array(slots);
    this.#extraDelayUs = new Float64Array(slots);
    this.#notifyScheduled = new Uint8Array(slots);
    this.#notifyGen = new Int32Array(slots);
    this.#untold = new Int32Array(slots);
    this.#closedByEnd = new Int32Array(slots).fill(-1);
    this.#open = new Uint8Array(slots);
    this.#connId = new Int32Array(slots);
    this.#breakGen = new Int32Array(slots);
    this.#breakPending = new Uint8Array(slots);
    this.#datagramLoss = config.datagramLoss;
  }

  get mode(): NetworkConfig["mode"] {
    return this.#config.mode;
  }

  isCut(from: number, to: number): boolean {
    return this.#cut[from * this.nodeCount + to] === 1;
  }

  isOpen(a: number, b: number): boolean {
    return this.#open[this.#pair(a, b)] === 1;
  }

  /** Messages on a direction not yet delivered: in flight, or held by a cut. */
  inFlight(from: number, to: number): number {
    const dir = from * this.nodeCount + to;
    return (this.#inFlight[dir] as number) + (this.#held[dir]?.length ?? 0);
  }

  send(nowUs: number, from: number, to: number, msg: unknown): void {
    this.stats.sent++;
    if (this.#config.mode === "datagram") {
      this.#sendDatagram(nowUs, from, to, msg);
      return;
    }
    const n = this.nodeCount;
    const dir = from * n + to;
    const pair = this.#pair(from, to);
    // The sender still holds the dead socket of a broken connection (even if the peer has since opened a new
    // one): until it is told, what it writes there goes nowhere.
    if (
      this.isUntold(from, to) ||
      (this.#open[pair] === 0 && !this.#connect(nowUs, from, to, pair))
    ) {
      this.stats.lost++;
      return;
    }
    const lossP = this.#lossP[dir] as number;
    if (lossP > 0 && this.#rng.chance(lossP)) {
      // Too much loss on the link: TCP gives up and the connection breaks; the ends notice by timeout.
      this.stats.lost++;
      this.#breakNow(nowUs, pair, true);
      return;
    }
    const latency =
      sampleLatency(this.#config.latency, this.#rng) + (this.#extraDelayUs[dir] as number);
    const arriveUs = Math.max(nowUs + latency, this.#lastArriveUs[dir] as number);
    this.#lastArriveUs[dir] = arriveUs;
    // Arrival times never decrease on a direction and ties run in scheduling order: FIFO.
    this.#inFlight[dir] = (this.#inFlight[dir] as number) + 1;
    this.#host.scheduleDelivery(arriveUs, dir, this.#dirGen[dir] as number, msg);
  }

  /**
   * A message on direction `dir` arrives. True when it is delivered now; false when the event is void (the
   * connection broke) or the message is held: its direction is cut, or older messages are still held.
   */
  arrive(nowUs: number, dir: number, gen: number, msg: unknown): boolean {
    if (gen !== this.#dirGen[dir]) return false;
    this.#inFlight[dir] = (this.#inFlight[dir] as number) - 1;
    const held = this.#held[dir];
    if (this.#cut[dir] === 0 && (held === undefined || held.length === 0)) {
      this.stats.delivered++;
      return true;
    }
    this.#heldFifo(dir).push(msg, nowUs);
    return false;
  }

  /** The next held message of a healed direction is due: returns it, or undefined if none may go now. */
  deliverHeld(nowUs: number, dir: number, gen: number): unknown {
    if (gen !== this.#dirGen[dir]) return undefined;
    const held = this.#held[dir];
    if (this.#cut[dir] === 1 || held === undefined || held.length === 0) {
      this.#draining[dir] = 0;
      return undefined;
    }
    const msg = held.shift();
    if (held.length > 0)
      this.#host.scheduleHeldDelivery(Math.max(held.headArrival(), nowUs), dir, gen);
    else this.#draining[dir] = 0;
    this.stats.delivered++;
    return msg;
  }

  /** A datagram arrives: it is lost if its link is cut now or its receiver is down. */
  acceptDatagram(from: number, to: number): boolean {
    const ok = this.#cut[from * this.nodeCount + to] === 0 && this.#host.downKind(to) === null;
    if (ok) this.stats.delivered++;
    else this.stats.lost++;
    return ok;
  }

  /**
   * A break notification for `node` about `peer` is due: true when it still stands, and it is handed to the
   * node (which may be paused and process it later).
   */
  handOverNotify(node: number, peer: number, gen: number): boolean {
    const end = node * this.nodeCount + peer;
    if (gen !== this.#notifyGen[end] || this.#notifyScheduled[end] === 0) return false;
    this.#handOver(end);
    return true;
  }

  /**
   * Before a message from `peer` reaches `node`: if `node` has a break notification still on its way, it is
   * handed over now, first — a new connection from the peer reveals that the old one is dead.
   */
  flushNotify(node: number, peer: number): boolean {
    const end = node * this.nodeCount + peer;
    if (this.#notifyScheduled[end] === 0) return false;
    this.#handOver(end);
    return true;
  }

  /** `node` has processed one `disconnected` input about `peer`. */
  notifyProcessed(node: number, peer: number): void {
    const end = node * this.nodeCount + peer;
    this.#untold[end] = Math.max(0, (this.#untold[end] as number) - 1);
  }

  /**
   * Whether `node` still holds the dead socket of a broken connection to `peer`: a notification is on its
   * way or waits unprocessed (a paused process learns nothing while it sleeps). Its writes go nowhere.
   */
  isUntold(node: number, peer: number): boolean {
    const end = node * this.nodeCount + peer;
    return this.#notifyScheduled[end] === 1 || (this.#untold[end] as number) > 0;
  }

  /** The detection delay after a cut: break the connection if the cut still stands. */
  checkBreak(nowUs: number, pair: number, gen: number): boolean {
    if (gen !== this.#breakGen[pair] || this.#breakPending[pair] === 0) return false;
    this.#breakPending[pair] = 0;
    const a = Math.floor(pair / this.nodeCount);
    const b = pair % this.nodeCount;
    if (!this.isCut(a, b) && !this.isCut(b, a)) return false;
    this.#breakNow(nowUs, pair, false);
    return true;
  }

  /** The id of the pair's current (or last) connection. */
  connectionId(a: number, b: number): number {
    return this.#connId[this.#pair(a, b)] as number;
  }

  /**
   * Whether `node` closed connection `connId` to `peer` itself. A paused node may hold messages that arrived
   * on a connection it then closes when it resumes; like unread data in a closed socket, they are gone.
   */
  closedByEnd(node: number, peer: number, connId: number): boolean {
    return connId <= (this.#closedByEnd[node * this.nodeCount + peer] as number);
  }

  /** `from` closes its connection to `to` (an abortive close: in-flight messages are lost both ways). */
  close(nowUs: number, from: number, to: number): void {
    const n = this.nodeCount;
    const pair = this.#pair(from, to);
    this.#closedByEnd[from * n + to] = this.#connId[pair] as number;
    this.#cancelNotify(from * n + to);
    if (this.#open[pair] === 0) return;
    this.#discard(pair);
    const delay = this.isCut(from, to) ? this.#detection() : this.#latency();
    this.#notify(nowUs + delay, to, from);
  }

  /** Reset the connection between two nodes (a link flap): both ends learn after one latency. */
  reset(nowUs: number, a: number, b: number): void {
    const pair = this.#pair(a, b);
    if (this.#open[pair] === 0) return;
    this.#discard(pair);
    this.#notify(nowUs + (this.isCut(b, a) ? this.#detection() : this.#latency()), a, b);
    this.#notify(nowUs + (this.isCut(a, b) ? this.#detection() : this.#latency()), b, a);
  }

  /**
   * Replaces the set of cut links. Open connections newly cut get a detection deadline; connections whose cut
   * healed before it keep going, and their held messages are re-sent in order.
   */
  setCuts(nowUs: number, cut: Uint8Array): void {
    const n = this.nodeCount;
    this.#cut = cut;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) this.#recheckPair(nowUs, a * n + b, a, b);
    }
    for (let dir = 0; dir < n * n; dir++) {
      if (cut[dir] === 0 && this.#draining[dir] === 0 && (this.#held[dir]?.length ?? 0) > 0) {
        this.#retime(nowUs, dir);
      }
    }
  }

  /** A node went down: its connections break now; its peers notice by timeout, or by reset if killed. */
  nodeDown(nowUs: number, node: number, kind: NodeDownKind): void {
    const n = this.nodeCount;
    for (let peer = 0; peer < n; peer++) {
      if (peer === node) continue;
      const end = node * n + peer;
      this.#cancelNotify(end);
      this.#untold[end] = 0;
      const pair = this.#pair(node, peer);
      if (this.#open[pair] === 0) continue;
      this.#discard(pair);
      const byReset = kind === "killed" && !this.isCut(node, peer);
      this.#notify(nowUs + (byReset ? this.#latency() : this.#detection()), peer, node);
    }
  }

  /** Per-direction chance that a message breaks its connection (datagram mode: is dropped). */
  setLinkLoss(from: number, to: number, p: number): void {
    this.#lossP[from * this.nodeCount + to] = p;
  }

  /** Extra latency on a direction, e.g. a delay spike. */
  setExtraDelay(from: number, to: number, extraUs: number): void {
    this.#extraDelayUs[from * this.nodeCount + to] = extraUs;
  }

  setDatagramLoss(p: number): void {
    this.#datagramLoss = p;
  }

  #pair(a: number, b: number): number {
    return a < b ? a * this.nodeCount + b : b * this.nodeCount + a;
  }

  #latency(): number {
    return sampleLatency(this.#config.latency, this.#rng);
  }

  #detection(): number {
    return sampleLatency(this.#config.detection, this.#rng);
  }

  /** Opens a connection for a send; false (and the sender is told later) when that is impossible. */
  #connect(nowUs: number, from: number, to: number, pair: number): boolean {
    const down = this.#host.downKind(to);
    const cut = this.isCut(from, to) || this.isCut(to, from);
    if (down !== null || cut) {
      // A refused connect (killed process, link up) fails in a round trip; otherwise it times out.
      const delay = down === "killed" && !cut ? 2 * this.#latency() : this.#detection();
      this.#notify(nowUs + delay, from, to);
      return false;
    }
    this.#open[pair] = 1;
    this.#connId[pair] = (this.#connId[pair] as number) + 1;
    this.stats.connects++;
    return true;
  }

  #recheckPair(nowUs: number, pair: number, a: number, b: number): void {
    if (this.#open[pair] === 0) return;
    const cutNow = this.isCut(a, b) || this.isCut(b, a);
    if (cutNow && this.#breakPending[pair] === 0) {
      this.#breakPending[pair] = 1;
      this.#host.scheduleBreakCheck(
        nowUs + this.#detection(),
        pair,
        this.#breakGen[pair] as number,
      );
    } else if (!cutNow && this.#breakPending[pair] === 1) {
      this.#breakPending[pair] = 0;
      this.#breakGen[pair] = (this.#breakGen[pair] as number) + 1;
    }
  }

  /** Held messages of a healed direction go out again, each with a fresh latency, in order. */
  #retime(nowUs: number, dir: number): void {
    const held = this.#heldFifo(dir);
    const extraUs = this.#extraDelayUs[dir] as number;
    let lastUs = nowUs;
    held.retime((previousUs) => {
      lastUs = Math.max(nowUs + this.#latency() + extraUs, previousUs);
      return lastUs;
    });
    this.#lastArriveUs[dir] = Math.max(lastUs, this.#lastArriveUs[dir] as number);
    this.#draining[dir] = 1;
    this.#host.scheduleHeldDelivery(held.headArrival(), dir, this.#dirGen[dir] as number);
  }

  #heldFifo(dir: number): MessageFifo {
    let held = this.#held[dir];
    if (held === undefined) {
      held = new MessageFifo();
      this.#held[dir] = held;
    }
    return held;
  }

  /** Breaks a connection now; both ends are told after a detection delay, or at once if `now` is detection. */
  #breakNow(nowUs: number, pair: number, byTimeout: boolean): void {
    const a = Math.floor(pair / this.nodeCount);
    const b = pair % this.nodeCount;
    this.#discard(pair);
    this.#notify(byTimeout ? nowUs + this.#detection() : nowUs, a, b);
    this.#notify(byTimeout ? nowUs + this.#detection() : nowUs, b, a);
  }

  /** Closes the pair's connection: everything in flight is lost and late events become stale. */
  #discard(pair: number): void {
    const n = this.nodeCount;
    const a = Math.floor(pair / n);
    const b = pair % n;
    this.#open[pair] = 0;
    this.#breakPending[pair] = 0;
    this.#breakGen[pair] = (this.#breakGen[pair] as number) + 1;
    this.stats.breaks++;
    for (const dir of [a * n + b, b * n + a]) {
      this.stats.lost += (this.#inFlight[dir] as number) + (this.#held[dir]?.clear() ?? 0);
      this.#inFlight[dir] = 0;
      this.#dirGen[dir] = (this.#dirGen[dir] as number) + 1;
      this.#draining[dir] = 0;
      this.#lastArriveUs[dir] = 0;
    }
  }

  /**
   * Schedules telling `node` about a break, unless it is down or a notification is already on its way (the
   * node has seen nothing of any connection since, so one `disconnected` covers both).
   */
  #notify(timeUs: number, node: number, peer: number): void {
    const end = node * this.nodeCount + peer;
    if (this.#host.downKind(node) !== null || this.#notifyScheduled[end] === 1) return;
    this.#notifyScheduled[end] = 1;
    this.#host.scheduleNotify(timeUs, node, peer, this.#notifyGen[end] as number);
  }

  #handOver(end: number): void {
    this.#cancelNotify(end);
    this.#untold[end] = (this.#untold[end] as number) + 1;
  }

  #cancelNotify(end: number): void {
    this.#notifyScheduled[end] = 0;
    this.#notifyGen[end] = (this.#notifyGen[end] as number) + 1;
  }

  #sendDatagram(nowUs: number, from: number, to: number, msg: unknown): void {
    const dir = from * this.nodeCount + to;
    const lossP = Math.max(this.#datagramLoss, this.#lossP[dir] as number);
    if (this.#cut[dir] === 1 || (lossP > 0 && this.#rng.chance(lossP))) {
      this.stats.lost++;
      return;
    }
    const copies = this.#rng.chance(this.#config.datagramDuplicate) ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    for (let copy = 0; copy < copies; copy++) {
      const latency = this.#latency() + (this.#extraDelayUs[dir] as number);
      this.#host.scheduleDatagram(nowUs + latency, from, to, msg);
    }
  }
}
