// A node's clock: simulated ("real") time seen through an offset and a drift rate, with jumps as faults.
// Real servers measure timeouts on a monotonic clock (ZooKeeper uses System.nanoTime since ZOOKEEPER-1366),
// which drift affects and jumps do not; `timers: "monotonic"` models that, `timers: "local"` a node whose
// timers follow its wall clock.

export interface ClockConfig {
  /** Initial offset of the node's clock from simulated time, in microseconds. */
  readonly offsetUs?: number;
  /** Rate error in parts per million: +100 means the clock gains 100 us per simulated second. */
  readonly driftPpm?: number;
  /** Which clock timers run on (default `monotonic`). */
  readonly timers?: "local" | "monotonic";
}

const MIN_DRIFT_PPM = -500_000;
const MAX_DRIFT_PPM = 500_000;

export class NodeClock {
  readonly timers: "local" | "monotonic";
  #offsetUs: number;
  #rate: number;
  #driftPpm: number;
  /** The monotonic reading was `#monoAnchor` at simulated time `#realAnchor`. */
  #realAnchor = 0;
  #monoAnchor = 0;

  constructor(config: ClockConfig = {}) {
    this.timers = config.timers ?? "monotonic";
    this.#offsetUs = Math.round(config.offsetUs ?? 0);
    this.#driftPpm = 0;
    this.#rate = 1;
    this.setDrift(config.driftPpm ?? 0, 0);
  }

  get offsetUs(): number {
    return this.#offsetUs;
  }

  get driftPpm(): number {
    return this.#driftPpm;
  }

  /** The node's monotonic clock at simulated time `realUs`. */
  monotonicAt(realUs: number): number {
    const elapsed = realUs - this.#realAnchor;
    if (this.#driftPpm === 0) return this.#monoAnchor + elapsed;
    // Integer part and drift part apart, so a whole number of microseconds never rounds down by one.
    return this.#monoAnchor + elapsed + Math.floor((elapsed * this.#driftPpm) / 1_000_000);
  }

  /** The node's wall clock at simulated time `realUs`: what the protocol sees as `nowUs`. */
  localAt(realUs: number): number {
    return this.monotonicAt(realUs) + this.#offsetUs;
  }

  /** The reading of the clock that timers run on. */
  timerClockAt(realUs: number): number {
    return this.timers === "monotonic" ? this.monotonicAt(realUs) : this.localAt(realUs);
  }

  /** The first simulated time, not before `nowUs`, at which the timer clock reads at least `deadline`. */
  realTimeOf(deadline: number, nowUs: number): number {
    const base = this.timers === "monotonic" ? deadline : deadline - this.#offsetUs;
    let real = this.#realAnchor + Math.ceil((base - this.#monoAnchor) / this.#rate);
    // The estimate may be a microsecond off either way; settle on the first microsecond that reaches it.
    while (this.timerClockAt(real) < deadline) real++;
    while (real > nowUs && this.timerClockAt(real - 1) >= deadline) real--;
    return Math.max(real, nowUs);
  }

  /** Moves the wall clock by `deltaUs`. Returns true when pending timers must be rescheduled. */
  jump(deltaUs: number): boolean {
    this.#offsetUs += Math.round(deltaUs);
    return this.timers === "local" && deltaUs !== 0;
  }

  /** Changes the drift rate from simulated time `nowUs` on; timers must be rescheduled. */
  setDrift(driftPpm: number, nowUs: number): void {
    if (!(driftPpm >= MIN_DRIFT_PPM && driftPpm <= MAX_DRIFT_PPM)) {
      throw new RangeError(
        `clock drift ${driftPpm} ppm is outside [${MIN_DRIFT_PPM}, ${MAX_DRIFT_PPM}]`,
      );
    }
    this.#monoAnchor = this.monotonicAt(nowUs);
    this.#realAnchor = nowUs;
    this.#driftPpm = driftPpm;
    this.#rate = 1 + driftPpm / 1_000_000;
  }
}
