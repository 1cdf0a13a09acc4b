// Transaction.js of node-zookeeper-client 1.1.3: a builder of create/check/setData/remove ops committed as
// one zabsim `multi`, answered with the library's per-op results ({type, path | stat | err}).
import assert from "node:assert";
import type { CallOutcome } from "../../scenarios/apps/index.js";
import type { Json } from "../../sim/api/index.js";
import { aclEntryOf } from "./acl.js";
import { isCallback } from "./attempt.js";
import type { Connection } from "./connection.js";
import { createArguments } from "./create-arguments.js";
import { modeOfFlags } from "./create-mode.js";
import { Exception } from "./exception.js";
import { fieldsOf, isList, stringOf } from "./json-fields.js";
import { dataField } from "./operations.js";
import { validatePath } from "./path.js";
import { codeNumberOf, replyOf } from "./reply.js";
import { type Stat, statOf } from "./stat.js";

/** jute.OP_CODES of the ops a transaction holds, and ERROR for a failed one's result. */
export const opCodes = { CREATE: 1, DELETE: 2, SET_DATA: 5, CHECK: 13, ERROR: -1 } as const;

export type TransactionResult =
  | { readonly type: 1; readonly path: string }
  | { readonly type: 2 }
  | { readonly type: 5; readonly stat: Stat }
  | { readonly type: 13 }
  | { readonly type: -1; readonly err: number };

type Op =
  | {
      readonly op: "create";
      readonly path: string;
      readonly data: Buffer | undefined;
      readonly acls: readonly unknown[];
      readonly mode: number;
    }
  | { readonly op: "check" | "delete"; readonly path: string; readonly version: number }
  | {
      readonly op: "setData";
      readonly path: string;
      readonly data: unknown;
      readonly version: number;
    };

/** The library's `version = version || -1`: a version of 0 is sent as -1 (any version). */
function versionOf(version: unknown): unknown {
  return version || -1;
}

export class Transaction {
  readonly #connection: Connection;
  readonly #ops: Op[] = [];

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  create(path: unknown, ...optional: unknown[]): this {
    validatePath(path);
    const { data, acls, mode } = createArguments(optional.slice(0, 3));
    assert(acls.length > 0, "acls must be a non-empty array.");
    this.#ops.push({ op: "create", path, data, acls, mode });
    return this;
  }

  check(path: unknown, version?: unknown): this {
    const checked = versionOf(version);
    validatePath(path);
    assert(typeof checked === "number", "version must be a number.");
    this.#ops.push({ op: "check", path, version: checked });
    return this;
  }

  setData(path: unknown, data: unknown, version?: unknown): this {
    const checked = versionOf(version);
    validatePath(path);
    assert(
      data === null || data === undefined || Buffer.isBuffer(data),
      "data must be a valid buffer, null or undefined.",
    );
    assert(typeof checked === "number", "version must be a number.");
    this.#ops.push({ op: "setData", path, data, version: checked });
    return this;
  }

  remove(path: unknown, version?: unknown): this {
    const checked = versionOf(version);
    validatePath(path);
    assert(typeof checked === "number", "version must be a number.");
    this.#ops.push({ op: "delete", path, version: checked });
    return this;
  }

  commit(callback?: unknown): void {
    assert(isCallback(callback), "callback must be a function");
    const ops = this.#ops.map((op) => this.#opValue(op));
    // Transaction.js queues the MULTI whatever it holds: an empty one goes to the server and takes a zxid
    // (the Java client, which zabsim's handle follows, answers it itself).
    const value = ops.length === 0 ? { ops, sendEmpty: true } : { ops };
    this.#connection.queue("multi", value, (outcome) => {
      const answer = this.#answerOf(outcome);
      if (answer.results === undefined) callback(answer.error);
      else callback(answer.error, answer.results);
    });
  }

  #opValue(op: Op): Json {
    const path = this.#connection.sent(op.path);
    switch (op.op) {
      case "create":
        return {
          op: "create",
          path,
          acl: op.acls.map(aclEntryOf),
          mode: modeOfFlags(op.mode),
          ...dataField(op.data),
        };
      case "setData":
        return {
          op: "setData",
          path,
          ...dataField(Buffer.isBuffer(op.data) ? op.data : undefined),
          version: op.version,
        };
      case "check":
      case "delete":
        return { op: op.op, path, version: op.version };
    }
  }

  /**
   * A multi ZooKeeper answers carries its per-op results even when an op failed; the error is the first
   * result with a code other than OK. zabsim also puts that code on the answer itself: the results are
   * read first, as the library would read them from ZooKeeper's answer.
   */
  #answerOf(outcome: CallOutcome): {
    readonly error: Exception | null;
    readonly results?: readonly TransactionResult[];
  } {
    const list = outcome.value.results;
    if (outcome.type !== "ok" || !isList(list)) return { error: replyOf(outcome).error };
    const results = list.map((entry) => this.#resultOf(entry));
    const failed = results.find((result) => result.type === opCodes.ERROR && result.err !== 0);
    const error = failed?.type === opCodes.ERROR ? Exception.create(failed.err) : null;
    return { error, results };
  }

  #resultOf(entry: Json): TransactionResult {
    const fields = fieldsOf(entry);
    switch (fields.op) {
      case "create":
        return {
          type: opCodes.CREATE,
          path: this.#connection.received(stringOf(fields.path, "path")),
        };
      case "delete":
        return { type: opCodes.DELETE };
      case "setData":
        return { type: opCodes.SET_DATA, stat: statOf(fields.stat) };
      case "check":
        return { type: opCodes.CHECK };
      default: {
        const name = stringOf(fields.err, "err");
        const err = codeNumberOf(name);
        if (err === undefined) throw new Error(`Unknown code: ${name}`);
        return { type: opCodes.ERROR, err };
      }
    }
  }
}
