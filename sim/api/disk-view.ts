// What a node sees of its disk when it starts: only what was made durable by a completed fsync.
import type { Json } from "./json.js";

/**
 * Damage found while reading. Records are checksummed when written; a record whose checksum does not match
 * (`corrupt`) or that was cut short by a crash in the middle of writing it (`torn`) stops the read there,
 * as ZooKeeper's FileTxnIterator stops at a bad CRC or a short read.
 */
export interface DiskDamage {
  readonly kind: "torn" | "corrupt";
  /** Index of the first damaged record (for files, always 0). */
  readonly index: number;
}

export interface LogRead {
  /** The intact records before any damage, oldest first. */
  readonly records: readonly Json[];
  readonly damage: DiskDamage | null;
}

export interface FileRead {
  /** The file's content, or null when it is damaged. */
  readonly data: Json;
  readonly damage: DiskDamage | null;
}

export interface DurableView {
  /** Names of the logs that exist, sorted. */
  logNames(): readonly string[];
  /** Names of the files that exist, sorted. */
  fileNames(): readonly string[];
  /** The durable records of a log; a log that was never written reads as empty. */
  readLog(name: string): LogRead;
  /** The durable content of a file, or undefined when it does not exist. */
  readFile(name: string): FileRead | undefined;
}
