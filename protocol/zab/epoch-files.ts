// The epoch files as ZooKeeper writes and reads them (reference §4.1): `QuorumPeer.writeLongToFile` writes
// through `AtomicFileOutputStream` — the value goes to `<name>.tmp`, which is fsynced, then renamed over `<name>`;
// the directory is not fsynced, so the rename is durable only with the next fsync. A learner holds the
// `updatingEpoch` marker from NEWLEADER until currentEpoch is set (ZOOKEEPER-1653's fix). At start-up
// `QuorumPeer.loadDataBase` checks the files against the last zxid and refuses to start when they disagree.
import type { DurableView } from "../../sim/api/index.js";
import { hasBug } from "./bugs.js";
import type { ZabConfig } from "./config.js";
import type { FsyncAction, Out } from "./state.js";
import { epochOf, formatZxid, type Zxid } from "./zxid.js";

export const ACCEPTED_EPOCH_FILE = "acceptedEpoch";
export const CURRENT_EPOCH_FILE = "currentEpoch";
/** `QuorumPeer.UPDATING_EPOCH_FILENAME` (3.4.6–3.4.14; proposed for 3.5+ in ZOOKEEPER-2354, never merged). */
export const UPDATING_EPOCH_FILE = "updatingEpoch";
/** `AtomicFileOutputStream.TMP_EXTENSION`. */
export const TMP_EXTENSION = ".tmp";

export type EpochFile = "accepted" | "current";

function fileOf(which: EpochFile): string {
  return which === "accepted" ? ACCEPTED_EPOCH_FILE : CURRENT_EPOCH_FILE;
}

/** `writeLongToFile` up to its fsync: the value goes to `<name>.tmp`; the caller's fsync makes it durable. */
export function writeEpochTmp(which: EpochFile, epoch: number, out: Out): void {
  out.push({ kind: "write-file", file: `${fileOf(which)}${TMP_EXTENSION}`, data: epoch });
}

/** The epoch file an fsync completes the write of (its tmp file is now durable), if any. */
export function epochWriteOf(action: FsyncAction): { which: EpochFile; epoch: number } | null {
  switch (action.kind) {
    case "leader-accepted-epoch":
    case "learner-accepted-epoch":
      return { which: "accepted", epoch: action.epoch };
    case "newleader-epoch-first":
      return action.renamed === true ? null : { which: "current", epoch: action.epoch };
    case "leader-current-epoch":
    case "newleader-epoch":
    case "newleader-epoch-async":
      return { which: "current", epoch: action.epoch };
    default:
      return null;
  }
}

/**
 * The rest of `AtomicFileOutputStream.close` once the tmp file is fsynced: rename it over the file (not
 * fsynced: a power loss before the next fsync leaves the old file beside `<name>.tmp`, ZOOKEEPER-4269). A
 * learner's currentEpoch at NEWLEADER then deletes `updatingEpoch` (`Learner.syncWithLeader`). The planted
 * ZOOKEEPER-4643 fsyncs the rename before it logs the synced txns (peer.ts onFsyncDone), so a power loss
 * between the two keeps the new epoch without them.
 */
export function renameEpochFile(action: FsyncAction, out: Out): void {
  const write = epochWriteOf(action);
  if (write === null) return;
  const file = fileOf(write.which);
  out.push({ kind: "write-file", file, data: write.epoch });
  out.push({ kind: "delete-file", file: `${file}${TMP_EXTENSION}` });
  if (
    action.kind === "newleader-epoch" ||
    action.kind === "newleader-epoch-first" ||
    action.kind === "newleader-epoch-async"
  ) {
    out.push({ kind: "delete-file", file: UPDATING_EPOCH_FILE });
  }
}

/**
 * NEWLEADER, before the synced history is written: `updating.createNewFile()` (not fsynced; durable with the
 * history's fsync). Planted ZOOKEEPER-2354 (3.5–3.9 as released) and ZOOKEEPER-1653 (3.4.5) have no marker.
 */
export function markUpdatingEpoch(config: ZabConfig, out: Out): void {
  if (hasBug(config, "ZOOKEEPER-2354") || hasBug(config, "ZOOKEEPER-1653")) return;
  out.push({ kind: "write-file", file: UPDATING_EPOCH_FILE, data: null });
}

export type LoadedEpochs =
  | { readonly refused: null; readonly acceptedEpoch: number; readonly currentEpoch: number }
  | { readonly refused: string };

type Read = { readonly value: number | null } | { readonly refused: string };

/** `readLongFromFile`: a file that does not parse is an IOException (`Found ... in ...`): no start. */
function readEpoch(disk: DurableView, name: string): Read {
  const file = disk.readFile(name);
  if (file === undefined) return { value: null };
  if (file.damage !== null || typeof file.data !== "number") {
    return {
      refused: `Found ${JSON.stringify(file.data)} in ${name} (${file.damage?.kind ?? "bad"})`,
    };
  }
  return { value: file.data };
}

/**
 * A missing file: "pick a reasonable epoch number" (epoch of the last zxid) and write it. The writes made at
 * start-up are not fsynced here: the next fsync makes them durable before anything written after them (the
 * kernel's fsync covers every earlier write), and a crash before it recomputes the same values.
 */
function orDefault(read: Read, name: string, fallback: number, out: Out): Read {
  if ("refused" in read || read.value !== null) return read;
  out.push({ kind: "write-file", file: name, data: fallback });
  return { value: fallback };
}

/**
 * currentEpoch older than the last zxid: the crash fell between the synced history and currentEpoch.
 * `updatingEpoch` says so (ZOOKEEPER-1653's fix: take the zxid's epoch); else a durable `currentEpoch.tmp`
 * whose rename was lost (ZOOKEEPER-4269: take its value; 3.4.5, planted ZOOKEEPER-1653, has neither); else
 * `IOException("The current epoch, ..., is older than the last zxid, ...")`.
 */
function repairCurrent(
  disk: DurableView,
  current: number,
  lastZxid: Zxid,
  config: ZabConfig,
  out: Out,
): Read {
  const lastEpoch = epochOf(lastZxid);
  if (disk.readFile(UPDATING_EPOCH_FILE) !== undefined && !hasBug(config, "ZOOKEEPER-1653")) {
    out.push({ kind: "write-file", file: CURRENT_EPOCH_FILE, data: lastEpoch });
    out.push({ kind: "delete-file", file: UPDATING_EPOCH_FILE });
    return { value: lastEpoch };
  }
  const tmp = readEpoch(disk, `${CURRENT_EPOCH_FILE}${TMP_EXTENSION}`);
  if (!hasBug(config, "ZOOKEEPER-1653") && !("refused" in tmp) && tmp.value !== null) {
    out.push({ kind: "write-file", file: CURRENT_EPOCH_FILE, data: tmp.value });
    return tmp;
  }
  return {
    refused: `The current epoch, ${current}, is older than the last zxid, ${formatZxid(lastZxid)}`,
  };
}

/**
 * Released ZooKeeper (3.5–3.9.5) reads `<name>.tmp` only to repair a currentEpoch older than the last zxid. A
 * power loss that undoes the rename of an epoch file whose epoch has no txn yet is then never noticed: the
 * server comes back with its older epoch and FLE, which ranks currentEpoch first, may elect a leader whose
 * history lacks an established epoch's txns (the planted `lost-epoch-rename`, and the released lines 2354 and
 * 1653 stand for). The fixed protocol finishes the interrupted rename instead: a durable tmp file newer than
 * its file was fsynced after everything it stands for was durable, so its value is the file's.
 */
function finishRename(
  disk: DurableView,
  name: string,
  read: Read,
  config: ZabConfig,
  out: Out,
): Read {
  const released =
    hasBug(config, "lost-epoch-rename") ||
    hasBug(config, "ZOOKEEPER-2354") ||
    hasBug(config, "ZOOKEEPER-1653");
  if (released || "refused" in read || read.value === null) return read;
  const tmp = readEpoch(disk, `${name}${TMP_EXTENSION}`);
  if ("refused" in tmp || tmp.value === null || tmp.value <= read.value) return read;
  out.push({ kind: "write-file", file: name, data: tmp.value });
  out.push({ kind: "delete-file", file: `${name}${TMP_EXTENSION}` });
  return tmp;
}

/** One epoch file as start-up reads it: its value, else the default; then an interrupted rename finished. */
function loadEpochFile(
  disk: DurableView,
  name: string,
  lastEpoch: number,
  config: ZabConfig,
  out: Out,
): Read {
  const read = orDefault(readEpoch(disk, name), name, lastEpoch, out);
  return finishRename(disk, name, read, config, out);
}

/** `QuorumPeer.loadDataBase`, after the database is loaded: the epochs, or why the server will not start. */
export function loadEpochs(
  disk: DurableView,
  lastZxid: Zxid,
  config: ZabConfig,
  out: Out,
): LoadedEpochs {
  const lastEpoch = epochOf(lastZxid);
  let current = loadEpochFile(disk, CURRENT_EPOCH_FILE, lastEpoch, config, out);
  if ("refused" in current) return current;
  if (lastEpoch > (current.value ?? lastEpoch)) {
    current = repairCurrent(disk, current.value ?? lastEpoch, lastZxid, config, out);
    if ("refused" in current) return current;
  }
  const currentEpoch = current.value ?? lastEpoch;
  const accepted = loadEpochFile(disk, ACCEPTED_EPOCH_FILE, lastEpoch, config, out);
  if ("refused" in accepted) return accepted;
  const acceptedEpoch = accepted.value ?? lastEpoch;
  if (acceptedEpoch < currentEpoch) {
    return {
      refused: `The accepted epoch, ${acceptedEpoch} is less than the current epoch, ${currentEpoch}`,
    };
  }
  return { refused: null, acceptedEpoch, currentEpoch };
}

/** The epochs the files hold durably right now (after a failed write, `writeLongToFile` threw). */
export function durableEpochs(disk: DurableView): {
  accepted: number | null;
  current: number | null;
} {
  const accepted = readEpoch(disk, ACCEPTED_EPOCH_FILE);
  const current = readEpoch(disk, CURRENT_EPOCH_FILE);
  return {
    accepted: "refused" in accepted ? null : accepted.value,
    current: "refused" in current ? null : current.value,
  };
}
