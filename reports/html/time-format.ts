// Simulated time for people: microseconds as "1.234 s", "12.3 ms" or "850 µs".

export function formatUs(us: number): string {
  const abs = Math.abs(us);
  if (abs >= 1_000_000) return `${(us / 1_000_000).toFixed(3)} s`;
  if (abs >= 1_000) return `${(us / 1_000).toFixed(1)} ms`;
  return `${Math.round(us)} µs`;
}

/** A zxid as ZooKeeper prints it: `0x<epoch><counter>` in hex. */
export function formatZxid(zxid: number): string {
  return `0x${zxid.toString(16)}`;
}
