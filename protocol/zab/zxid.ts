// Transaction ids: a zxid is (epoch, counter) packed as epoch * 2^32 + counter, as ZooKeeper's
// `ZxidUtils.makeZxid` does with `(epoch << 32) | counter` (reference §4.1). Numbers stay exact below 2^53.

declare const zxidBrand: unique symbol;

/** A ZooKeeper transaction id: epoch in the high 32 bits, counter in the low 32 bits. */
export type Zxid = number & { readonly [zxidBrand]: true };

const COUNTER_SPAN = 2 ** 32;
/** The largest counter a leader may use; reaching it forces a new epoch (ZOOKEEPER-1277). */
export const COUNTER_MAX = COUNTER_SPAN - 1;
/** Epochs stay below this so a zxid is a safe integer. */
const EPOCH_LIMIT = 2 ** 20;

export const ZXID_ZERO = 0 as Zxid;

export function makeZxid(epoch: number, counter: number): Zxid {
  if (!(Number.isSafeInteger(epoch) && epoch >= 0 && epoch < EPOCH_LIMIT)) {
    throw new RangeError(`epoch ${epoch} out of range`);
  }
  if (!(Number.isSafeInteger(counter) && counter >= 0 && counter <= COUNTER_MAX)) {
    throw new RangeError(`zxid counter ${counter} out of range`);
  }
  return (epoch * COUNTER_SPAN + counter) as Zxid;
}

/** Brands a number read from a message, an observation or the disk. */
export function asZxid(value: number): Zxid {
  if (!(Number.isSafeInteger(value) && value >= 0)) throw new RangeError(`bad zxid ${value}`);
  return value as Zxid;
}

export function epochOf(zxid: number): number {
  return Math.floor(zxid / COUNTER_SPAN);
}

export function counterOf(zxid: number): number {
  return zxid % COUNTER_SPAN;
}

/** The zxid after `zxid` in the same epoch. */
export function nextZxid(zxid: Zxid): Zxid {
  return makeZxid(epochOf(zxid), counterOf(zxid) + 1);
}

/** `0x100000003` style, as ZooKeeper logs zxids. */
export function formatZxid(zxid: number): string {
  return `0x${zxid.toString(16)}`;
}

/** `(1,3)` style, for people. */
export function describeZxid(zxid: number): string {
  return `(${epochOf(zxid)},${counterOf(zxid)})`;
}
