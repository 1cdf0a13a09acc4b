// A driver call's outcome as the library's (error, answer): the server's code name as the library's
// Exception, and the rules for codes the library has no constant for.
import { zkCodes } from "../../protocol/zk/data-tree/index.js";
import type { CallOutcome } from "../../scenarios/apps/index.js";
import type { Json } from "../../sim/api/index.js";
import { Exception, exceptionNameOf } from "./exception.js";
import type { Fields } from "./json-fields.js";

export type Reply = { readonly error: Exception | null; readonly value: Fields };

/** KeeperException.Code numbers zabsim's data tree does not produce, so that every name has its number. */
const otherCodes: { readonly [name: string]: number } = {
  APIERROR: -100,
  INVALIDCALLBACK: -113,
  NEWCONFIGNOQUORUM: -13,
  RECONFIGINPROGRESS: -14,
  RECONFIGDISABLED: -123,
  SESSIONCLOSEDREQUIRESASLAUTH: -124,
  THROTTLEDOP: -127,
};

/** The wire number of a ZooKeeper code name, or undefined for a name ZooKeeper does not have. */
export function codeNumberOf(name: string): number | undefined {
  const known = Object.entries(zkCodes).find(([key]) => key === name);
  return known === undefined ? otherCodes[name] : known[1];
}

/**
 * A code the server answered with. The library runs Exception.create on the reply header's code, which
 * throws "Unknown code: N" for one it does not list (SESSIONMOVED, NOTREADONLY, QUOTAEXCEEDED, ...): the
 * same Error is thrown here, from the driver's callback, as it is from the real socket handler.
 */
export function answeredException(name: string): Exception {
  const code = codeNumberOf(name);
  if (code === undefined) throw new Error(`Unknown code: ${name}`);
  return Exception.create(code);
}

/**
 * A call that got no answer (fail: never sent; info: sent, no answer). The library errs such requests
 * with CONNECTION_LOSS, SESSION_EXPIRED or AUTH_FAILED from its connection state; zabsim's code is kept
 * when the library knows it and is CONNECTION_LOSS otherwise (e.g. REQUESTTIMEOUT).
 */
function unansweredException(error: Json | undefined): Exception {
  const code = typeof error === "string" ? codeNumberOf(error) : undefined;
  const known = code !== undefined && code !== 0 && exceptionNameOf(code) !== undefined;
  return Exception.create(known ? code : Exception.CONNECTION_LOSS);
}

export function replyOf(outcome: CallOutcome): Reply {
  const error = outcome.value.error;
  if (outcome.type !== "ok") return { error: unansweredException(error), value: outcome.value };
  if (typeof error !== "string" || error === "OK") return { error: null, value: outcome.value };
  return { error: answeredException(error), value: outcome.value };
}
