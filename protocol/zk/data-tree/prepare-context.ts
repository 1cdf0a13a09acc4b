// What prepare needs to know about the request's session and the leader's settings.

import type { AuthId } from "../acl/index.js";
import type { SessionErrorCode, ZkErrorCode } from "./error-codes.js";
import type { ChangeRecord } from "./pending.js";
import type { Txn } from "./txn.js";
import type { SessionId, Zxid } from "./znode.js";

export type PrepareContext = {
  readonly sessionId: SessionId;
  /** The session's proven identities (ip of its connection, digests from addAuth). */
  readonly auth: readonly AuthId[];
  /** The zxid the leader assigns this request; a failed request consumes it too. */
  readonly zxid: Zxid;
  readonly timeMs: number;
  /** Set by the session layer when `checkSession` fails; prepare reports it at ZooKeeper's check position. */
  readonly sessionError?: SessionErrorCode;
  /** `zookeeper.extendedTypesEnabled`: TTL nodes are UNIMPLEMENTED without it. */
  readonly extendedTypesEnabled: boolean;
};

/** One operation's preparation: a txn and its change records, or the first failing check. */
export type OpPrep<T extends Txn = Txn> =
  | { readonly ok: true; readonly txn: T; readonly changes: readonly ChangeRecord[] }
  | { readonly ok: false; readonly code: ZkErrorCode };
