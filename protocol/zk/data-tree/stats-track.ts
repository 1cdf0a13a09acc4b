// ZooKeeper's StatsTrack (org.apache.zookeeper.StatsTrack, unchanged from 3.8.0 to 3.9.5): the text in a
// quota's zookeeper_limits and zookeeper_stats nodes, "count=1,bytes=2" and, with more keys, the newer form
// "count=1,bytes=2=;byteHardLimit=-1;countHardLimit=-1". Values are Java longs, kept as bigint so that the
// arithmetic wraps as Java's does.

/** The parsed keys and values, as StatsTrack's `HashMap<String, Long>`. */
export type StatsTrack = ReadonlyMap<string, bigint>;

const LONG_PATTERN = /^[+-]?[0-9]+$/;
const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

/** Java's `String.split(regex)`: trailing empty strings are removed (an empty input gives [""]). */
function javaSplit(text: string, separator: RegExp): string[] {
  if (text === "") return [""];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Long.parseLong over ASCII digits; null where Java throws NumberFormatException. */
function parseLong(text: string): bigint | null {
  if (!LONG_PATTERN.test(text)) return null;
  const value = BigInt(text);
  return value < MIN_LONG || value > MAX_LONG ? null : value;
}

/**
 * `new StatsTrack(String stat)`: "PAIRS_SEPARATOR.split(stat)" on [,;]+, each pair "split("=")", and
 * "Long.parseLong(StringUtils.isEmpty(kv[1]) ? "-1" : kv[1])". Null where the Java constructor throws (a pair
 * without "=", a value that is no long, null data); the caller treats that as the real server's failure.
 */
export function parseStatsTrack(stat: string | null): StatsTrack | null {
  if (stat === null) return null;
  const stats = new Map<string, bigint>();
  if (stat.length === 0) return stats;
  for (const pair of javaSplit(stat, /[,;]+/)) {
    const kv = javaSplit(pair, /=/);
    if (kv.length < 2) return null;
    const value = parseLong(kv[1] === "" ? "-1" : (kv[1] as string));
    if (value === null) return null;
    stats.set(kv[0] as string, value);
  }
  return stats;
}

/** `getValue`: "val == null ? -1 : val.longValue()". */
export function statValue(stats: StatsTrack, key: string): bigint {
  return stats.get(key) ?? -1n;
}

/**
 * `StatsTrack.toString`: count and bytes first "for backwards compatibility", then, if there are other keys,
 * an extra "=" ("to trick old parsing code so it will ignore new flags") and the rest sorted, each ";k=v".
 */
export function formatStatsTrack(stats: StatsTrack): string {
  const keys = [...stats.keys()].filter((key) => key !== "count" && key !== "bytes");
  let text = `count=${statValue(stats, "count")},bytes=${statValue(stats, "bytes")}`;
  if (keys.length > 0) {
    text += "=";
    keys.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    for (const key of keys) text += `;${key}=${stats.get(key)}`;
  }
  return text;
}

/** setCount(getCount() + countDiff) and setBytes(getBytes() + bytesDiff), in Java's 64-bit arithmetic. */
export function withDiffs(stats: StatsTrack, bytesDiff: number, countDiff: number): StatsTrack {
  const next = new Map(stats);
  next.set("count", BigInt.asIntN(64, statValue(stats, "count") + BigInt(countDiff)));
  next.set("bytes", BigInt.asIntN(64, statValue(stats, "bytes") + BigInt(bytesDiff)));
  return next;
}
