// A model of java.util.HashSet<String> (OpenJDK 17's HashMap underneath) that reproduces its iteration
// order: DataTree.getEphemerals clones a session's HashSet and ZooKeeper deletes a closing session's
// ephemerals in the clone's order. The set is mutable and meant to live inside one function call.
import { javaStringHash } from "./string-hash.js";

type Entry = { readonly hash: number; readonly key: string };

/** HashMap's fields that decide the order: the bins (null table until the first put) and threshold. */
export type JavaHashSet = { table: Entry[][] | undefined; size: number; threshold: number };

const DEFAULT_INITIAL_CAPACITY = 16;
const LOAD_FACTOR = 0.75;
/** putVal calls treeifyBin once a bin's list reaches 9 nodes ("binCount >= TREEIFY_THRESHOLD - 1"). */
const TREEIFY_LENGTH = 9;
/** treeifyBin: "if (tab == null || (n = tab.length) < MIN_TREEIFY_CAPACITY) resize();". */
const MIN_TREEIFY_CAPACITY = 64;

/** `new HashSet<>()`: no table yet, threshold 0 meaning "use the defaults". */
export function newJavaHashSet(): JavaHashSet {
  return { table: undefined, size: 0, threshold: 0 };
}

/** HashMap.hash: "(h = key.hashCode()) ^ (h >>> 16)". */
function spread(key: string): number {
  const h = javaStringHash(key);
  return h ^ (h >>> 16);
}

/** HashMap.tableSizeFor: the least power of two at or above `cap` (1 for 0 and 1). */
function tableSizeFor(cap: number): number {
  let size = 1;
  while (size < cap) size *= 2;
  return size;
}

/**
 * HashMap.resize: the first table takes the threshold as its capacity (or 16); later ones double. Each
 * bin splits into a "lo" list that stays at j and a "hi" list at j + oldCap, each in its old order.
 */
function resize(set: JavaHashSet): Entry[][] {
  const old = set.table;
  const oldCap = old?.length ?? 0;
  let newCap: number;
  let newThr = 0;
  if (oldCap > 0) {
    newCap = oldCap * 2;
    if (oldCap >= DEFAULT_INITIAL_CAPACITY) newThr = set.threshold * 2;
  } else if (set.threshold > 0) {
    newCap = set.threshold;
  } else {
    newCap = DEFAULT_INITIAL_CAPACITY;
    newThr = DEFAULT_INITIAL_CAPACITY * LOAD_FACTOR;
  }
  if (newThr === 0) newThr = Math.floor(Math.fround(newCap * LOAD_FACTOR));
  const table: Entry[][] = Array.from({ length: newCap }, () => []);
  for (const [j, bin] of (old ?? []).entries()) {
    for (const entry of bin) {
      (table[(entry.hash & oldCap) === 0 ? j : j + oldCap] as Entry[]).push(entry);
    }
  }
  set.table = table;
  set.threshold = newThr;
  return table;
}

/**
 * HashSet.add (HashMap.putVal): a new key goes to the tail of its bin's list; a bin reaching 9 nodes in
 * a table under 64 resizes it; a size over the threshold resizes. Not modelled: the tree bin a 9-node
 * bin becomes in a table of 64 or more (its iteration puts the tree's root first); the list order is
 * kept instead. It takes 9 keys in one bin of a table of at least 64.
 */
export function javaHashSetAdd(set: JavaHashSet, key: string): void {
  const hash = spread(key);
  let table = set.table ?? resize(set);
  const bin = table[(table.length - 1) & hash] as Entry[];
  if (bin.some((entry) => entry.hash === hash && entry.key === key)) return;
  bin.push({ hash, key });
  if (bin.length >= TREEIFY_LENGTH && table.length < MIN_TREEIFY_CAPACITY) table = resize(set);
  set.size += 1;
  if (set.size > set.threshold) resize(set);
}

/** HashSet.remove: unlinks the key from its bin; the table never shrinks. */
export function javaHashSetRemove(set: JavaHashSet, key: string): void {
  const table = set.table;
  if (table === undefined) return;
  const hash = spread(key);
  const bin = table[(table.length - 1) & hash] as Entry[];
  const at = bin.findIndex((entry) => entry.hash === hash && entry.key === key);
  if (at < 0) return;
  bin.splice(at, 1);
  set.size -= 1;
}

/** Iteration order: bin 0 to the last, each bin's list from its head. */
export function javaHashSetKeys(set: JavaHashSet): string[] {
  return (set.table ?? []).flatMap((bin) => bin.map((entry) => entry.key));
}

/**
 * HashSet.clone (HashMap.clone, then putMapEntries): a new map pre-sized with threshold
 * tableSizeFor((int)((float)s / 0.75f + 1.0f)), filled by iterating the original. Its table can be
 * smaller or larger than the original's, so its order can differ from the original's.
 */
export function javaHashSetClone(set: JavaHashSet): JavaHashSet {
  const clone = newJavaHashSet();
  if (set.size > 0) {
    const ft = Math.fround(Math.fround(set.size / LOAD_FACTOR) + 1);
    clone.threshold = tableSizeFor(Math.floor(ft));
  }
  for (const key of javaHashSetKeys(set)) javaHashSetAdd(clone, key);
  return clone;
}
