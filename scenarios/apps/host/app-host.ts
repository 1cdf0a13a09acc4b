// The app host: the one place where asynchronous code runs inside a simulation (DESIGN.md, "Users' own code").
// The kernel runs until a step has something for the app (a call's outcome, a session or watch event, a timer,
// a (re)start); the bridge queues it and stops the loop after that event. `pump` then gives each instance its
// turn: its callbacks run in queue order inside its app context, and the turn ends once the microtasks they
// started have all run (one real macrotask later). Whatever the code did entered the simulation as posts and
// requests at that same simulated instant, so the same seed gives the same run.
import { type Json, nodeId } from "../../../sim/api/index.js";
import type { ObservationRecord, Simulation } from "../../../sim/kernel/index.js";
import type { AppBridge } from "../app-bridge.js";
import { type AppContext, type AppModule, type AppNote, instanceName } from "../app-module.js";
import type { CallOutcome, HandleEvent } from "../handle-driver.js";
import { ProcessPool } from "../process-pool.js";
import { appContext } from "./app-context.js";
import { AppLife, type LifeHost } from "./app-life.js";
import { describeError } from "./describe-error.js";
import { turnHooks } from "./turn-hooks.js";

/** The port every server listens on in an app's connect string. */
export const CLIENT_PORT = 2181;

export interface AppFailure {
  readonly instance: string;
  readonly message: string;
  readonly timeUs: number;
}

type Delivery = { readonly life: AppLife; readonly run: () => unknown };

/** Loads the app's module for one incarnation of an instance (a fresh copy, as a new process would). */
export type LoadMain = (instance: string, incarnation: number) => Promise<AppModule["main"]>;

const realSetImmediate = setImmediate;

export class AppHost implements AppBridge, LifeHost {
  readonly #sim: Simulation;
  readonly #servers: readonly string[];
  readonly #lives = new Map<string, AppLife>();
  readonly #pools = new Map<string, ProcessPool>();
  #deliveries: Delivery[] = [];
  readonly failures: AppFailure[] = [];
  readonly notes: AppNote[] = [];
  readonly instances: readonly string[];

  readonly #loadMain: LoadMain;
  readonly #incarnations = new Map<string, number>();

  constructor(sim: Simulation, app: AppModule, servers: readonly string[], loadMain: LoadMain) {
    this.#sim = sim;
    this.#loadMain = loadMain;
    this.#servers = servers;
    this.instances = Array.from({ length: app.instances }, (_, i) => instanceName(i));
    sim.addObservationListener((record) => this.#see(record));
  }

  get connectString(): string {
    return this.#servers.map((server) => `${server}:${CLIENT_PORT}`).join(",");
  }

  serverOf(hostPort: string): string | null {
    const [host, port] = hostPort.split(":");
    if (host === undefined || !this.#servers.includes(host)) return null;
    return port === undefined || port === "" || Number(port) === CLIENT_PORT ? host : null;
  }

  // ---- the bridge: called inside steps; only queues ----------------------------------------------------

  started(instance: string): void {
    this.#lives.get(instance)?.end();
    const index = this.instances.indexOf(instance);
    let pool = this.#pools.get(instance);
    if (pool === undefined) {
      pool = new ProcessPool(index);
      this.#pools.set(instance, pool);
    }
    const life = new AppLife({
      instance,
      index,
      sim: this.#sim,
      random: this.#sim.streams.get(`app/${instance}`),
      host: this,
      processes: pool,
    });
    this.#lives.set(instance, life);
    const incarnation = (this.#incarnations.get(instance) ?? 0) + 1;
    this.#incarnations.set(instance, incarnation);
    this.#queue(life, async () => {
      const main = await this.#loadMain(instance, incarnation);
      this.#runMain(life, main, incarnation);
    });
  }

  timerFired(instance: string, timer: number): void {
    const life = this.#life(instance);
    this.#queue(life, () => life.fireTimer(timer));
  }

  replied(instance: string, requestId: number, outcome: CallOutcome): void {
    const life = this.#life(instance);
    this.#queue(life, () => life.replied(requestId, outcome));
  }

  handleEvent(instance: string, handle: number, event: HandleEvent): void {
    const life = this.#life(instance);
    this.#queue(life, () => life.handleEvent(handle, event));
  }

  fail(instance: string, message: string): void {
    this.failures.push({ instance, message, timeUs: this.#sim.nowUs });
  }

  #life(instance: string): AppLife {
    const life = this.#lives.get(instance);
    if (life === undefined) throw new Error(`app instance ${instance} has no incarnation`);
    return life;
  }

  #queue(life: AppLife, run: () => void): void {
    this.#deliveries.push({ life, run });
    this.#sim.stop();
  }

  // ---- turns ---------------------------------------------------------------------------------------------

  get pending(): boolean {
    return this.#deliveries.length > 0;
  }

  /** Runs every queued delivery, one instance's turn at a time, each to the end of its microtasks. */
  async pump(): Promise<void> {
    while (this.#deliveries.length > 0) {
      const first = this.#deliveries[0] as Delivery;
      let count = 1;
      while (this.#deliveries[count]?.life === first.life) count++;
      const batch = this.#deliveries.slice(0, count);
      this.#deliveries = this.#deliveries.slice(count);
      if (!first.life.alive) continue;
      turnHooks.turn = first.life;
      for (const delivery of batch) {
        await appContext.run(first.life, () => this.#guarded(first.life, delivery.run));
      }
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      turnHooks.turn = null;
    }
  }

  /** Runs one delivery; what it throws (or its promise rejects with) fails the run, naming the instance. */
  async #guarded(life: AppLife, run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.fail(life.instance, `${life.instance} threw: ${describeError(error)}`);
    }
  }

  #runMain(life: AppLife, main: AppModule["main"], incarnation: number): void {
    const ctx: AppContext = {
      id: life.instance,
      index: life.index,
      incarnation,
      connectString: this.connectString,
      note: (event, fields = {}) => life.note(String(event), jsonFields(life, fields)),
      sleep: (ms) =>
        new Promise<void>((resolve) => life.setTimer(resolve, Math.max(0, Number(ms)), false)),
      random: () => life.random(),
    };
    const settle = (status: "finished" | "threw", message: string) => {
      if (!life.alive) return;
      life.finishedAtUs = this.#sim.nowUs;
      life.post({ type: "APP_MAIN", status, message });
      if (status === "finished") return;
      this.fail(life.instance, `${life.instance}: main threw: ${message}`);
      // A process whose main throws exits: its connection drops and its session expires in time (its
      // ephemeral nodes go then), as for a Node process that dies of an unhandled error.
      this.#sim.schedule([
        { atUs: this.#sim.nowUs, op: { f: "kill", node: nodeId(life.instance) } },
      ]);
    };
    let result: unknown;
    try {
      result = main(ctx);
    } catch (error) {
      settle("threw", describeError(error));
      return;
    }
    Promise.resolve(result).then(
      () => settle("finished", ""),
      (error: unknown) => settle("threw", describeError(error)),
    );
  }

  // ---- the run's end ------------------------------------------------------------------------------------

  /** The instances whose current incarnation has not finished `main` (one crashed and not restarted has not). */
  unfinished(): readonly string[] {
    return this.instances.filter((instance) => {
      const life = this.#lives.get(instance);
      return life === undefined || life.finishedAtUs === null;
    });
  }

  /** The run is over: whatever the app's code still holds is ignored. */
  end(): void {
    for (const life of this.#lives.values()) life.end();
    this.#deliveries = [];
  }

  #see(record: ObservationRecord): void {
    const o = record.observation;
    if (o.kind !== "app-note") return;
    const { kind: _kind, client: _client, event, ...fields } = o;
    this.notes.push({
      ...fields,
      instance: record.node,
      event: String(event),
      atMs: record.timeUs / 1_000,
    });
  }
}

function jsonFields(life: AppLife, fields: unknown): { readonly [field: string]: Json } {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    throw new TypeError(`${life.instance}: note fields must be an object`);
  }
  try {
    return JSON.parse(JSON.stringify(fields)) as { readonly [field: string]: Json };
  } catch (error) {
    throw new TypeError(`${life.instance}: note fields must be JSON: ${describeError(error)}`);
  }
}
