// Every example app (examples/apps/*.js, whatever is there when the test runs) UNCHANGED against a real
// ZooKeeper 3.8 with the real node-zookeeper-client: `instances` copies run their `main` concurrently with
// real contexts (real time, Math.random), then `check(notes)` judges the notes. Each example must finish;
// a sound one must pass its check. A "BROKEN on purpose" example (its header says so) may fail its check
// or not finish (a lost wake-up) when its race happens, as it would in production, but must not throw.
// Clients an example leaves open are closed after it, so a hung example cannot act during the next one.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext, AppNote } from "../../scenarios/apps/app-module.js";
import type { Json } from "../../sim/api/index.js";
import type { LibraryClient, LibraryModule } from "./library-run.js";
import { type RunningServer, startZooKeeper } from "./zk-server.js";

const EXAMPLES_DIR = resolve("examples/apps");
/**
 * The copies live inside the repository, so the bare `node-zookeeper-client` of an example resolves, by
 * Node's own resolution up the folders, to the real package in node_modules (a devDependency).
 */
const COPIES_DIR = resolve("test/conformance/.tmp");
/** Real milliseconds an example's instances may take to finish `main`. */
const EXAMPLE_TIMEOUT_MS = 30_000;

const real: LibraryModule = createRequire(import.meta.url)("node-zookeeper-client");

/** The copy's exports: a fresh module per copy (each copy is its own file). */
function importFile(file: string): Promise<{ readonly [name: string]: unknown }> {
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}

const examples = existsSync(EXAMPLES_DIR)
  ? readdirSync(EXAMPLES_DIR)
      .filter((file) => file.endsWith(".js"))
      .sort()
  : [];

let server: RunningServer | undefined;
const summary: string[] = [];

beforeAll(async () => {
  server = await startZooKeeper();
  rmSync(COPIES_DIR, { recursive: true, force: true });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(COPIES_DIR, { recursive: true, force: true });
  console.log(`examples against the real ZooKeeper:\n${summary.join("\n")}`);
});

/** A copy of the whole examples folder (helpers such as lib/ included), one per instance: own module state. */
async function importCopy(
  example: string,
  copy: string,
): Promise<{ readonly [name: string]: unknown }> {
  const dir = join(COPIES_DIR, example.replace(/\.js$/, ""), copy);
  mkdirSync(dir, { recursive: true });
  cpSync(EXAMPLES_DIR, dir, { recursive: true });
  return importFile(join(dir, example));
}

function isBroken(example: string): boolean {
  return /BROKEN on purpose/.test(
    readFileSync(join(EXAMPLES_DIR, example), "utf8").slice(0, 2_000),
  );
}

type Main = (ctx: AppContext) => unknown;
type Check = (notes: readonly AppNote[]) => unknown;

function contextOf(
  index: number,
  connectString: string,
  notes: AppNote[],
  startMs: number,
): AppContext {
  const id = `app-${index + 1}`;
  return {
    id,
    index,
    incarnation: 1,
    connectString,
    note: (event, fields = {}) => {
      const json = JSON.parse(JSON.stringify(fields)) as { readonly [field: string]: Json };
      notes.push({ ...json, instance: id, event: String(event), atMs: Date.now() - startMs });
    },
    sleep: (ms) => new Promise<void>((done) => setTimeout(done, ms)),
    random: Math.random,
  };
}

/** Runs every instance's main concurrently; resolves with each one's end ("finished" or why not). */
async function runInstances(
  mains: readonly Main[],
  contexts: readonly AppContext[],
): Promise<string[]> {
  const ends = mains.map(async (main, i) => {
    const ctx = contexts[i];
    if (ctx === undefined) throw new Error(`no context for instance ${i}`);
    try {
      await main(ctx);
      return "finished";
    } catch (error) {
      return `threw: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  const timeout = new Promise<string>((done) => {
    setTimeout(
      () => done(`did not finish within ${EXAMPLE_TIMEOUT_MS} ms`),
      EXAMPLE_TIMEOUT_MS,
    ).unref();
  });
  return Promise.all(ends.map((end) => Promise.race([end, timeout])));
}

/**
 * Every real client connected while an example runs, found through the library's Client prototype (the
 * example imports the package itself, by whatever name), so the ones it leaves open can be closed.
 */
function trackClients(): { readonly clients: LibraryClient[]; readonly stop: () => void } {
  const probe = real.createClient("127.0.0.1:1");
  const prototype = Object.getPrototypeOf(probe) as { connect: (this: LibraryClient) => void };
  const connect = prototype.connect;
  const clients: LibraryClient[] = [];
  prototype.connect = function (this: LibraryClient) {
    clients.push(this);
    connect.call(this);
  };
  return {
    clients,
    stop: () => {
      prototype.connect = connect;
    },
  };
}

/** Closing again is harmless in the library (a second closeSession is queued and dropped). */
function closeAll(clients: readonly LibraryClient[]): void {
  for (const client of clients) client.close();
}

/** Deletes every node but /zookeeper, so each example starts from an empty tree. */
async function wipe(connectString: string): Promise<void> {
  const client = real.createClient(connectString);
  await new Promise<void>((done) => {
    client.once("connected", () => done());
    client.connect();
  });
  await removeTree(client, "/");
  client.close();
}

async function removeTree(client: LibraryClient, path: string): Promise<void> {
  const children = await new Promise<string[]>((done, fail) =>
    client.getChildren(path, (error: unknown, names: string[]) =>
      error ? fail(error) : done(names),
    ),
  );
  for (const child of children) {
    if (path === "/" && child === "zookeeper") continue;
    const childPath = path === "/" ? `/${child}` : `${path}/${child}`;
    await removeTree(client, childPath);
    await new Promise<void>((done, fail) =>
      client.remove(childPath, -1, (error: unknown) => (error ? fail(error) : done())),
    );
  }
}

describe("every example app runs unchanged against a real ZooKeeper with the real client library", () => {
  it("examples/apps holds at least one example", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    const title = isBroken(example)
      ? `${example} (broken on purpose) does not throw; its race may fail its check or hang it`
      : `${example} finishes and passes its check`;
    it(title, () => runExample(example), EXAMPLE_TIMEOUT_MS + 30_000);
  }
});

/** One example: a clean tree, its instances concurrently, its check on their notes. */
async function runExample(example: string): Promise<void> {
  if (server === undefined) throw new Error("the real ZooKeeper did not start");
  const connectString = server.connectString;
  await wipe(connectString);
  const first = await importCopy(example, "check");
  const instances = typeof first.instances === "number" ? first.instances : 1;
  const mains: Main[] = [];
  for (let i = 0; i < instances; i++) {
    const copy = await importCopy(example, `app-${i + 1}`);
    expect(typeof copy.main).toBe("function");
    mains.push(copy.main as Main);
  }
  const notes: AppNote[] = [];
  const startMs = Date.now();
  const contexts = mains.map((_, i) => contextOf(i, connectString, notes, startMs));
  const tracked = trackClients();
  const ends = await runInstances(mains, contexts).finally(() => tracked.stop());
  closeAll(tracked.clients);
  const elapsedMs = Date.now() - startMs;
  const check = first.check as Check | undefined;
  const verdict = typeof check === "function" ? check(notes) : null;
  const verdictText =
    verdict === null || verdict === undefined ? "check passed" : `check failed: ${String(verdict)}`;
  const named = ends.map((end, i) => `app-${i + 1} ${end}`);
  const unfinished = named.filter((end) => !end.endsWith(" finished"));
  summary.push(
    `  ${example}: ${instances} instances, ${notes.length} notes, ${elapsedMs} ms, ` +
      `${unfinished.length === 0 ? "all finished" : unfinished.join("; ")}, ${verdictText}`,
  );
  if (isBroken(example)) {
    expect(named.filter((end) => end.includes(" threw: "))).toEqual([]);
    return;
  }
  expect(unfinished).toEqual([]);
  expect(verdictText).toBe("check passed");
}
