// Drives a real ZooKeeper with node-zookeeper-client and reduces every reply to an Outcome.

import * as zookeeper from "node-zookeeper-client";
import type { Acl } from "../../protocol/zk/acl/index.js";
import { codeOfNumber } from "../../protocol/zk/data-tree/index.js";
import {
  absolute,
  aclOf,
  type ConfMode,
  type ConfOp,
  type Driver,
  type MultiItem,
  type MultiSubOp,
  type NormalStat,
  type Outcome,
  type SessionLabel,
  users,
} from "./ops.js";

type Session = { client: zookeeper.Client; name: string };

const modeFlags: Readonly<Record<ConfMode, number>> = {
  persistent: 0,
  ephemeral: 1,
  persistent_sequential: 2,
  ephemeral_sequential: 3,
};

function toNumber(value: Buffer | number): number {
  return typeof value === "number" ? value : Number(value.readBigInt64BE(0));
}

function realAcl(acl: readonly Acl[]): zookeeper.ACL[] {
  return acl.map(
    (entry) => new zookeeper.ACL(entry.perms, new zookeeper.Id(entry.scheme, entry.id)),
  );
}

function codeName(error: unknown): string {
  const withCode = error as { getCode?: () => number };
  if (typeof withCode.getCode === "function") {
    const number = withCode.getCode();
    return codeOfNumber(number) ?? String(number);
  }
  return `CLIENT:${String(error)}`;
}

export function createRealDriver(connectString: string): Driver {
  const sessions = new Map<SessionLabel, Session>();
  const owners = new Map<string, string>();
  const generations = { A: 0, B: 0 };
  let root = "";

  const stat = (raw: zookeeper.Stat): NormalStat => {
    const owner = raw.ephemeralOwner.toString("hex");
    return {
      czxid: toNumber(raw.czxid),
      mzxid: toNumber(raw.mzxid),
      pzxid: toNumber(raw.pzxid),
      version: raw.version,
      cversion: raw.cversion,
      aversion: raw.aversion,
      ephemeralOwner: owner === "0000000000000000" ? "0" : (owners.get(owner) ?? `?${owner}`),
      dataLength: raw.dataLength,
      numChildren: raw.numChildren,
    };
  };

  const open = async (label: SessionLabel): Promise<void> => {
    const client = zookeeper.createClient(connectString, { sessionTimeout: 30_000, retries: 0 });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("connect timeout")), 10_000);
      client.once("connected", () => {
        clearTimeout(timer);
        resolve();
      });
      client.connect();
    });
    generations[label] += 1;
    const name = `${label}${generations[label]}`;
    owners.set(client.getSessionId().toString("hex"), name);
    sessions.set(label, { client, name });
  };

  const close = async (label: SessionLabel): Promise<void> => {
    const session = sessions.get(label);
    if (session === undefined) return;
    sessions.delete(label);
    await new Promise<void>((resolve) => {
      session.client.once("disconnected", () => resolve());
      session.client.close();
    });
  };

  const clientOf = (label: SessionLabel): zookeeper.Client => {
    const session = sessions.get(label);
    if (session === undefined) throw new Error(`no session ${label}`);
    return session.client;
  };

  return {
    begin: async (sequenceRoot) => {
      root = sequenceRoot;
      await open("A");
      await open("B");
      const created = await runOp(clientOf("A"), root, stat, {
        op: "create",
        s: "A",
        path: "",
        data: "",
        mode: "persistent",
        acl: "open",
      });
      if (!created.ok) throw new Error(`cannot create ${root}: ${created.code}`);
      const rootStat = await runOp(clientOf("A"), root, stat, { op: "exists", s: "A", path: "" });
      if (!rootStat.ok || rootStat.stat === undefined) throw new Error(`cannot stat ${root}`);
      return rootStat.stat.czxid;
    },
    run: async (op) => {
      if (op.op === "reconnect") {
        await close(op.s);
        await open(op.s);
        return { ok: true };
      }
      return runOp(clientOf(op.s), root, stat, op);
    },
    end: async () => {
      await close("A");
      await close("B");
    },
  };
}

type StatFn = (raw: zookeeper.Stat) => NormalStat;

function runOp(
  client: zookeeper.Client,
  root: string,
  stat: StatFn,
  op: Exclude<ConfOp, { op: "reconnect" }>,
): Promise<Outcome> {
  const path = "path" in op ? absolute(root, op.path) : root;
  return new Promise<Outcome>((resolve) => {
    const fail = (error: unknown) => resolve({ ok: false, code: codeName(error) });
    switch (op.op) {
      case "create":
        client.create(
          path,
          Buffer.from(op.data),
          realAcl(aclOf(op.acl)),
          modeFlags[op.mode],
          (error, created) => (error ? fail(error) : resolve({ ok: true, path: created })),
        );
        return;
      case "delete":
        client.remove(path, op.version, (error) => (error ? fail(error) : resolve({ ok: true })));
        return;
      case "setData":
        client.setData(path, Buffer.from(op.data), op.version, (error, raw) =>
          error ? fail(error) : resolve({ ok: true, stat: stat(raw) }),
        );
        return;
      case "setACL":
        client.setACL(path, realAcl(aclOf(op.acl)), op.version, (error, raw) =>
          error ? fail(error) : resolve({ ok: true, stat: stat(raw) }),
        );
        return;
      case "getData":
        client.getData(path, (error, data, raw) =>
          error
            ? fail(error)
            : resolve({ ok: true, data: data ? data.toString() : "", stat: stat(raw) }),
        );
        return;
      case "exists":
        client.exists(path, (error, raw) => {
          if (error) fail(error);
          else if (raw === null || raw === undefined) resolve({ ok: false, code: "NONODE" });
          else resolve({ ok: true, stat: stat(raw) });
        });
        return;
      case "getChildren":
        client.getChildren(path, (error, children, raw) =>
          error
            ? fail(error)
            : resolve({ ok: true, children: [...children].sort(), stat: stat(raw) }),
        );
        return;
      case "getACL":
        client.getACL(path, (error, acls, raw) =>
          error ? fail(error) : resolve({ ok: true, acl: normalAcl(acls), stat: stat(raw) }),
        );
        return;
      case "multi":
        runMulti(client, root, stat, op.ops, resolve);
        return;
      case "addAuth":
        client.addAuthInfo("digest", Buffer.from(`${op.user}:${users[op.user]}`));
        resolve({ ok: true });
        return;
    }
  });
}

function normalAcl(acls: readonly zookeeper.ACL[]): readonly Acl[] {
  return acls.map((entry) => {
    const raw = entry as unknown as { permission?: number; perms?: number; id: zookeeper.Id };
    return { perms: raw.permission ?? raw.perms ?? -1, scheme: raw.id.scheme, id: raw.id.id };
  });
}

type RawResult = { type: number; path?: string; stat?: zookeeper.Stat; err?: number };

function runMulti(
  client: zookeeper.Client,
  root: string,
  stat: StatFn,
  ops: readonly MultiSubOp[],
  resolve: (outcome: Outcome) => void,
): void {
  let transaction = client.transaction();
  for (const op of ops) {
    const path = absolute(root, op.path);
    if (op.op === "create") {
      transaction = transaction.create(path, Buffer.from(op.data), modeFlags[op.mode]);
    } else if (op.op === "delete") {
      transaction = transaction.remove(path, op.version);
    } else if (op.op === "setData") {
      transaction = transaction.setData(path, Buffer.from(op.data), op.version);
    } else {
      transaction = transaction.check(path, op.version);
    }
    if (op.op !== "create") restoreVersion(transaction, op.version);
  }
  transaction.commit((error, rawResults) => {
    const results = ((rawResults ?? []) as unknown as RawResult[]).map((raw) =>
      multiItem(raw, stat),
    );
    if (error) resolve({ ok: false, code: codeName(error), results });
    else resolve({ ok: true, results });
  });
}

/**
 * node-zookeeper-client's Transaction does `version = version || -1`, so version 0 would be sent as -1
 * ("any") and a stale check would pass. The first differential run found this; put the real value back.
 */
function restoreVersion(transaction: zookeeper.Transaction, version: number): void {
  const queued = (transaction as unknown as { ops: { version: number }[] }).ops;
  const last = queued[queued.length - 1];
  if (last !== undefined) last.version = version;
}

function multiItem(raw: RawResult, stat: StatFn): MultiItem {
  switch (raw.type) {
    case 1:
      return { type: "create", path: raw.path ?? "" };
    case 2:
      return { type: "delete" };
    case 5:
      return raw.stat
        ? { type: "setData", stat: stat(raw.stat) }
        : { type: "error", code: "NOSTAT" };
    case 13:
      return { type: "check" };
    default:
      return { type: "error", code: codeOfNumber(raw.err ?? 0) ?? String(raw.err) };
  }
}
