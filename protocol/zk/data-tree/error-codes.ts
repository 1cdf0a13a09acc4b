// ZooKeeper result codes (KeeperException.Code) used by the data tree, by name, with their wire numbers.

export const zkCodes = {
  OK: 0,
  SYSTEMERROR: -1,
  RUNTIMEINCONSISTENCY: -2,
  DATAINCONSISTENCY: -3,
  CONNECTIONLOSS: -4,
  MARSHALLINGERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATIONTIMEOUT: -7,
  BADARGUMENTS: -8,
  UNKNOWNSESSION: -12,
  NONODE: -101,
  NOAUTH: -102,
  BADVERSION: -103,
  NOCHILDRENFOREPHEMERALS: -108,
  NODEEXISTS: -110,
  NOTEMPTY: -111,
  SESSIONEXPIRED: -112,
  INVALIDACL: -114,
  AUTHFAILED: -115,
  SESSIONMOVED: -118,
  NOTREADONLY: -119,
  EPHEMERALONLOCALSESSION: -120,
  NOWATCHER: -121,
  /** Client-side only: no reply within `zookeeper.request.timeout`. */
  REQUESTTIMEOUT: -122,
  QUOTAEXCEEDED: -125,
} as const;

/** A code name, including OK (which appears only inside a failed multi's per-op results). */
export type ZkCode = keyof typeof zkCodes;

/** Any failure code. */
export type ZkErrorCode = Exclude<ZkCode, "OK">;

/** Session-level failures the session layer detects before the tree is consulted. */
export type SessionErrorCode = "SESSIONEXPIRED" | "SESSIONMOVED";

/** The code name for a wire number, or undefined if the tree never produces it. */
export function codeOfNumber(value: number): ZkCode | undefined {
  for (const [name, number] of Object.entries(zkCodes)) {
    if (number === value) return name as ZkCode;
  }
  return undefined;
}
