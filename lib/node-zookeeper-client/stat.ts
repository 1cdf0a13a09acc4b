// The Stat the library's callbacks receive (jute data.Stat): ZooKeeper's `long` fields as 8-byte big-endian
// Buffers, `int` fields as numbers, read from the stat of a zabsim answer (protocol/zk/data-tree Stat).

import type { Stat as WireStat } from "../../protocol/zk/data-tree/index.js";
import type { Json } from "../../sim/api/index.js";
import { type Fields, isFields } from "./json-fields.js";

export type Stat = {
  readonly czxid: Buffer;
  readonly mzxid: Buffer;
  readonly ctime: Buffer;
  readonly mtime: Buffer;
  readonly version: number;
  readonly cversion: number;
  readonly aversion: number;
  readonly ephemeralOwner: Buffer;
  readonly dataLength: number;
  readonly numChildren: number;
  readonly pzxid: Buffer;
};

/** jute's `long`: 8 bytes, big-endian, signed. */
export function longBuffer(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value));
  return buffer;
}

/** Reads one field of zabsim's Stat; `keyof WireStat` ties the names to zabsim's, so a rename breaks. */
function field(fields: Fields, key: keyof WireStat): number {
  const value = fields[key];
  if (typeof value !== "number") throw new Error(`zabsim stat without a numeric ${key}`);
  return value;
}

export function statOf(value: Json | undefined): Stat {
  if (!isFields(value)) {
    throw new Error("zabsim answer without a stat");
  }
  const long = (key: keyof WireStat): Buffer => longBuffer(field(value, key));
  return {
    czxid: long("czxid"),
    mzxid: long("mzxid"),
    ctime: long("ctime"),
    mtime: long("mtime"),
    version: field(value, "version"),
    cversion: field(value, "cversion"),
    aversion: field(value, "aversion"),
    ephemeralOwner: long("ephemeralOwner"),
    dataLength: field(value, "dataLength"),
    numChildren: field(value, "numChildren"),
    pzxid: long("pzxid"),
  };
}
