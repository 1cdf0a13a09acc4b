// ConnectionManager.js of node-zookeeper-client 1.1.3 over a ZkHandleDriver: the request queue before
// connect(), the session's id, password and timeout, the watcher table, and the driver's session events
// as the library's connection states.
import type {
  CallOutcome,
  HandleEvent,
  SessionState,
  ZkHandle,
  ZkHandleDriver,
} from "../../scenarios/apps/index.js";
import type { Json } from "../../sim/api/index.js";
import { eventNameOfWatchType, eventTypes } from "./event.js";
import { withChroot, withoutChroot } from "./path.js";
import { longBuffer } from "./stat.js";
import { type State, states } from "./state.js";
import { WatcherManager } from "./watcher-manager.js";

/**
 * new: before connect() (calls wait in the queue, as the library's packet queue holds them until
 * CONNECTED); open: the driver's handle has them; closing: close() was called; closed: the handle is gone
 * (closed, expired or failed authentication) and every call ends CONNECTION_LOSS at once; expired and
 * authFailed: the library's SESSION_EXPIRED and AUTHENTICATION_FAILED states, which last until the server
 * closes the socket (here: while the `expired` or `authenticationFailed` state event is emitted).
 */
type Phase = "new" | "open" | "closing" | "closed" | "expired" | "authFailed";

type QueuedCall = {
  readonly f: string;
  readonly value: Json;
  readonly done: (outcome: CallOutcome) => void;
};

export type ConnectionSettings = {
  readonly servers: readonly string[];
  readonly chrootPath: string | undefined;
  readonly sessionTimeoutMs: number;
  readonly spinDelayMs: number;
};

/**
 * What ConnectionManager.queue answers, synchronously, in a state that sends nothing: "case
 * STATES.CLOSING: ... callback(Exception.create(Exception.CONNECTION_LOSS))", CLOSED the same,
 * "case STATES.SESSION_EXPIRED: callback(Exception.create(Exception.SESSION_EXPIRED))", and
 * AUTHENTICATION_FAILED "callback(Exception.create(Exception.AUTH_FAILED))".
 */
function refused(error: "CONNECTIONLOSS" | "SESSIONEXPIRED" | "AUTHFAILED"): CallOutcome {
  return { type: "fail", value: { error }, zxid: null };
}

export class Connection {
  readonly watchers = new WatcherManager();
  readonly #driver: ZkHandleDriver;
  readonly #settings: ConnectionSettings;
  readonly #onState: (state: State) => void;
  #phase: Phase = "new";
  #handle: ZkHandle | null = null;
  readonly #queued: QueuedCall[] = [];
  readonly #credentials: { readonly scheme: string; readonly credential: string }[] = [];
  #sessionId: Buffer = Buffer.alloc(8);
  #sessionPassword: Buffer = Buffer.alloc(16);
  #sessionTimeoutMs: number;

  constructor(
    driver: ZkHandleDriver,
    settings: ConnectionSettings,
    onState: (state: State) => void,
  ) {
    this.#driver = driver;
    this.#settings = settings;
    this.#onState = onState;
    this.#sessionTimeoutMs = settings.sessionTimeoutMs;
  }

  /** A path as sent: the chroot prepended (jute's prependChroot). */
  sent(path: string): string {
    return withChroot(this.#settings.chrootPath, path);
  }

  /** A path as received: the chroot cut off. */
  received(path: string): string {
    return withoutChroot(this.#settings.chrootPath, path);
  }

  /** Sends a call, or queues it before connect(); in a closing or closed connection it ends at once. */
  queue(f: string, value: Json, done: (outcome: CallOutcome) => void): void {
    switch (this.#phase) {
      case "new":
        this.#queued.push({ f, value, done });
        return;
      case "open":
        this.#handle?.call(f, value, done);
        return;
      case "closing":
      case "closed":
        done(refused("CONNECTIONLOSS"));
        return;
      case "expired":
        done(refused("SESSIONEXPIRED"));
        return;
      case "authFailed":
        done(refused("AUTHFAILED"));
        return;
    }
  }

  /** Opens the driver's handle once; the queued calls go first, then the credentials added before. */
  connect(): void {
    if (this.#phase !== "new") return;
    this.#phase = "open";
    const { servers, sessionTimeoutMs, spinDelayMs } = this.#settings;
    const handle = this.#driver.open({ servers, sessionTimeoutMs, spinDelayMs }, (event) =>
      this.#onEvent(event),
    );
    this.#handle = handle;
    for (const call of this.#queued.splice(0)) handle.call(call.f, call.value, call.done);
    for (const credential of this.#credentials) this.#sendAuth(handle, credential);
  }

  /** The library queues closeSession behind the calls already queued; the handle does the same. */
  close(): void {
    const handle = this.#phase === "open" ? this.#handle : null;
    if (this.#phase === "new" || this.#phase === "open") this.#phase = "closing";
    handle?.close();
  }

  /** Credentials are kept for reconnects by the handle; before connect() they wait here. */
  addAuthInfo(scheme: string, auth: Buffer): void {
    const credential = { scheme, credential: auth.toString("latin1") };
    this.#credentials.push(credential);
    if (this.#phase === "open" && this.#handle !== null) this.#sendAuth(this.#handle, credential);
  }

  getSessionId(): Buffer {
    return Buffer.from(this.#sessionId);
  }

  getSessionPassword(): Buffer {
    return Buffer.from(this.#sessionPassword);
  }

  getSessionTimeout(): number {
    return this.#sessionTimeoutMs;
  }

  #sendAuth(
    handle: ZkHandle,
    credential: { readonly scheme: string; readonly credential: string },
  ) {
    // The library ignores auth answers; a rejected one reaches the app as the AuthFailed session event.
    handle.call("addAuth", credential, () => {});
  }

  /** Once closed, the library never reconnects: a later event of the handle is not the client's. */
  #onEvent(event: HandleEvent): void {
    if (this.#phase === "closed") return;
    if (event.kind === "watch") {
      const type = eventTypes[eventNameOfWatchType[event.type]];
      this.watchers.emit(type, this.received(event.path));
      return;
    }
    if (event.state === "SyncConnected") this.#adoptSession(event);
    this.#onSessionState(event.state);
  }

  /**
   * The library's states as it reaches them: after expiry or failed authentication the server closes the
   * socket, so DISCONNECTED follows; a close ends in DISCONNECTED too (CLOSING and CLOSED are not client
   * states). The client drops repeats, so a second DISCONNECTED is not emitted.
   */
  #onSessionState(state: SessionState): void {
    switch (state) {
      case "SyncConnected":
        this.#onState(states.SYNC_CONNECTED);
        return;
      case "Disconnected":
        this.#onState(states.DISCONNECTED);
        return;
      case "Expired":
        this.#phase = "expired";
        this.#onState(states.EXPIRED);
        this.#phase = "closed";
        this.#onState(states.DISCONNECTED);
        return;
      case "AuthFailed":
        this.#phase = "authFailed";
        this.#onState(states.AUTH_FAILED);
        this.#phase = "closed";
        this.#onState(states.DISCONNECTED);
        return;
      case "Closed":
        this.#phase = "closed";
        this.#onState(states.DISCONNECTED);
        return;
    }
  }

  /** ConnectResponse: the session id as 8 bytes big-endian, the password in a 16-byte buffer. */
  #adoptSession(session: {
    readonly sessionId: number;
    readonly passwd: string;
    readonly timeoutMs: number;
  }) {
    this.#sessionId = longBuffer(session.sessionId);
    const password = Buffer.alloc(16);
    Buffer.from(session.passwd, "latin1").copy(password);
    this.#sessionPassword = password;
    this.#sessionTimeoutMs = session.timeoutMs;
  }
}
