// The Client of node-zookeeper-client 1.1.3 (index.js): an EventEmitter over one driver handle, with the
// library's option defaults, its state events, and its request methods (operations.ts, recursive.ts).
import assert from "node:assert";
import { EventEmitter } from "node:events";
import type { ZkHandleDriver } from "../../scenarios/apps/index.js";
import { Connection } from "./connection.js";
import { parseConnectionString } from "./connection-string.js";
import * as operations from "./operations.js";
import * as recursive from "./recursive.js";
import { type State, states } from "./state.js";
import { Transaction } from "./transaction.js";

const CLIENT_DEFAULT_OPTIONS = { sessionTimeout: 30000, spinDelay: 1000, retries: 0 } as const;

export type ClientOptions = { readonly [option: string]: unknown };

/**
 * The library's first `state` listener, so `connected` and the other named events are emitted before the
 * app's own `state` listeners run. connectedReadOnly is never reached: zabsim has no read-only mode.
 */
function defaultStateListener(this: Client, state: State): void {
  const named = new Map<State, string>([
    [states.DISCONNECTED, "disconnected"],
    [states.SYNC_CONNECTED, "connected"],
    [states.CONNECTED_READ_ONLY, "connectedReadOnly"],
    [states.EXPIRED, "expired"],
    [states.AUTH_FAILED, "authenticationFailed"],
  ]).get(state);
  if (named !== undefined) this.emit(named);
}

/** underscore's defaults: an option left undefined takes the default. */
function withDefaults(options: object): ClientOptions {
  const merged: { [option: string]: unknown } = { ...options };
  for (const [key, value] of Object.entries(CLIENT_DEFAULT_OPTIONS)) {
    if (merged[key] === undefined) merged[key] = value;
  }
  return merged;
}

function numberOption(options: ClientOptions, key: keyof typeof CLIENT_DEFAULT_OPTIONS): number {
  const value = options[key];
  return typeof value === "number" ? value : CLIENT_DEFAULT_OPTIONS[key];
}

/** Server names for the connect string's `host:port`s; one the driver does not know is an Error. */
function serversOf(driver: ZkHandleDriver, hostPorts: readonly string[]): readonly string[] {
  return hostPorts.map((hostPort) => {
    const server = driver.serverOf(hostPort);
    if (server === null) {
      throw new Error(`${driver.instance}: no server of the simulation listens at ${hostPort}`);
    }
    return server;
  });
}

export class Client extends EventEmitter {
  readonly options: ClientOptions;
  state: State = states.DISCONNECTED;
  readonly #connection: Connection;
  readonly #context: operations.Context;

  constructor(driver: ZkHandleDriver, connectionString: unknown, options?: unknown) {
    super();
    const given = options || {};
    assert(
      connectionString && typeof connectionString === "string",
      "connectionString must be an non-empty string.",
    );
    assert(typeof given === "object", "options must be a valid object");
    this.options = withDefaults(given);
    const parsed = parseConnectionString(connectionString);
    this.#connection = new Connection(
      driver,
      {
        servers: serversOf(driver, parsed.hostPorts),
        chrootPath: parsed.chrootPath,
        sessionTimeoutMs: numberOption(this.options, "sessionTimeout"),
        spinDelayMs: numberOption(this.options, "spinDelay"),
      },
      (state) => this.#onConnectionState(state),
    );
    this.#context = { connection: this.#connection, retries: this.options.retries };
    this.on("state", defaultStateListener);
  }

  connect(): void {
    this.#connection.connect();
  }

  close(): void {
    this.#connection.close();
  }

  /** A repeated state is not emitted again. */
  #onConnectionState(state: State): void {
    if (this.state === state) return;
    this.state = state;
    this.emit("state", this.state);
  }

  getState(): State {
    return this.state;
  }

  getSessionId(): Buffer {
    return this.#connection.getSessionId();
  }

  getSessionPassword(): Buffer {
    return this.#connection.getSessionPassword();
  }

  getSessionTimeout(): number {
    return this.#connection.getSessionTimeout();
  }

  /** The library's first assert lets an empty string through; ConnectionManager then rejects it. */
  addAuthInfo(scheme: unknown, auth: unknown): void {
    assert(scheme || typeof scheme === "string", "scheme must be a non-empty string.");
    assert(Buffer.isBuffer(auth), "auth must be a valid instance of Buffer");
    if (!scheme || typeof scheme !== "string")
      throw new Error("scheme must be a non-empty string.");
    this.#connection.addAuthInfo(scheme, Buffer.from(auth));
  }

  create(path: unknown, data?: unknown, acls?: unknown, mode?: unknown, callback?: unknown): void {
    operations.create(this.#context, path, [data, acls, mode, callback]);
  }

  remove(path: unknown, version?: unknown, callback?: unknown): void {
    operations.remove(this.#context, path, version, callback);
  }

  removeRecursive(path: unknown, version?: unknown, callback?: unknown): void {
    recursive.removeRecursive(this.#context, path, version, callback);
  }

  setData(path: unknown, data: unknown, version?: unknown, callback?: unknown): void {
    operations.setData(this.#context, path, data, version, callback);
  }

  getData(path: unknown, watcher?: unknown, callback?: unknown): void {
    operations.getData(this.#context, path, watcher, callback);
  }

  setACL(path: unknown, acls: unknown, version?: unknown, callback?: unknown): void {
    operations.setACL(this.#context, path, acls, version, callback);
  }

  getACL(path: unknown, callback?: unknown): void {
    operations.getACL(this.#context, path, callback);
  }

  exists(path: unknown, watcher?: unknown, callback?: unknown): void {
    operations.exists(this.#context, path, watcher, callback);
  }

  getChildren(path: unknown, watcher?: unknown, callback?: unknown): void {
    operations.getChildren(this.#context, path, watcher, callback);
  }

  listSubTreeBFS(path: unknown, callback?: unknown): void {
    recursive.listSubTreeBFS(this.#context, path, callback);
  }

  mkdirp(path: unknown, data?: unknown, acls?: unknown, mode?: unknown, callback?: unknown): void {
    recursive.mkdirp(this.#context, path, [data, acls, mode, callback]);
  }

  transaction(): Transaction {
    return new Transaction(this.#connection);
  }
}
