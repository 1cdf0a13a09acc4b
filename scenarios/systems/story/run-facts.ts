// What a story needs to know about the run beyond the failing check's own facts: the client operations by
// history position and process, each server's role over time (from its observations and the faults that took it
// down or paused it), and the partitions and isolations in force. Built once, after the run, from the kernel's
// history and observations; read only by the story writers.
import type { Json, NodeId } from "../../../sim/api/index.js";
import type { ObservationRecord } from "../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../sim/record/index.js";
import { clientLabel } from "../labels.js";

/** One client operation as a story tells it. */
export interface StoryOp {
  readonly process: number;
  /** The client's one label (`c3`, `app-1`, `leader`). */
  readonly client: string;
  readonly f: string;
  readonly value: Json;
  /** The reply's value (null when none came). */
  readonly result: Json;
  readonly outcome: "ok" | "fail" | "info" | "open";
  /** Index of the invoke line in history.jsonl. */
  readonly historyIndex: number;
  readonly invokeUs: number;
  readonly completeUs: number | null;
  readonly server: string | null;
  readonly session: number | null;
  readonly zxid: number | null;
}

/** A server's role from a time on: a ZAB role in lower case, or `down` / `paused`. */
interface RoleChange {
  readonly timeUs: number;
  readonly role: string;
}

/** The links cut at a time on (directed, `from>to`), the partition's and the isolations' together. */
interface CutChange {
  readonly timeUs: number;
  readonly cuts: ReadonlySet<string>;
}

export class RunFacts {
  readonly servers: readonly NodeId[];
  readonly #ops: StoryOp[] = [];
  readonly #byHistoryIndex = new Map<number, StoryOp>();
  readonly #byProcess = new Map<number, StoryOp[]>();
  readonly #roles = new Map<string, RoleChange[]>();
  readonly #cuts: CutChange[] = [];

  constructor(
    history: readonly HistoryEntry[],
    observations: readonly ObservationRecord[],
    servers: readonly NodeId[],
    workloadClient: (process: number) => number | undefined,
  ) {
    this.servers = servers;
    this.#readOps(history, workloadClient);
    this.#readRoles(history, observations);
    this.#readCuts(history);
  }

  /** Every client operation, in invoke order. */
  get ops(): readonly StoryOp[] {
    return this.#ops;
  }

  opAt(historyIndex: number): StoryOp | undefined {
    return this.#byHistoryIndex.get(historyIndex);
  }

  /** The process's operations in invoke order (one for a workload op; an app's slot is reused). */
  opsOf(process: number): readonly StoryOp[] {
    return this.#byProcess.get(process) ?? [];
  }

  /**
   * The node's role at `timeUs` (after every change at that time): a server's `leading`, `following`, ...;
   * any node's `down` or `paused` while a fault holds it (a client is `starting` otherwise).
   */
  roleAt(node: string, timeUs: number): string {
    const changes = this.#roles.get(node) ?? [];
    let role = "starting";
    for (const change of changes) {
      if (change.timeUs > timeUs) break;
      role = change.role;
    }
    return role;
  }

  /** The times a fault held the node (`down` or `paused`), from when to when (null: to the end). */
  heldBy(
    node: string,
  ): { readonly role: string; readonly fromUs: number; readonly toUs: number | null }[] {
    const held: { role: string; fromUs: number; toUs: number | null }[] = [];
    for (const change of this.#roles.get(node) ?? []) {
      const last = held.at(-1);
      if (last !== undefined && last.toUs === null && change.role !== last.role)
        last.toUs = change.timeUs;
      if (
        (change.role === "down" || change.role === "paused") &&
        (last?.toUs !== null || last === undefined)
      )
        held.push({ role: change.role, fromUs: change.timeUs, toUs: null });
    }
    return held;
  }

  /** The servers leading at `timeUs`, in server order. */
  leadersAt(timeUs: number): string[] {
    return this.servers.filter((s) => this.roleAt(s, timeUs) === "leading");
  }

  /**
   * Whom `node` could not reach (either way) at `timeUs`, and since when without a break; null when nothing
   * cut it off then.
   */
  cutOffAt(
    node: string,
    timeUs: number,
  ): { readonly from: string[]; readonly sinceUs: number } | null {
    let index = -1;
    for (let i = 0; i < this.#cuts.length && (this.#cuts[i]?.timeUs ?? 0) <= timeUs; i++) index = i;
    const from = index < 0 ? [] : cutPeers(node, this.#cuts[index]?.cuts ?? new Set());
    if (from.length === 0) return null;
    let since = index;
    while (since > 0 && cutPeers(node, this.#cuts[since - 1]?.cuts ?? new Set()).length > 0)
      since--;
    return { from, sinceUs: this.#cuts[since]?.timeUs ?? 0 };
  }

  #readOps(history: readonly HistoryEntry[], workloadClient: (p: number) => number | undefined) {
    const open = new Map<number, { index: number; entry: HistoryEntry }>();
    const done = new Map<number, HistoryEntry>();
    history.forEach((entry, index) => {
      if (typeof entry.process !== "number") return;
      if (entry.type === "invoke") open.set(entry.process, { index, entry });
      else {
        const invoke = open.get(entry.process);
        if (invoke !== undefined) done.set(invoke.index, entry);
        open.delete(entry.process);
      }
    });
    history.forEach((entry, index) => {
      if (typeof entry.process !== "number" || entry.type !== "invoke") return;
      const op = storyOp(entry, index, done.get(index), clientLabel(entry.process, workloadClient));
      this.#ops.push(op);
      this.#byHistoryIndex.set(index, op);
      const list = this.#byProcess.get(op.process) ?? [];
      list.push(op);
      this.#byProcess.set(op.process, list);
    });
  }

  #readRoles(history: readonly HistoryEntry[], observations: readonly ObservationRecord[]) {
    const servers: ReadonlySet<string> = new Set(this.servers);
    const changes: { timeUs: number; node: string; role: string; seq: number }[] = [];
    for (const { timeUs, node, observation } of observations) {
      if (!servers.has(node)) continue;
      if (observation.kind === "start")
        changes.push({ timeUs, node, role: "looking", seq: changes.length });
      if (observation.kind === "state")
        changes.push({
          timeUs,
          node,
          role: String(observation.role).toLowerCase(),
          seq: changes.length,
        });
    }
    // Faults change any node's state, clients' too (a paused lock holder); a timed pause ends by itself.
    for (const entry of history) {
      const role = entry.process === "nemesis" ? FAULT_ROLES[entry.f] : undefined;
      const target = faultTarget(entry.value);
      if (role === undefined || target === null) continue;
      const timeUs = Math.floor(entry.time / 1000);
      changes.push({ timeUs, node: target.node, role, seq: changes.length });
      if (role === "paused" && target.durationUs !== null)
        changes.push({
          timeUs: timeUs + target.durationUs,
          node: target.node,
          role: "resumed",
          seq: changes.length,
        });
    }
    changes.sort((a, b) => a.timeUs - b.timeUs || a.seq - b.seq);
    const lastRole = new Map<string, string>();
    for (const change of changes) {
      // A resume gives back the role the node had when it was paused.
      const role =
        change.role === "resumed"
          ? (lastRole.get(`${change.node}/paused`) ?? "starting")
          : change.role;
      if (change.role === "paused")
        lastRole.set(`${change.node}/paused`, lastRole.get(change.node) ?? "starting");
      lastRole.set(change.node, role);
      const list = this.#roles.get(change.node) ?? [];
      list.push({ timeUs: change.timeUs, role });
      this.#roles.set(change.node, list);
    }
  }

  #readCuts(history: readonly HistoryEntry[]) {
    let partition = new Set<string>();
    const isolations = new Map<string, Set<string>>();
    for (const entry of history) {
      if (entry.process !== "nemesis") continue;
      const timeUs = Math.floor(entry.time / 1000);
      if (entry.f === "partition-start") partition = linksOf(entry.value);
      else if (entry.f === "partition-stop") partition = new Set();
      else if (entry.f === "isolate-start") isolations.set(...isolationOf(entry.value));
      else if (
        entry.f === "isolate-stop" &&
        typeof entry.value === "object" &&
        entry.value !== null
      )
        isolations.delete(String((entry.value as { node?: Json }).node));
      else if (entry.f === "isolate-stop") isolations.delete(String(entry.value));
      else continue;
      const cuts = new Set(partition);
      for (const links of isolations.values()) for (const link of links) cuts.add(link);
      this.#cuts.push({ timeUs, cuts });
    }
  }
}

/** Node lifecycle faults as roles; `restart` is followed by the node's own start observation. */
const FAULT_ROLES: { readonly [f: string]: string } = {
  crash: "down",
  kill: "down",
  pause: "paused",
  resume: "resumed",
};

/** The node a lifecycle fault names (its value is the node, or `{node, durationUs}` for a timed pause). */
function faultTarget(value: Json): { node: string; durationUs: number | null } | null {
  if (typeof value === "string") return { node: value, durationUs: null };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const { node, durationUs } = value as { node?: Json; durationUs?: Json };
  if (typeof node !== "string") return null;
  return { node, durationUs: typeof durationUs === "number" ? durationUs : null };
}

function storyOp(
  entry: HistoryEntry,
  index: number,
  done: HistoryEntry | undefined,
  client: string,
): StoryOp {
  const numberOr = (value: Json | undefined) => (typeof value === "number" ? value : null);
  return {
    process: entry.process as number,
    client,
    f: entry.f,
    value: entry.value,
    result: done === undefined ? null : done.value,
    outcome: done === undefined ? "open" : (done.type as "ok" | "fail" | "info"),
    historyIndex: index,
    invokeUs: Math.floor(entry.time / 1000),
    completeUs: done === undefined ? null : Math.floor(done.time / 1000),
    server: done !== undefined && typeof done.server === "string" ? done.server : null,
    session: numberOr(done?.session),
    zxid: numberOr(done?.zxid),
  };
}

function linksOf(value: Json): Set<string> {
  const cuts = (value as { cuts?: Json } | null)?.cuts;
  const links = new Set<string>();
  if (!Array.isArray(cuts)) return links;
  for (const link of cuts) if (Array.isArray(link)) links.add(`${link[0]}>${link[1]}`);
  return links;
}

function isolationOf(value: Json): [string, Set<string>] {
  const { node, from } = (value ?? {}) as { node?: Json; from?: Json };
  const links = new Set<string>();
  for (const peer of Array.isArray(from) ? from : []) {
    links.add(`${node}>${peer}`);
    links.add(`${peer}>${node}`);
  }
  return [String(node), links];
}

/** The nodes `node` cannot send to or hear from under `cuts`, sorted. */
function cutPeers(node: string, cuts: ReadonlySet<string>): string[] {
  const peers = new Set<string>();
  for (const link of cuts) {
    const [from, to] = link.split(">");
    if (from === node && to !== undefined) peers.add(to);
    if (to === node && from !== undefined) peers.add(from);
  }
  return [...peers].sort();
}
