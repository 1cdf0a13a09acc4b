// A node's disk: named append-only logs and whole files. Writes are volatile until an fsync issued after them
// completes; a crash loses them (a power loss — the page cache dies with the machine), a process kill does
// not. A damaged record is stored as JSON text with the length and checksum its header carries, so damage is
// detected on read. An intact record keeps the value itself and is serialised only when a fault damages it:
// a fault-free run never pays for JSON (it was a twentieth of a ZAB write's cost). So values handed to the disk
// are shared with the writer, and reads return them: protocols treat Json as immutable (they must not mutate
// what they wrote or read).
import type { DiskDamage, DurableView, FileRead, Json, LogRead } from "../api/index.js";
import { hashString as checksum } from "../record/trace-hash.js";

/** A record as it lies on the platter: intact, or as text with the length and checksum of its header. */
type StoredRecord = IntactRecord | DamagedRecord;

interface IntactRecord {
  readonly intact: true;
  readonly value: Json;
}

interface DamagedRecord {
  readonly intact: false;
  readonly text: string;
  readonly length: number;
  readonly sum: number;
}

type PendingWrite =
  | { readonly op: "append"; readonly log: string; readonly record: StoredRecord }
  | { readonly op: "truncate"; readonly log: string; readonly length: number }
  | { readonly op: "write-file"; readonly file: string; readonly record: StoredRecord }
  | { readonly op: "delete-file"; readonly file: string };

export type DiskTarget =
  | { readonly log: string; readonly index: number }
  | { readonly file: string };

function encode(value: Json): IntactRecord {
  return { intact: true, value };
}

/** The record as bytes: its JSON text and the header's length and checksum. */
function serialise(record: StoredRecord): DamagedRecord {
  if (!record.intact) return record;
  const text = JSON.stringify(record.value);
  return { intact: false, text, length: text.length, sum: checksum(text) };
}

function decode(record: StoredRecord, index: number): { value: Json } | DiskDamage {
  if (record.intact) return { value: record.value };
  if (record.text.length < record.length) return { kind: "torn", index };
  if (checksum(record.text) !== record.sum) return { kind: "corrupt", index };
  return { value: JSON.parse(record.text) as Json };
}

export class Disk implements DurableView {
  readonly #logs = new Map<string, StoredRecord[]>();
  readonly #files = new Map<string, StoredRecord>();
  /** Volatile writes, oldest first; `#pendingBase` is the sequence number of the first. */
  #pending: PendingWrite[] = [];
  #pendingBase = 0;
  /** Armed by the `disk-torn` fault: the next crash tears the first unsynced append. */
  #tearOnCrash = false;
  /** Armed by the `disk-error` fault: the next fsync to complete fails. */
  #failNextSync = false;

  append(log: string, record: Json): void {
    this.#pending.push({ op: "append", log, record: encode(record) });
  }

  truncate(log: string, length: number): void {
    if (!(Number.isSafeInteger(length) && length >= 0)) {
      throw new RangeError(`truncate ${log}: length ${length} is not a count of records`);
    }
    this.#pending.push({ op: "truncate", log, length });
  }

  writeFile(file: string, data: Json): void {
    this.#pending.push({ op: "write-file", file, record: encode(data) });
  }

  deleteFile(file: string): void {
    this.#pending.push({ op: "delete-file", file });
  }

  /** Starts an fsync: returns the sequence number that, once synced, covers every write issued so far. */
  beginSync(): number {
    return this.#pendingBase + this.#pending.length;
  }

  /**
   * Completes an fsync begun at `upto`: the writes before it become durable, in order. Returns false when the
   * `disk-error` fault made it fail: then every write not yet durable is lost (a failed write-back drops the
   * dirty pages; the writer that issued them is told, and ZooKeeper's never retries them).
   */
  completeSync(upto: number): boolean {
    if (this.#failNextSync) {
      this.#failNextSync = false;
      this.#dropPending();
      return false;
    }
    this.#syncUpTo(upto);
    return true;
  }

  #syncUpTo(upto: number): void {
    const count = upto - this.#pendingBase;
    if (count <= 0) return;
    const done = this.#pending.slice(0, count);
    this.#pending = this.#pending.slice(count);
    this.#pendingBase += done.length;
    for (const write of done) this.#applyDurably(write);
  }

  get unsyncedCount(): number {
    return this.#pending.length;
  }

  /** A machine crash: unsynced writes are lost, except a torn prefix of one record when the fault is armed. */
  crash(): void {
    if (this.#tearOnCrash) {
      const first = this.#pending.find((write) => write.op === "append");
      if (first !== undefined && first.op === "append") {
        const { text, length, sum } = serialise(first.record);
        this.#appendDurably(first.log, {
          intact: false,
          text: text.slice(0, Math.floor(length / 2)),
          length,
          sum,
        });
      }
      this.#tearOnCrash = false;
    }
    this.#dropPending();
  }

  #dropPending(): void {
    this.#pendingBase += this.#pending.length;
    this.#pending = [];
  }

  /** A process kill: the operating system still holds the unsynced writes and writes them out. */
  kill(): void {
    this.#syncUpTo(this.beginSync());
  }

  armTornWrite(): void {
    this.#tearOnCrash = true;
  }

  armWriteError(): void {
    this.#failNextSync = true;
  }

  /**
   * Flips one character of a durable record (bit rot). `position` in [0, 1) picks the character, so the
   * nemesis draws it from its own stream. Returns false when the target does not exist.
   */
  corrupt(target: DiskTarget, position: number): boolean {
    const records = "log" in target ? this.#logs.get(target.log) : undefined;
    const index = "log" in target ? target.index : 0;
    const stored = "log" in target ? records?.[index] : this.#files.get(target.file);
    if (stored === undefined) return false;
    const record = serialise(stored);
    if (record.text.length === 0) return false;
    const at = Math.min(record.text.length - 1, Math.floor(position * record.text.length));
    const flipped = String.fromCharCode(record.text.charCodeAt(at) ^ 0x01);
    const damaged: DamagedRecord = {
      ...record,
      text: record.text.slice(0, at) + flipped + record.text.slice(at + 1),
    };
    if ("log" in target && records !== undefined) records[index] = damaged;
    else if ("file" in target) this.#files.set(target.file, damaged);
    return true;
  }

  logNames(): readonly string[] {
    return [...this.#logs.keys()].sort();
  }

  fileNames(): readonly string[] {
    return [...this.#files.keys()].sort();
  }

  readLog(name: string): LogRead {
    const stored = this.#logs.get(name) ?? [];
    const records: Json[] = [];
    for (let index = 0; index < stored.length; index++) {
      const decoded = decode(stored[index] as StoredRecord, index);
      if (!("value" in decoded)) return { records, damage: decoded };
      records.push(decoded.value);
    }
    return { records, damage: null };
  }

  readFile(name: string): FileRead | undefined {
    const stored = this.#files.get(name);
    if (stored === undefined) return undefined;
    const decoded = decode(stored, 0);
    return "value" in decoded
      ? { data: decoded.value, damage: null }
      : { data: null, damage: decoded };
  }

  #applyDurably(write: PendingWrite): void {
    switch (write.op) {
      case "append":
        this.#appendDurably(write.log, write.record);
        return;
      case "truncate": {
        const records = this.#logs.get(write.log);
        if (records !== undefined && records.length > write.length) records.length = write.length;
        return;
      }
      case "write-file":
        this.#files.set(write.file, write.record);
        return;
      case "delete-file":
        this.#files.delete(write.file);
        return;
    }
  }

  #appendDurably(log: string, record: StoredRecord): void {
    const records = this.#logs.get(log);
    if (records === undefined) this.#logs.set(log, [record]);
    else records.push(record);
  }
}
