// The baseline: a bare discrete-event loop over the same (time, seq) binary heap, one new event per event,
// with latencies drawn from the same seeded generator the kernel uses (seedrandom's Alea) — the ceiling any
// kernel built on this heap and this generator can reach.
import { Prng } from "../sim/prng/index.js";
import { EventQueue } from "../sim/queue/index.js";

/** The same shape as the kernel's events, so both loops allocate and compare the same records. */
interface BareEvent {
  readonly time: number;
  seq: number;
  readonly kind: number;
  readonly node: number;
  readonly a: number;
  readonly b: number;
  readonly data: unknown;
}

export function runBareLoop(events: number, inFlight: number, nodes: number): number {
  const queue = new EventQueue<BareEvent>();
  const rng = new Prng("1", "bare-loop");
  const next = (): number => rng.next();
  for (let i = 0; i < inFlight; i++)
    queue.push({
      time: Math.floor(next() * 1000),
      seq: 0,
      kind: 1,
      node: i % nodes,
      a: 0,
      b: 0,
      data: null,
    });
  let checksum = 0;
  for (let i = 0; i < events; i++) {
    const event = queue.pop();
    if (event === undefined) break;
    checksum = (checksum + event.node) | 0;
    const time = event.time + 100 + Math.floor(next() * 500);
    queue.push({
      time,
      seq: 0,
      kind: 1,
      node: (event.node + 1) % nodes,
      a: event.a + 1,
      b: 0,
      data: null,
    });
  }
  return checksum;
}
