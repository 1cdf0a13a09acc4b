// Drives the simulated data tree like a single server: each write is prepared and applied at once with the
// next zxid; reads go straight to the tree. Outcomes are normalized exactly like the real driver's.

import { type AuthId, addAuth, initialAuth, OPEN_ACL_UNSAFE } from "../../protocol/zk/acl/index.js";
import {
  applyTxn,
  type DataTree,
  emptyTree,
  exists,
  getAcl,
  getChildren,
  getData,
  type MultiOp,
  prepareWrite,
  type Stat,
  type TxnResult,
  type WriteRequest,
} from "../../protocol/zk/data-tree/index.js";
import {
  absolute,
  aclOf,
  type ConfOp,
  type Driver,
  type MultiItem,
  type MultiSubOp,
  type NormalStat,
  type Outcome,
  type SessionLabel,
  users,
} from "./ops.js";

type SimSession = { readonly id: number; readonly name: string; auth: readonly AuthId[] };

type SimState = {
  tree: DataTree;
  nextZxid: number;
  timeMs: number;
  nextSessionId: number;
  root: string;
  readonly sessions: Map<SessionLabel, SimSession>;
  readonly names: Map<number, string>;
  readonly generations: Record<SessionLabel, number>;
};

export function createSimDriver(alignRootCzxid: () => number): Driver {
  const state: SimState = {
    tree: emptyTree(),
    nextZxid: 1,
    timeMs: 0,
    nextSessionId: 1,
    root: "",
    sessions: new Map(),
    names: new Map(),
    generations: { A: 0, B: 0 },
  };
  return {
    begin: async (root) => {
      state.root = root;
      state.tree = emptyTree();
      // Two createSession txns precede the root's create on the real server too.
      state.nextZxid = alignRootCzxid() - 2;
      open(state, "A");
      open(state, "B");
      const request = {
        op: "create",
        path: root,
        data: "",
        acl: OPEN_ACL_UNSAFE,
        mode: "persistent",
      } as const;
      const result = write(state, sessionOf(state, "A"), request);
      if (result.type !== "create") throw new Error(`sim cannot create ${root}`);
      return result.stat.czxid;
    },
    run: async (op) => runOp(state, op),
    end: async () => {
      for (const label of ["A", "B"] as const) {
        write(state, sessionOf(state, label), { op: "closeSession" });
        state.sessions.delete(label);
      }
    },
  };
}

function write(state: SimState, session: SimSession, request: WriteRequest): TxnResult {
  state.timeMs += 1;
  const context = {
    sessionId: session.id,
    auth: session.auth,
    zxid: state.nextZxid++,
    timeMs: state.timeMs,
    extendedTypesEnabled: true,
  };
  const prepared = prepareWrite(state.tree, [], request, context);
  const applied = applyTxn(state.tree, prepared.record);
  state.tree = applied.tree;
  return applied.result;
}

function open(state: SimState, label: SessionLabel): void {
  state.generations[label] += 1;
  const id = state.nextSessionId++;
  const session = {
    id,
    name: `${label}${state.generations[label]}`,
    auth: initialAuth("127.0.0.1"),
  };
  state.names.set(id, session.name);
  write(state, session, { op: "createSession", timeoutMs: 30_000 });
  state.sessions.set(label, session);
}

function sessionOf(state: SimState, label: SessionLabel): SimSession {
  const session = state.sessions.get(label);
  if (session === undefined) throw new Error(`no session ${label}`);
  return session;
}

function normalStat(state: SimState, raw: Stat): NormalStat {
  return {
    czxid: raw.czxid,
    mzxid: raw.mzxid,
    pzxid: raw.pzxid,
    version: raw.version,
    cversion: raw.cversion,
    aversion: raw.aversion,
    ephemeralOwner: raw.ephemeralOwner === 0 ? "0" : (state.names.get(raw.ephemeralOwner) ?? "?"),
    dataLength: raw.dataLength,
    numChildren: raw.numChildren,
  };
}

function runOp(state: SimState, op: ConfOp): Outcome {
  const session = sessionOf(state, op.s);
  const path = "path" in op ? absolute(state.root, op.path) : state.root;
  switch (op.op) {
    case "reconnect":
      write(state, session, { op: "closeSession" });
      open(state, op.s);
      return { ok: true };
    case "addAuth": {
      const added = addAuth(session.auth, "digest", `${op.user}:${users[op.user]}`, "127.0.0.1");
      if (!added.ok) return { ok: false, code: added.code };
      session.auth = added.auth;
      return { ok: true };
    }
    case "create": {
      const request = {
        op: "create",
        path,
        data: op.data,
        acl: aclOf(op.acl),
        mode: op.mode,
      } as const;
      return writeOutcome(state, write(state, session, request));
    }
    case "delete":
      return writeOutcome(
        state,
        write(state, session, { op: "delete", path, version: op.version }),
      );
    case "setData": {
      const request = { op: "setData", path, data: op.data, version: op.version } as const;
      return writeOutcome(state, write(state, session, request));
    }
    case "setACL": {
      const request = { op: "setACL", path, acl: aclOf(op.acl), version: op.version } as const;
      return writeOutcome(state, write(state, session, request));
    }
    case "multi": {
      const ops = op.ops.map((sub) => subRequest(state.root, sub));
      return writeOutcome(state, write(state, session, { op: "multi", ops }));
    }
    default:
      return runRead(state, op.op, path, session.auth);
  }
}

function runRead(
  state: SimState,
  op: "getData" | "exists" | "getChildren" | "getACL",
  path: string,
  auth: readonly AuthId[],
): Outcome {
  const stat = (raw: Stat) => normalStat(state, raw);
  switch (op) {
    case "exists": {
      const read = exists(state.tree, path);
      return read.ok ? { ok: true, stat: stat(read.stat) } : read;
    }
    case "getData": {
      const read = getData(state.tree, path, auth);
      return read.ok ? { ok: true, data: read.data, stat: stat(read.stat) } : read;
    }
    case "getChildren": {
      const read = getChildren(state.tree, path, auth);
      return read.ok
        ? { ok: true, children: [...read.children].sort(), stat: stat(read.stat) }
        : read;
    }
    case "getACL": {
      const read = getAcl(state.tree, path, auth);
      return read.ok ? { ok: true, acl: read.acl, stat: stat(read.stat) } : read;
    }
  }
}

function subRequest(root: string, op: MultiSubOp): MultiOp {
  const path = absolute(root, op.path);
  switch (op.op) {
    case "create":
      return { op: "create", path, data: op.data, acl: OPEN_ACL_UNSAFE, mode: op.mode };
    case "delete":
      return { op: "delete", path, version: op.version };
    case "setData":
      return { op: "setData", path, data: op.data, version: op.version };
    case "check":
      return { op: "check", path, version: op.version };
  }
}

function writeOutcome(state: SimState, result: TxnResult): Outcome {
  switch (result.type) {
    case "create":
      return { ok: true, path: result.path };
    case "setData":
    case "setACL":
      return { ok: true, stat: normalStat(state, result.stat) };
    case "error":
      return { ok: false, code: result.code };
    case "multi": {
      const results = result.results.map((sub) => multiItem(state, sub));
      return result.code === "OK"
        ? { ok: true, results }
        : { ok: false, code: result.code, results };
    }
    default:
      return { ok: true };
  }
}

function multiItem(state: SimState, result: TxnResult): MultiItem {
  switch (result.type) {
    case "create":
      return { type: "create", path: result.path };
    case "delete":
      return { type: "delete" };
    case "setData":
      return { type: "setData", stat: normalStat(state, result.stat) };
    case "check":
      return { type: "check" };
    case "error":
      return { type: "error", code: result.code };
    default:
      return { type: "error", code: `unexpected ${result.type}` };
  }
}
