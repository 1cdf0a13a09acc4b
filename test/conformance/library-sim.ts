// The simulated side of the client-library conformance test: zabsim's node-zookeeper-client inside an
// app run (scenarios/apps) on a 3-server ensemble without faults. The app has two instances, one per
// client of a sequence (an instance holds one open handle): app-1 drives every sequence, app-2 opens a
// client in its own context whenever app-1 asks for one. Many sequences share one simulated run.

import simulated from "../../lib/node-zookeeper-client/index.js";
import type { AppContext, AppModule } from "../../scenarios/apps/app-module.js";
import { runAppScenario } from "../../scenarios/apps/host/run-app.js";
import { formatIssues, parseScenario, type Scenario } from "../../scenarios/schema/index.js";
import type { LibrarySequence, Who } from "./library-calls.js";
import { CLIENT_OPTIONS } from "./library-real.js";
import {
  type LibraryClient,
  type LibraryModule,
  runLibrarySequence,
  type SequenceRecord,
} from "./library-run.js";
import { REAL_ZK_VERSION } from "./sim-driver.js";

const simulatedLibrary: LibraryModule = simulated;

/**
 * 3 servers, no faults, no workload of its own (the app's instances are the clients). The run lasts at
 * least durationMs + recoveryMs of simulated time and waits up to 60 s more for `main` to finish.
 */
function conformanceScenario(durationMs: number): Scenario {
  const parsed = parseScenario({
    name: "nzc-conformance",
    description:
      "node-zookeeper-client conformance: 3 servers, no faults, the app as the only clients",
    system: "zookeeper",
    cluster: { servers: 3, observers: 0 },
    nemesis: { kind: "none" },
    durationMs,
    recoveryMs: 1_000,
    monitorEveryMs: 0,
    checks: ["zab-invariants", "sessions"],
    // The real server compared with is 3.8.0 (sim-driver.ts).
    zkVersion: REAL_ZK_VERSION,
  });
  if (!parsed.ok) throw new Error(formatIssues("the conformance scenario", parsed.issues));
  return parsed.scenario;
}

type Job =
  | { readonly kind: "open"; readonly opened: (client: LibraryClient) => void }
  | { readonly kind: "finish" };

/** app-1 → app-2 requests, taken in order by app-2's main. */
class Jobs {
  readonly #queue: Job[] = [];
  #waiter: ((job: Job) => void) | null = null;

  push(job: Job): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    if (waiter === null) this.#queue.push(job);
    else waiter(job);
  }

  next(): Promise<Job> {
    const job = this.#queue.shift();
    if (job !== undefined) return Promise.resolve(job);
    return new Promise<Job>((resolve) => {
      this.#waiter = resolve;
    });
  }
}

/** A client of the running instance (createClient finds it through the app context), connected. */
function openHere(ctx: AppContext): Promise<LibraryClient> {
  return new Promise<LibraryClient>((resolve) => {
    const client = simulatedLibrary.createClient(ctx.connectString, CLIENT_OPTIONS);
    client.once("connected", () => resolve(client));
    client.connect();
  });
}

function conformanceApp(
  sequences: readonly LibrarySequence[],
  roots: readonly string[],
  records: SequenceRecord[],
): AppModule {
  const jobs = new Jobs();
  const open = (ctx: AppContext) => (who: Who) =>
    who === "A"
      ? openHere(ctx)
      : new Promise<LibraryClient>((opened) => jobs.push({ kind: "open", opened }));
  const main = async (ctx: AppContext): Promise<void> => {
    if (ctx.index === 1) {
      for (let job = await jobs.next(); job.kind === "open"; job = await jobs.next()) {
        job.opened(await openHere(ctx));
      }
      return;
    }
    try {
      for (const [index, sequence] of sequences.entries()) {
        const root = roots[index] ?? "/missing-root";
        records.push(await runLibrarySequence(simulatedLibrary, open(ctx), root, sequence.calls));
      }
    } finally {
      jobs.push({ kind: "finish" });
    }
  };
  return { instances: 2, main };
}

/** Simulated milliseconds a batch is given before its run's end (the run waits 60 s more for `main`). */
const BATCH_DURATION_MS = 20_000;

/**
 * Runs the sequences in simulated runs of `batchSize` sequences each (seed `seed + batch`); throws if a
 * run's app failed (main threw, did not finish) or one of its checks failed.
 */
export async function runSimulatedSequences(
  sequences: readonly LibrarySequence[],
  roots: readonly string[],
  seed: number,
  batchSize: number,
): Promise<SequenceRecord[]> {
  const records: SequenceRecord[] = [];
  const scenario = conformanceScenario(BATCH_DURATION_MS);
  for (let start = 0; start < sequences.length; start += batchSize) {
    const batch: SequenceRecord[] = [];
    const app = conformanceApp(
      sequences.slice(start, start + batchSize),
      roots.slice(start, start + batchSize),
      batch,
    );
    const runSeed = seed + start / batchSize;
    const run = await runAppScenario(scenario, runSeed, app, async () => app.main);
    const failed = run.checks.filter((check) => check.verdict !== "pass");
    if (failed.length > 0) {
      const messages = failed.map((check) => `${check.check}: ${check.message}`).join("; ");
      throw new Error(
        `simulated run of sequences ${start}.. (seed ${runSeed}) failed: ${messages}`,
      );
    }
    records.push(...batch);
  }
  return records;
}
