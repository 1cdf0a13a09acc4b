// A minimal ZooKeeper client speaking jute on a socket, for the calls node-zookeeper-client cannot send
// (checkWatches 17, removeWatches 18, multiRead 22, whoAmI 107, null data, packets near jute.maxbuffer).
// It does what ClientCnxn does with the bytes and nothing more: the session handshake (and re-attaching
// to the same session after a lost connection), xid-ordered replies, notifications, and the client's
// length check on everything it reads. Test-only code: it touches sockets.

import { createConnection, type Socket } from "node:net";
import type { Acl } from "../../protocol/zk/acl/index.js";

/** ClientCnxnSocket.readLength: "if (len < 0 || len > packetLen)", packetLen 0xfffff by default. */
export const CLIENT_PACKET_LENGTH_MAX = 0xfffff;

/** Builds a jute record: big-endian ints and longs, length-prefixed strings and buffers, -1 for null. */
export class JuteWriter {
  readonly #parts: Buffer[] = [];

  int(value: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    this.#parts.push(b);
    return this;
  }

  long(value: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(value);
    this.#parts.push(b);
    return this;
  }

  bool(value: boolean): this {
    this.#parts.push(Buffer.from([value ? 1 : 0]));
    return this;
  }

  buffer(value: Buffer | null): this {
    if (value === null) return this.int(-1);
    this.int(value.length);
    this.#parts.push(value);
    return this;
  }

  string(value: string | null): this {
    return this.buffer(value === null ? null : Buffer.from(value, "utf8"));
  }

  acl(list: readonly Acl[]): this {
    this.int(list.length);
    for (const entry of list) this.int(entry.perms).string(entry.scheme).string(entry.id);
    return this;
  }

  done(): Buffer {
    return Buffer.concat(this.#parts);
  }
}

export class JuteReader {
  #offset = 0;
  constructor(readonly bytes: Buffer) {}

  int(): number {
    const v = this.bytes.readInt32BE(this.#offset);
    this.#offset += 4;
    return v;
  }

  long(): bigint {
    const v = this.bytes.readBigInt64BE(this.#offset);
    this.#offset += 8;
    return v;
  }

  bool(): boolean {
    return this.bytes[this.#offset++] === 1;
  }

  buffer(): Buffer | null {
    const length = this.int();
    if (length < 0) return null;
    const v = this.bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return v;
  }

  string(): string | null {
    const b = this.buffer();
    return b === null ? null : b.toString("utf8");
  }

  strings(): string[] {
    const count = this.int();
    return Array.from({ length: Math.max(0, count) }, () => this.string() ?? "");
  }
}

export type RawStat = {
  readonly czxid: bigint;
  readonly mzxid: bigint;
  readonly version: number;
  readonly cversion: number;
  readonly aversion: number;
  readonly ephemeralOwner: bigint;
  readonly dataLength: number;
  readonly numChildren: number;
  readonly pzxid: bigint;
};

export function readStat(r: JuteReader): RawStat {
  const czxid = r.long();
  const mzxid = r.long();
  r.long(); // ctime
  r.long(); // mtime
  const version = r.int();
  const cversion = r.int();
  const aversion = r.int();
  const ephemeralOwner = r.long();
  const dataLength = r.int();
  const numChildren = r.int();
  const pzxid = r.long();
  return {
    czxid,
    mzxid,
    version,
    cversion,
    aversion,
    ephemeralOwner,
    dataLength,
    numChildren,
    pzxid,
  };
}

/** A reply: its error code and body; `lost` when the connection went before it came. */
export type RawReply =
  | { readonly lost: false; readonly err: number; readonly body: JuteReader }
  | { readonly lost: true };

/** A notification: its WatcherEvent, and the zxid of its reply header (-1 from 3.8, the txn's from 3.9). */
export type RawEvent = { readonly type: number; readonly path: string; readonly zxid: bigint };

type Waiting = { readonly xid: number; readonly resolve: (reply: RawReply) => void };

/**
 * One session over one connection at a time. `request` sends a packet (header + record) and resolves
 * with its reply; a lost connection resolves every outstanding request as lost, and the next request
 * re-attaches to the session first (as ClientCnxn does, re-sending the auth it holds).
 */
export class JuteSession {
  sessionId = 0n;
  #passwd: Buffer = Buffer.alloc(16);
  #lastZxid = 0n;
  #xid = 1;
  #socket: Socket | undefined;
  #pending: Waiting[] = [];
  #input: Buffer = Buffer.alloc(0);
  #onConnect: ((ok: boolean) => void) | undefined;
  readonly #auth: Buffer[] = [];
  readonly events: RawEvent[] = [];

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  /**
   * Opens the connection (a new session the first time, the same session afterwards). A server that
   * answers `ruok` may still close connections until its ZooKeeperServer runs, so a refused handshake
   * is tried again for a while, as ClientCnxn keeps trying.
   */
  async connect(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (await this.#tryConnect()) break;
      if (attempt === 50) throw new Error(`no session from ${this.host}:${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const auth of this.#auth) this.#send(-4, 100, auth);
  }

  async #tryConnect(): Promise<boolean> {
    const socket = createConnection({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    this.#socket = socket;
    this.#input = Buffer.alloc(0);
    const connected = new Promise<boolean>((resolve) => {
      this.#onConnect = resolve;
    });
    socket.on("data", (chunk) => this.#onData(socket, chunk));
    socket.on("close", () => this.#lost(socket));
    socket.on("error", () => socket.destroy());
    const connect = new JuteWriter()
      .int(0)
      .long(this.#lastZxid)
      .int(30_000)
      .long(this.sessionId)
      .buffer(this.#passwd)
      .bool(false)
      .done();
    socket.write(frame(connect));
    return connected;
  }

  /** addAuth: sent with xid -4; kept and re-sent on every new connection. Answered out of band. */
  addAuth(scheme: string, credential: string): void {
    const packet = new JuteWriter().int(0).string(scheme).buffer(Buffer.from(credential)).done();
    this.#auth.push(packet);
    this.#send(-4, 100, packet);
  }

  async request(type: number, record: Buffer): Promise<RawReply> {
    if (this.#socket === undefined) await this.connect();
    const xid = this.#xid++;
    const reply = new Promise<RawReply>((resolve) => this.#pending.push({ xid, resolve }));
    this.#send(xid, type, record);
    return reply;
  }

  async close(): Promise<void> {
    if (this.#socket === undefined) await this.connect();
    await this.request(-11, Buffer.alloc(0));
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  /** The length prefix this request would carry: RequestHeader (8) + record. */
  static requestLength(record: Buffer): number {
    return 8 + record.length;
  }

  #send(xid: number, type: number, record: Buffer): void {
    const header = new JuteWriter().int(xid).int(type).done();
    this.#socket?.write(frame(Buffer.concat([header, record])));
  }

  #onData(socket: Socket, chunk: Buffer): void {
    this.#input = Buffer.concat([this.#input, chunk]);
    while (this.#input.length >= 4) {
      const length = this.#input.readInt32BE(0);
      if (length < 0 || length > CLIENT_PACKET_LENGTH_MAX) {
        socket.destroy(); // "Packet len ... is out of range!": ClientCnxn drops the connection
        return;
      }
      if (this.#input.length < 4 + length) return;
      const packet = this.#input.subarray(4, 4 + length);
      this.#input = this.#input.subarray(4 + length);
      this.#onPacket(new JuteReader(packet));
    }
  }

  #onPacket(r: JuteReader): void {
    if (this.#onConnect !== undefined) {
      r.int(); // protocolVersion
      const timeout = r.int();
      this.sessionId = r.long();
      this.#passwd = Buffer.from(r.buffer() ?? Buffer.alloc(16));
      const done = this.#onConnect;
      this.#onConnect = undefined;
      done(timeout > 0);
      return;
    }
    const xid = r.int();
    const zxid = r.long();
    const err = r.int();
    if (xid === -1) {
      const type = r.int();
      r.int(); // state
      this.events.push({ type, path: r.string() ?? "", zxid });
      return;
    }
    if (xid < 0) return; // ping, auth
    if (zxid > this.#lastZxid) this.#lastZxid = zxid;
    const head = this.#pending.shift();
    if (head === undefined || head.xid !== xid) throw new Error(`xid out of order: got ${xid}`);
    head.resolve({ lost: false, err, body: r });
  }

  #lost(socket: Socket): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    this.#onConnect?.(false);
    this.#onConnect = undefined;
    const pending = this.#pending;
    this.#pending = [];
    for (const waiting of pending) waiting.resolve({ lost: true });
  }
}

function frame(body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length);
  return Buffer.concat([length, body]);
}
