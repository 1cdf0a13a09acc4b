// A small hand-made zookeeper run for the story tests: client operations (invoke and answer), watch events,
// server roles and partitions, laid out in time order into the history, the observations and the consistency
// check's records exactly as a run records them (ZkHistoryRecorder).

import type { ZkRecord } from "../../../../protocol/zk/consistency/index.js";
import { RunFacts } from "../../../../scenarios/systems/story/index.js";
import { ZkHistoryRecorder } from "../../../../scenarios/systems/zk-history.js";
import { type Json, nodeId } from "../../../../sim/api/index.js";
import type { ObservationRecord } from "../../../../sim/kernel/index.js";
import type { HistoryEntry } from "../../../../sim/record/index.js";

export const SERVERS = ["n1", "n2", "n3"].map(nodeId);

export interface HandOp {
  readonly client: number;
  readonly f: string;
  readonly value: Json;
  readonly invokeUs: number;
  readonly doneUs?: number;
  readonly result?: Json;
  readonly type?: "ok" | "fail" | "info";
  readonly server?: string;
  readonly session?: number;
  readonly zxid?: number;
}

type Item =
  | { readonly timeUs: number; readonly entry: HistoryEntry }
  | { readonly timeUs: number; readonly observation: ObservationRecord };

export interface HandRun {
  readonly history: HistoryEntry[];
  readonly observations: ObservationRecord[];
  readonly records: ZkRecord[];
  readonly facts: RunFacts;
  /** Process → workload client index, as run.json's `workload`. */
  readonly workload: { readonly process: number; readonly client: number }[];
}

export class HandRunBuilder {
  readonly #items: Item[] = [];
  readonly #workload: { process: number; client: number }[] = [];

  op(op: HandOp): this {
    const process = this.#workload.length;
    this.#workload.push({ process, client: op.client });
    const invoke = {
      process,
      type: "invoke" as const,
      f: op.f,
      value: op.value,
      time: op.invokeUs * 1000,
    };
    this.#items.push({ timeUs: op.invokeUs, entry: invoke });
    if (op.doneUs === undefined) return this;
    const done: HistoryEntry = {
      process,
      type: op.type ?? "ok",
      f: op.f,
      value: op.result ?? {},
      time: op.doneUs * 1000,
      ...(op.session === undefined ? {} : { session: op.session }),
      ...(op.server === undefined ? {} : { server: op.server }),
      ...(op.zxid === undefined ? {} : { zxid: op.zxid }),
    };
    this.#items.push({ timeUs: op.doneUs, entry: done });
    return this;
  }

  observe(timeUs: number, node: string, observation: ObservationRecord["observation"]): this {
    this.#items.push({ timeUs, observation: { timeUs, node: nodeId(node), observation } });
    return this;
  }

  role(timeUs: number, node: string, role: string): this {
    return this.observe(timeUs, node, { kind: "state", role });
  }

  nemesis(timeUs: number, f: string, value: Json): this {
    this.#items.push({
      timeUs,
      entry: { process: "nemesis", type: "info", f, value, time: timeUs * 1000 },
    });
    return this;
  }

  build(): HandRun {
    const history: HistoryEntry[] = [];
    const observations: ObservationRecord[] = [];
    const clients = [...new Set(this.#workload.map((w) => `c${w.client + 1}`))];
    const clientOf = new Map(this.#workload.map((w) => [w.process, `c${w.client + 1}`]));
    const recorder = new ZkHistoryRecorder(clients, (p) => clientOf.get(p) ?? "", history);
    const items = [...this.#items].sort((a, b) => a.timeUs - b.timeUs);
    for (const item of items) {
      if ("entry" in item) history.push(item.entry);
      else {
        observations.push(item.observation);
        recorder.see(item.observation);
      }
    }
    const byProcess = new Map(this.#workload.map((w) => [w.process, w.client]));
    const facts = new RunFacts(history, observations, SERVERS, (p) => byProcess.get(p));
    return { history, observations, records: recorder.records(), facts, workload: this.#workload };
  }
}
