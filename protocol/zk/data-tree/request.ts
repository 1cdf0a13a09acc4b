// Write requests the leader prepares (PrepRequestProcessor), in ZooKeeper's vocabulary (ZooDefs.OpCode).

import type { Acl } from "../acl/index.js";
import type { ZnodeData } from "./znode.js";

/** CreateMode, by the names of CreateMode.java in lower case. */
export const createModes = [
  "persistent",
  "ephemeral",
  "persistent_sequential",
  "ephemeral_sequential",
  "container",
  "persistent_with_ttl",
  "persistent_sequential_with_ttl",
] as const;
export type CreateMode = (typeof createModes)[number];

export function isSequentialMode(mode: CreateMode): boolean {
  return (
    mode === "persistent_sequential" ||
    mode === "ephemeral_sequential" ||
    mode === "persistent_sequential_with_ttl"
  );
}

export function isEphemeralMode(mode: CreateMode): boolean {
  return mode === "ephemeral" || mode === "ephemeral_sequential";
}

export function isTtlMode(mode: CreateMode): boolean {
  return mode === "persistent_with_ttl" || mode === "persistent_sequential_with_ttl";
}

/** create / create2 / createContainer / createTTL: one request shape, the mode picks the opcode. */
export type CreateRequest = {
  readonly op: "create";
  readonly path: string;
  readonly data: ZnodeData;
  readonly acl: readonly Acl[];
  readonly mode: CreateMode;
  /** Only for TTL modes; any other mode with a ttl >= 0 is BADARGUMENTS (EphemeralType.validateTTL). */
  readonly ttlMs?: number;
};

/** version -1 means "any version". */
export type DeleteRequest = {
  readonly op: "delete";
  readonly path: string;
  readonly version: number;
};
export type SetDataRequest = {
  readonly op: "setData";
  readonly path: string;
  readonly data: ZnodeData;
  readonly version: number;
};
export type SetAclRequest = {
  readonly op: "setACL";
  readonly path: string;
  readonly acl: readonly Acl[];
  readonly version: number;
};
export type CheckRequest = {
  readonly op: "check";
  readonly path: string;
  readonly version: number;
};

/** The sub-operations a multi may hold. */
export type MultiOp = CreateRequest | DeleteRequest | SetDataRequest | CheckRequest;
export type MultiRequest = { readonly op: "multi"; readonly ops: readonly MultiOp[] };

export type CreateSessionRequest = { readonly op: "createSession"; readonly timeoutMs: number };
export type CloseSessionRequest = { readonly op: "closeSession" };
/** Issued by the leader's ContainerManager, not by clients. */
export type DeleteContainerRequest = { readonly op: "deleteContainer"; readonly path: string };

export type WriteRequest =
  | CreateRequest
  | DeleteRequest
  | SetDataRequest
  | SetAclRequest
  | MultiRequest
  | CreateSessionRequest
  | CloseSessionRequest
  | DeleteContainerRequest;
