// The operations the differential test runs against both the real server and the simulated tree, and the
// normalized outcome both sides are reduced to before comparison.

import { type Acl, generateDigest, PERM_ALL, permsOf } from "../../protocol/zk/acl/index.js";

export type SessionLabel = "A" | "B";
export type ConfMode =
  | "persistent"
  | "ephemeral"
  | "persistent_sequential"
  | "ephemeral_sequential";

export const aclChoices = [
  "open",
  "readOnly",
  "digestUser1",
  "creatorAll",
  "ip127",
  "ipOther",
  "noAdmin",
  "createDeleteOnly",
  "invalidDigest",
  "worldBad",
] as const;
export type AclChoice = (typeof aclChoices)[number];

export const users = { user1: "pw1", user2: "pw2" } as const;
export type User = keyof typeof users;

export function aclOf(choice: AclChoice): readonly Acl[] {
  const world = (perms: number): Acl => ({ perms, scheme: "world", id: "anyone" });
  switch (choice) {
    case "open":
      return [world(PERM_ALL)];
    case "readOnly":
      return [world(permsOf(["READ"]))];
    case "digestUser1":
      return [
        { perms: PERM_ALL, scheme: "digest", id: generateDigest("user1:pw1") },
        world(permsOf(["READ"])),
      ];
    case "creatorAll":
      return [{ perms: PERM_ALL, scheme: "auth", id: "" }];
    case "ip127":
      return [{ perms: PERM_ALL, scheme: "ip", id: "127.0.0.1" }];
    case "ipOther":
      return [{ perms: PERM_ALL, scheme: "ip", id: "10.0.0.0/8" }, world(permsOf(["READ"]))];
    case "noAdmin":
      return [world(permsOf(["READ", "WRITE", "CREATE", "DELETE"]))];
    case "createDeleteOnly":
      return [world(permsOf(["CREATE", "DELETE"]))];
    case "invalidDigest":
      return [{ perms: PERM_ALL, scheme: "digest", id: "user1" }];
    case "worldBad":
      return [{ perms: PERM_ALL, scheme: "world", id: "everyone" }];
  }
}

/** Paths are relative to the sequence's root ("" is the root itself). */
export type MultiSubOp =
  | { readonly op: "create"; readonly path: string; readonly data: string; readonly mode: ConfMode }
  | { readonly op: "delete"; readonly path: string; readonly version: number }
  | {
      readonly op: "setData";
      readonly path: string;
      readonly data: string;
      readonly version: number;
    }
  | { readonly op: "check"; readonly path: string; readonly version: number };

export type ConfOp =
  | {
      readonly op: "create";
      readonly s: SessionLabel;
      readonly path: string;
      readonly data: string;
      readonly mode: ConfMode;
      readonly acl: AclChoice;
    }
  | {
      readonly op: "delete";
      readonly s: SessionLabel;
      readonly path: string;
      readonly version: number;
    }
  | {
      readonly op: "setData";
      readonly s: SessionLabel;
      readonly path: string;
      readonly data: string;
      readonly version: number;
    }
  | {
      readonly op: "setACL";
      readonly s: SessionLabel;
      readonly path: string;
      readonly acl: AclChoice;
      readonly version: number;
    }
  | {
      readonly op: "getData" | "exists" | "getChildren";
      readonly s: SessionLabel;
      readonly path: string;
      /** Leave a one-shot watch (a data watch, an exist watch on a missing node, a child watch). */
      readonly watch?: boolean;
    }
  | { readonly op: "getACL"; readonly s: SessionLabel; readonly path: string }
  | { readonly op: "multi"; readonly s: SessionLabel; readonly ops: readonly MultiSubOp[] }
  | { readonly op: "addAuth"; readonly s: SessionLabel; readonly user: User }
  /** Closes the session (deleting its ephemerals) and opens a fresh one under the same label. */
  | { readonly op: "reconnect"; readonly s: SessionLabel };

/** A path starting with '/' is absolute (used to reach "/" and "/zookeeper"); others hang under the root. */
export function absolute(root: string, relative: string): string {
  if (relative.startsWith("/")) return relative;
  return relative === "" ? root : `${root}/${relative}`;
}

/** Stat with times dropped and ephemeralOwner named by session ("A1", "B2", or "0"). */
export type NormalStat = {
  readonly czxid: number;
  readonly mzxid: number;
  readonly pzxid: number;
  readonly version: number;
  readonly cversion: number;
  readonly aversion: number;
  readonly ephemeralOwner: string;
  readonly dataLength: number;
  readonly numChildren: number;
};

export type MultiItem =
  | { readonly type: "create"; readonly path: string }
  | { readonly type: "delete" }
  | { readonly type: "setData"; readonly stat: NormalStat }
  | { readonly type: "check" }
  | { readonly type: "error"; readonly code: string };

export type Outcome =
  | {
      readonly ok: true;
      readonly path?: string;
      readonly data?: string;
      readonly stat?: NormalStat;
      readonly children?: readonly string[];
      readonly acl?: readonly Acl[];
      readonly results?: readonly MultiItem[];
    }
  | { readonly ok: false; readonly code: string; readonly results?: readonly MultiItem[] };

/** A watch event as a session received it from its server (one per notification packet). */
export type ReceivedEvent = {
  /** The receiving session's name ("A1", "B2"). */
  readonly session: string;
  readonly type: string;
  readonly path: string;
};

/** The service under test, real or simulated. Stats carry raw zxids; the comparison makes them relative. */
export type Driver = {
  /** Opens sessions A and B and creates the sequence root; returns the root's czxid. */
  readonly begin: (root: string) => Promise<number>;
  readonly run: (op: ConfOp) => Promise<Outcome>;
  /**
   * Waits until every event caused by the calls so far has reached its session (a round trip on every
   * open session after the server processed them), and returns the events received since the last settle.
   */
  readonly settle: () => Promise<readonly ReceivedEvent[]>;
  /**
   * Closes A, settles, then closes B; returns the events received meanwhile (B's watches fired by the
   * deletion of A's ephemerals, and whatever a closing session receives before its close is answered).
   */
  readonly end: () => Promise<readonly ReceivedEvent[]>;
};
