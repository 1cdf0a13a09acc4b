// Starts and stops a real standalone ZooKeeper 3.8 (Debian's `zookeeper` package) on 127.0.0.1 with a
// temporary dataDir and a free port. Test-only code: it may touch processes, files and sockets.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/** Where Debian installs the server jar; its manifest Class-Path names every dependency. */
export const ZOOKEEPER_JAR = "/usr/share/java/zookeeper.jar";

export type RunningServer = {
  readonly port: number;
  readonly connectString: string;
  readonly stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The four-letter word `ruok`; resolves to the reply, or "" if the port does not answer yet. */
function ruok(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let reply = "";
    socket.setTimeout(1000, () => socket.destroy());
    socket.on("connect", () => socket.write("ruok"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
    });
    socket.on("close", () => resolve(reply));
    socket.on("error", () => resolve(""));
  });
}

/**
 * Starts the server and waits until it answers `imok`. Throws — never skips — when Java or the jar is
 * missing or the server does not come up within `startTimeoutMs`, with the server's output in the message.
 */
export async function startZooKeeper(
  startTimeoutMs = 30_000,
  /** JVM flags before the main class, e.g. `-Dznode.container.checkIntervalMs=1000`. */
  jvmFlags: readonly string[] = [],
): Promise<RunningServer> {
  if (!existsSync(ZOOKEEPER_JAR)) {
    throw new Error(`${ZOOKEEPER_JAR} is missing: run 'apt-get install -y zookeeper' first`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "zabsim-zk-"));
  const config = join(dir, "zoo.cfg");
  writeFileSync(
    config,
    [
      "tickTime=2000",
      `dataDir=${join(dir, "data")}`,
      `clientPort=${port}`,
      "clientPortAddress=127.0.0.1",
      "admin.enableServer=false",
      "4lw.commands.whitelist=ruok,srvr",
      "maxClientCnxns=0",
      "",
    ].join("\n"),
  );
  const output: string[] = [];
  const child = spawn(
    "java",
    [
      "-Xmx256m",
      ...jvmFlags,
      "-cp",
      ZOOKEEPER_JAR,
      "org.apache.zookeeper.server.ZooKeeperServerMain",
      config,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (chunk) => output.push(String(chunk)));
  child.stderr?.on("data", (chunk) => output.push(String(chunk)));
  const stop = () => stopServer(child, dir);
  try {
    await waitUntilReady(child, port, startTimeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`ZooKeeper did not start: ${String(error)}\n${output.join("").slice(-4000)}`);
  }
  return { port, connectString: `127.0.0.1:${port}`, stop };
}

async function waitUntilReady(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  while (Date.now() < deadline) {
    if (spawnError !== undefined) throw spawnError;
    if (child.exitCode !== null) throw new Error(`java exited with code ${child.exitCode}`);
    if ((await ruok(port)) === "imok") return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no 'imok' on port ${port} after ${timeoutMs} ms`);
}

function stopServer(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) {
      done();
      return;
    }
    child.once("exit", done);
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/**
 * The real server of a test file that talks to it by port: started before the file's tests and stopped after
 * them, when `report` prints the file's totals. The returned function gives its port, and throws if it never
 * started.
 */
export function realServerOfFile(report: () => void): () => number {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startZooKeeper();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    report();
  });
  return () => {
    if (server === undefined) throw new Error("the real ZooKeeper did not start");
    return server.port;
  };
}
