// ACL.js and Id.js of node-zookeeper-client 1.1.3, and their mapping to zabsim's ACL entries
// ({perms, scheme, id}, protocol/zk/acl).
import type { Json } from "../../sim/api/index.js";
import { fieldsOf } from "./json-fields.js";
import { permissions } from "./permission.js";

export class Id {
  static readonly ANYONE_ID_UNSAFE = new Id("world", "anyone");
  static readonly AUTH_IDS = new Id("auth", "");

  readonly scheme: string;
  readonly id: string;

  constructor(scheme: unknown, id: unknown) {
    if (!scheme || typeof scheme !== "string")
      throw new Error("scheme must be a non-empty string.");
    if (typeof id !== "string") throw new Error("id must be a string.");
    this.scheme = scheme;
    this.id = id;
  }

  /** The jute data.Id record. */
  toRecord(): { readonly scheme: string; readonly id: string } {
    return { scheme: this.scheme, id: this.id };
  }
}

export class ACL {
  static readonly OPEN_ACL_UNSAFE: readonly ACL[] = [new ACL(permissions.ALL, Id.ANYONE_ID_UNSAFE)];
  static readonly CREATOR_ALL_ACL: readonly ACL[] = [new ACL(permissions.ALL, Id.AUTH_IDS)];
  static readonly READ_ACL_UNSAFE: readonly ACL[] = [
    new ACL(permissions.READ, Id.ANYONE_ID_UNSAFE),
  ];

  readonly permission: number;
  readonly id: Id;

  constructor(permission: unknown, id: unknown) {
    if (typeof permission !== "number" || permission < 1 || permission > 31) {
      throw new Error("permission must be a valid integer.");
    }
    if (!(id instanceof Id)) throw new Error("id must be an instance of Id class.");
    this.permission = permission;
    this.id = id;
  }

  /** The jute data.ACL record; the library sends whatever `toRecord()` of each element returns. */
  toRecord(): AclRecord {
    return { perms: this.permission, id: this.id.toRecord() };
  }
}

type AclRecord = {
  readonly perms: number;
  readonly id: { readonly scheme: string; readonly id: string };
};

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

/** A record's number or string as sent; anything else is sent as null, which zabsim refuses. */
function jsonOf(value: unknown): Json {
  return typeof value === "number" || typeof value === "string" ? value : null;
}

function hasToRecord(item: unknown): item is { toRecord(): unknown } {
  return (
    typeof item === "object" &&
    item !== null &&
    "toRecord" in item &&
    typeof item.toRecord === "function"
  );
}

/**
 * An ACL as a zabsim call's `acl` entry, from its `toRecord()` as the library serializes it (so the real
 * library's ACL objects work too); an element without one throws the library's TypeError.
 */
export function aclEntryOf(item: unknown): Json {
  if (!hasToRecord(item)) throw new TypeError("item.toRecord is not a function");
  const record = item.toRecord();
  const id = field(record, "id");
  return {
    perms: jsonOf(field(record, "perms")),
    scheme: jsonOf(field(id, "scheme")),
    id: jsonOf(field(id, "id")),
  };
}

/** A zabsim ACL entry of a getACL answer as the library's ACL (ACL.fromRecord). */
export function aclOfEntry(entry: Json): ACL {
  const fields = fieldsOf(entry);
  return new ACL(fields.perms, new Id(fields.scheme, fields.id));
}
