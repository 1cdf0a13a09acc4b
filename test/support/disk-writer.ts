// A test-only protocol that writes to its disk at random — appends, truncates, file writes, fsyncs — and
// keeps a model of what a crash must leave: the state as of the last completed fsync.
import type { Effect, Input, Json, NodeContext, NodeProtocol } from "../../sim/api/index.js";
import { ms } from "../../sim/api/index.js";

export interface DiskModel {
  readonly log: readonly Json[];
  readonly file: Json | undefined;
}

export interface DiskWriterState {
  /** What the disk holds once every write issued so far is synced. */
  readonly written: DiskModel;
  /** The model at each outstanding fsync, by token. */
  readonly pending: { readonly [token: string]: DiskModel };
  /** The model as of the last completed fsync: exactly what must survive a crash. */
  readonly synced: DiskModel;
  /** What the node read from its disk when it (re)started. */
  readonly recovered: DiskModel;
  readonly nextToken: number;
}

function readDisk(ctx: NodeContext): DiskModel {
  return { log: ctx.disk.readLog("log").records, file: ctx.disk.readFile("file")?.data };
}

function write(state: DiskWriterState, ctx: NodeContext): [DiskWriterState, Effect<never>[]] {
  const r = ctx.random;
  let { log, file } = state.written;
  const effects: Effect<never>[] = [];
  const roll = r.next();
  if (roll < 0.6) {
    const record = { n: r.int(0, 1_000_000), at: ctx.nowUs };
    log = [...log, record];
    effects.push({ kind: "append", log: "log", record });
  } else if (roll < 0.7 && log.length > 0) {
    const length = r.int(0, log.length);
    log = log.slice(0, length);
    effects.push({ kind: "truncate", log: "log", length });
  } else if (roll < 0.85) {
    file = { v: r.int(0, 1_000) };
    effects.push({ kind: "write-file", file: "file", data: file });
  }
  const written = { log, file };
  let pending = state.pending;
  let nextToken = state.nextToken;
  if (r.chance(0.3)) {
    pending = { ...pending, [nextToken]: written };
    effects.push({ kind: "fsync", token: nextToken });
    nextToken++;
  }
  effects.push({ kind: "set-timer", timer: "write", afterUs: ms(r.int(1, 5)) });
  return [{ ...state, written, pending, nextToken }, effects];
}

export const diskWriter: NodeProtocol<DiskWriterState, never> = {
  name: "disk-writer",
  init(ctx) {
    const recovered = readDisk(ctx);
    const state: DiskWriterState = {
      written: recovered,
      pending: {},
      synced: recovered,
      recovered,
      nextToken: 0,
    };
    return { state, effects: [{ kind: "set-timer", timer: "write", afterUs: ms(1) }] };
  },
  step(state: DiskWriterState, input: Input<never>, ctx: NodeContext) {
    if (input.kind === "timer") {
      const [next, effects] = write(state, ctx);
      return { state: next, effects };
    }
    if (input.kind === "fsync-done") {
      const synced = state.pending[input.token];
      const { [input.token]: _done, ...pending } = state.pending;
      return { state: { ...state, synced: synced ?? state.synced, pending }, effects: [] };
    }
    return { state, effects: [] };
  },
};
