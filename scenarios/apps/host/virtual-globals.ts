// Time, randomness and real I/O as app code sees them: while code of an app instance runs (appContext has a
// store), timers, Date, performance.now, Math.random, crypto's random values and process.nextTick are the
// simulation's, and real I/O (sockets, HTTP, child processes, file writes, asynchronous file reads) fails the
// run. Everything else in the process (the CLI, vitest, the sweep) sees the real ones: every patch asks the
// store first. Installed for the duration of app runs (counted, so overlapping runs share one install).
import { createRequire, syncBuiltinESMExports } from "node:module";
import { type AppRuntime, currentRuntime } from "./app-context.js";
import { SimTimeout } from "./sim-timeout.js";
import { turnHooks } from "./turn-hooks.js";

// The builtins' CommonJS exports: mutable, unlike an ESM namespace; syncBuiltinESMExports carries the
// patches over to named ESM imports.
const require = createRequire(import.meta.url);
const childProcess = require("node:child_process") as object;
const nodeCrypto = require("node:crypto") as object;
const dgram = require("node:dgram") as object;
const fs = require("node:fs") as { readonly promises: object };
const http = require("node:http") as object;
const https = require("node:https") as object;
const net = require("node:net") as {
  readonly Socket: { readonly prototype: object };
  readonly Server: { readonly prototype: object };
};
const tls = require("node:tls") as object;

/** Date.now() at simulated time 0: 2024-01-01T00:00:00Z, fixed so that runs are reproducible. */
export const SIM_EPOCH_MS = 1_704_067_200_000;

type Restore = () => void;

const installation: { count: number; restores: Restore[] } = { count: 0, restores: [] };

/** Installs the patches (or counts one more user of them); returns the matching uninstall. */
export function installVirtualGlobals(): () => void {
  if (installation.count === 0) installation.restores = patchAll();
  installation.count++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    installation.count--;
    if (installation.count === 0) {
      for (const restore of installation.restores.reverse()) restore();
      installation.restores = [];
      syncBuiltinESMExports();
    }
  };
}

function patchAll(): Restore[] {
  const restores = [
    ...patchTimers(),
    ...patchClock(),
    ...patchRandom(),
    ...patchIo(),
    watchRejections(),
  ];
  syncBuiltinESMExports();
  return restores;
}

// biome-ignore lint/suspicious/noExplicitAny: patches replace functions of any signature.
type AnyFunction = (...args: any[]) => any;

/** Replaces `owner[key]` by `make(original)`; returns the restore. */
function patch<T extends object>(
  owner: T,
  key: string,
  make: (original: AnyFunction) => AnyFunction,
): Restore {
  const original: unknown = Reflect.get(owner, key);
  if (typeof original !== "function") return () => {};
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  const replacement = make(original as AnyFunction);
  // A few builtins are fixed (node:crypto's getRandomValues is webcrypto's, patched there).
  if (descriptor?.configurable === false) {
    if (descriptor.writable !== true) return () => {};
    Reflect.set(owner, key, replacement);
    return () => {
      Reflect.set(owner, key, original);
    };
  }
  Object.defineProperty(owner, key, {
    value: replacement,
    writable: true,
    configurable: true,
    enumerable: descriptor?.enumerable ?? true,
  });
  return () => {
    if (descriptor === undefined) Reflect.deleteProperty(owner, key);
    else Object.defineProperty(owner, key, descriptor);
  };
}

/** A patch that keeps the original outside app code. */
function inApp(
  owner: object,
  key: string,
  virtual: (runtime: AppRuntime, args: unknown[]) => unknown,
): Restore {
  return patch(
    owner,
    key,
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        const runtime = currentRuntime();
        return runtime === undefined ? original.apply(this, args) : virtual(runtime, args);
      },
  );
}

function delayOf(value: unknown): number {
  const delay = Number(value);
  return Number.isFinite(delay) && delay >= 1 ? delay : 1;
}

function callbackOf(value: unknown, args: readonly unknown[]): () => void {
  if (typeof value !== "function")
    throw new TypeError('The "callback" argument must be of type function');
  return () => value(...args);
}

function patchTimers(): Restore[] {
  const g: object = globalThis;
  const schedule = (repeat: boolean) => (runtime: AppRuntime, args: unknown[]) => {
    const fn = callbackOf(args[0], args.slice(2));
    return new SimTimeout(
      runtime,
      runtime.setTimer(fn, delayOf(args[1]), repeat),
      fn,
      delayOf(args[1]),
      repeat,
    );
  };
  const clear = (runtime: AppRuntime, args: unknown[]) => {
    const timer = args[0];
    if (timer instanceof SimTimeout) timer.close();
    else if (typeof timer === "number") runtime.clearTimer(timer);
  };
  return [
    inApp(g, "setTimeout", schedule(false)),
    inApp(g, "setInterval", schedule(true)),
    inApp(g, "setImmediate", (runtime, args) => {
      const fn = callbackOf(args[0], args.slice(1));
      return new SimTimeout(runtime, runtime.setTimer(fn, 0, false), fn, 0, false);
    }),
    inApp(g, "clearTimeout", clear),
    inApp(g, "clearInterval", clear),
    inApp(g, "clearImmediate", clear),
    inApp(process, "nextTick", (_runtime, args) => {
      queueMicrotask(callbackOf(args[0], args.slice(1)));
    }),
  ];
}

function patchClock(): Restore[] {
  const RealDate = Date;
  const simNow = (runtime: AppRuntime) => SIM_EPOCH_MS + Math.floor(runtime.nowUs() / 1_000);
  const SimDate = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      const runtime = currentRuntime();
      const actual = runtime !== undefined && args.length === 0 ? [simNow(runtime)] : args;
      return Reflect.construct(target, actual, newTarget);
    },
    apply(target, thisArg, args) {
      const runtime = currentRuntime();
      if (runtime === undefined) return Reflect.apply(target, thisArg, args);
      return new RealDate(simNow(runtime)).toString();
    },
    get(target, key, receiver) {
      if (key === "now") {
        return () => {
          const runtime = currentRuntime();
          return runtime === undefined ? RealDate.now() : simNow(runtime);
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
  globalThis.Date = SimDate;
  return [
    () => {
      globalThis.Date = RealDate;
    },
    inApp(performance, "now", (runtime) => runtime.nowUs() / 1_000),
  ];
}

function randomBytesOf(runtime: AppRuntime, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(runtime.random() * 256);
  return bytes;
}

function uuidOf(runtime: AppRuntime): string {
  const b = randomBytesOf(runtime, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function fillRandom(runtime: AppRuntime, view: unknown): unknown {
  if (!ArrayBuffer.isView(view)) throw new TypeError("getRandomValues needs a typed array");
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  bytes.set(randomBytesOf(runtime, bytes.length));
  return view;
}

function patchRandom(): Restore[] {
  const webCrypto = globalThis.crypto;
  return [
    inApp(Math, "random", (runtime) => runtime.random()),
    inApp(webCrypto, "randomUUID", (runtime) => uuidOf(runtime)),
    inApp(webCrypto, "getRandomValues", (runtime, args) => fillRandom(runtime, args[0])),
    inApp(nodeCrypto, "randomUUID", (runtime) => uuidOf(runtime)),
    inApp(nodeCrypto, "getRandomValues", (runtime, args) => fillRandom(runtime, args[0])),
    inApp(nodeCrypto, "randomBytes", (runtime, args) => {
      const bytes = randomBytesOf(runtime, Number(args[0]));
      const callback = args[1];
      if (typeof callback !== "function") return bytes;
      queueMicrotask(() => callback(null, bytes));
      return undefined;
    }),
    inApp(nodeCrypto, "randomInt", (runtime, args) => {
      const [min, max] =
        args.length >= 2 && typeof args[1] === "number"
          ? [Number(args[0]), args[1]]
          : [0, Number(args[0])];
      return min + Math.floor(runtime.random() * (max - min));
    }),
  ];
}

/** The functions that reach outside the process; in app code each fails the run, named. */
const FORBIDDEN: readonly (readonly [object, string, string])[] = [
  [net.Socket.prototype, "connect", "net.Socket.connect"],
  [net, "connect", "net.connect"],
  [net, "createConnection", "net.createConnection"],
  [net, "createServer", "net.createServer"],
  [net.Server.prototype, "listen", "net.Server.listen"],
  [tls, "connect", "tls.connect"],
  [http, "request", "http.request"],
  [http, "get", "http.get"],
  [http, "createServer", "http.createServer"],
  [https, "request", "https.request"],
  [https, "get", "https.get"],
  [dgram, "createSocket", "dgram.createSocket"],
  [childProcess, "spawn", "child_process.spawn"],
  [childProcess, "spawnSync", "child_process.spawnSync"],
  [childProcess, "exec", "child_process.exec"],
  [childProcess, "execSync", "child_process.execSync"],
  [childProcess, "execFile", "child_process.execFile"],
  [childProcess, "execFileSync", "child_process.execFileSync"],
  [childProcess, "fork", "child_process.fork"],
  ...[
    "writeFile",
    "writeFileSync",
    "appendFile",
    "appendFileSync",
    "mkdir",
    "mkdirSync",
    "rm",
    "rmSync",
    "rmdir",
    "rmdirSync",
    "unlink",
    "unlinkSync",
    "rename",
    "renameSync",
    "copyFile",
    "copyFileSync",
    "createWriteStream",
    "open",
    "readFile",
    "readdir",
    "stat",
    "watch",
  ].map((name) => [fs, name, `fs.${name}`] as const),
  ...[
    "writeFile",
    "appendFile",
    "mkdir",
    "rm",
    "unlink",
    "rename",
    "open",
    "readFile",
    "readdir",
    "stat",
  ].map((name) => [fs.promises, name, `fs.promises.${name}`] as const),
];

function patchIo(): Restore[] {
  const restores = FORBIDDEN.map(([owner, key, what]) =>
    inApp(owner, key, (runtime) => runtime.forbidden(what)),
  );
  restores.push(inApp(globalThis, "fetch", (runtime) => runtime.forbidden("fetch")));
  return restores;
}

/** A rejection nobody handled in an app's turn fails that instance; elsewhere it stays fatal, as by default. */
function watchRejections(): Restore {
  const listener = (reason: unknown) => {
    const turn = turnHooks.turn;
    if (turn === null) throw reason;
    turn.unhandled(reason);
  };
  process.on("unhandledRejection", listener);
  return () => {
    process.off("unhandledRejection", listener);
  };
}
