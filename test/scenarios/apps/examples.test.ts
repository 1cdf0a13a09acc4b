// The example apps of examples/apps/: the sound ones pass a few seeds of a scenario with ensemble faults and
// of zk-app-faults (app instances paused and crashed too); each broken one fails, at the seed its header
// names, with the app check's message; under app pauses a lock is a lease, and fencing makes it safe; the
// checks judge a crashed incarnation fairly; and a seed replays to the same trace. (Wider sweeps: a hundred
// seeds per fault scenario, run by hand; see each header.)
import { describe, expect, it } from "vitest";
import type { AppNote } from "../../../scenarios/apps/app-module.js";
import { type LoadedApp, loadAppFile } from "../../../scenarios/apps/host/load-app.js";
import { type AppScenarioRun, runAppScenario } from "../../../scenarios/apps/host/run-app.js";
import { builtInScenario } from "../../../scenarios/catalog/index.js";

type Loaded = Extract<LoadedApp, { readonly ok: true }>;

async function load(name: string): Promise<Loaded> {
  const loaded = await loadAppFile(`examples/apps/${name}.js`);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded;
}

async function run(name: string, scenarioName: string, seed: number): Promise<AppScenarioRun> {
  const scenario = builtInScenario(scenarioName);
  if (scenario === undefined) throw new Error(`no scenario ${scenarioName}`);
  const app = await load(name);
  return runAppScenario(scenario, seed, app.app, app.loadMain);
}

function appCheck(result: AppScenarioRun): { readonly verdict: string; readonly message: string } {
  const outcome = result.checks.find((check) => check.check === "app");
  if (outcome === undefined) throw new Error("the run has no app check");
  return { verdict: outcome.verdict, message: outcome.message };
}

function checkOf(app: Loaded): NonNullable<Loaded["app"]["check"]> {
  if (app.app.check === undefined) throw new Error("the app exports no check");
  return app.app.check;
}

type NoteFields = Omit<AppNote, "atMs"> & { readonly instance: string; readonly event: string };

/** Notes for a check, in time order, 1 ms apart. */
function notesOf(...notes: readonly NoteFields[]): AppNote[] {
  return notes.map((note, index) => ({ ...note, atMs: index + 1 }));
}

const SOUND = [
  "lock",
  "lock-fenced",
  "leader-election",
  "config-watcher",
  "membership",
  "work-queue",
] as const;
const SEEDS = [1, 2, 3] as const;

for (const scenarioName of ["zk-mixed", "zk-app-faults"] as const) {
  describe(`sound example apps pass ${scenarioName}`, () => {
    for (const name of SOUND) {
      it(`${name} passes ${scenarioName} seeds ${SEEDS.join(", ")}`, async () => {
        for (const seed of SEEDS) {
          const result = await run(name, scenarioName, seed);
          expect({ seed, ...appCheck(result) }).toMatchObject({ seed, verdict: "pass" });
          expect(result.verdict, `seed ${seed}`).toBe("pass");
          expect(result.notes.length, `seed ${seed}`).toBeGreaterThan(0);
        }
      });
    }
  });
}

describe("a sequential create lost with the connection may commit after a read missed it", () => {
  it("lock finishes zk-partitions seed 24: the barrier before the search finds the late create", async () => {
    const result = await run("lock", "zk-partitions", 24);
    expect(appCheck(result).verdict).toBe("pass");
    expect(result.verdict).toBe("pass");
  });
});

/** Work notes whose token is lower than one already seen: the work a fenced resource rejects. */
function staleWork(notes: readonly AppNote[]): AppNote[] {
  let highest = -1;
  const stale: AppNote[] = [];
  for (const note of notes) {
    if (note.event !== "work" || typeof note.token !== "number") continue;
    if (note.token < highest) stale.push(note);
    highest = Math.max(highest, note.token);
  }
  return stale;
}

describe("under app pauses a ZooKeeper lock is a lease, and fencing makes it safe (zk-app-faults)", () => {
  it("lock: app-3, paused while holding, overlaps its successor app-1 on seed 6", async () => {
    const result = await run("lock", "zk-app-faults", 6);
    expect(result.verdict).toBe("fail");
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringContaining(
        "app-1 acquired the lock at 4403.596 ms while app-3 held it",
      ),
    });
  });

  it("leader-election: app-2, paused while leading, overlaps the next leader on seed 34", async () => {
    const result = await run("leader-election", "zk-app-faults", 34);
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringContaining("app-3 led term 5 at 5403.168 ms while app-2 led term 4"),
    });
  });

  it("lock-fenced: on the same seed 6 the resource rejects app-3's stale work, and the run passes", async () => {
    const result = await run("lock-fenced", "zk-app-faults", 6);
    expect(appCheck(result).verdict).toBe("pass");
    expect(result.verdict).toBe("pass");
    expect(staleWork(result.notes)).toEqual([
      expect.objectContaining({ instance: "app-3", event: "work", token: 7 }),
    ]);
  });

  it("lock-fenced's check fails when two holders share a token", async () => {
    const check = checkOf(await load("lock-fenced"));
    const notes = notesOf(
      { instance: "app-1", event: "acquired", token: 3, incarnation: 1 },
      { instance: "app-2", event: "acquired", token: 3, incarnation: 1 },
    );
    expect(check(notes)).toBe(
      "app-2 (incarnation 1) acquired token 3 at 2 ms, already app-1 (incarnation 1)'s",
    );
  });
});

describe("a crashed incarnation holds nothing after its last note", () => {
  it("lock: app-3 may acquire after app-1 crashed holding the lock (its next incarnation shows the crash)", async () => {
    const check = checkOf(await load("lock"));
    const notes = notesOf(
      { instance: "app-1", event: "acquired", round: 0, incarnation: 1 },
      { instance: "app-3", event: "acquired", round: 0, incarnation: 1 },
      { instance: "app-3", event: "released", round: 0, incarnation: 1 },
      { instance: "app-1", event: "acquired", round: 0, incarnation: 2 },
    );
    expect(check(notes)).toBeNull();
  });

  it("lock: without a later incarnation, app-1 still held the lock: a violation", async () => {
    const check = checkOf(await load("lock"));
    const notes = notesOf(
      { instance: "app-1", event: "acquired", round: 0, incarnation: 1 },
      { instance: "app-3", event: "acquired", round: 0, incarnation: 1 },
      { instance: "app-1", event: "released", round: 0, incarnation: 1 },
    );
    expect(check(notes)).toBe(
      "app-3 acquired the lock at 2 ms while app-1 held it (incarnation 1, since 1 ms)",
    );
  });

  it("config-watcher: a restarted watcher sees the versions again from the current one", async () => {
    const check = checkOf(await load("config-watcher"));
    const saw = (instance: string, version: number, incarnation: number) =>
      ({ instance, event: "saw", version, incarnation }) as const;
    const notes = notesOf(
      saw("app-2", 5, 1),
      saw("app-3", 10, 1),
      saw("app-2", 4, 2),
      saw("app-2", 10, 2),
    );
    expect(check(notes)).toBeNull();
    expect(check(notesOf(saw("app-2", 5, 1), saw("app-2", 4, 1)))).toBe(
      "app-2 (incarnation 1) saw version 4 at 2 ms after version 5",
    );
  });
});

describe("broken example apps fail at the seed their header names", () => {
  it("lock-check-then-create: two holders on zk-no-faults seed 1", async () => {
    const result = await run("lock-check-then-create", "zk-no-faults", 1);
    expect(result.verdict).toBe("fail");
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringContaining("app-3 acquired the lock at 1005.3 ms while app-1 held it"),
    });
  });

  it("lock-keeps-working-after-disconnect: overlapping work on zk-partitions seed 5", async () => {
    const result = await run("lock-keeps-working-after-disconnect", "zk-partitions", 5);
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringContaining(
        "app-3 acquired the lock at 2103.823 ms while app-1 was still working",
      ),
    });
  });

  it("lock-watches-wrong-node: a waiter never wakes on zk-no-faults seed 3", async () => {
    const result = await run("lock-watches-wrong-node", "zk-no-faults", 3);
    expect(appCheck(result)).toEqual({
      verdict: "fail",
      message: expect.stringMatching(/^app-1 has not finished main 60 s \(simulated\)/),
    });
  });
});

describe("an app run is deterministic", () => {
  it("the same seed of lock.js on zk-mixed gives the same trace hash and notes twice", async () => {
    const first = await run("lock", "zk-mixed", 3);
    const second = await run("lock", "zk-mixed", 3);
    expect(second.traceHash).toBe(first.traceHash);
    expect(second.notes).toEqual(first.notes);
  });

  it("another seed gives another trace", async () => {
    const first = await run("lock", "zk-mixed", 3);
    const other = await run("lock", "zk-mixed", 4);
    expect(other.traceHash).not.toBe(first.traceHash);
  });
});
