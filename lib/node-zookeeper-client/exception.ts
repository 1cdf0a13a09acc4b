// Exception.js of node-zookeeper-client 1.1.3: the library's error codes (KeeperException.Code, the subset
// it knows), the Exception class its callbacks receive, and Exception.create.
import assert from "node:assert";

/** The codes exactly as the library lists them; a code outside this list is "Unknown code: N". */
export const exceptionCodes = {
  OK: 0,
  SYSTEM_ERROR: -1,
  RUNTIME_INCONSISTENCY: -2,
  DATA_INCONSISTENCY: -3,
  CONNECTION_LOSS: -4,
  MARSHALLING_ERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATION_TIMEOUT: -7,
  BAD_ARGUMENTS: -8,
  API_ERROR: -100,
  NO_NODE: -101,
  NO_AUTH: -102,
  BAD_VERSION: -103,
  NO_CHILDREN_FOR_EPHEMERALS: -108,
  NODE_EXISTS: -110,
  NOT_EMPTY: -111,
  SESSION_EXPIRED: -112,
  INVALID_CALLBACK: -113,
  INVALID_ACL: -114,
  AUTH_FAILED: -115,
} as const;

export type ExceptionName = keyof typeof exceptionCodes;

/** The name of a code the library knows, or undefined. */
export function exceptionNameOf(code: number): ExceptionName | undefined {
  for (const [name, value] of Object.entries(exceptionCodes)) {
    if (value === code) return name as ExceptionName;
  }
  return undefined;
}

/** validateCode: the library throws a plain Error for a code it does not list. */
function validateCode(code: unknown): asserts code is number {
  assert(typeof code === "number", "code must be a number.");
  if (exceptionNameOf(code) === undefined) throw new Error(`Unknown code: ${code}`);
}

export class Exception extends Error {
  static readonly OK = exceptionCodes.OK;
  static readonly SYSTEM_ERROR = exceptionCodes.SYSTEM_ERROR;
  static readonly RUNTIME_INCONSISTENCY = exceptionCodes.RUNTIME_INCONSISTENCY;
  static readonly DATA_INCONSISTENCY = exceptionCodes.DATA_INCONSISTENCY;
  static readonly CONNECTION_LOSS = exceptionCodes.CONNECTION_LOSS;
  static readonly MARSHALLING_ERROR = exceptionCodes.MARSHALLING_ERROR;
  static readonly UNIMPLEMENTED = exceptionCodes.UNIMPLEMENTED;
  static readonly OPERATION_TIMEOUT = exceptionCodes.OPERATION_TIMEOUT;
  static readonly BAD_ARGUMENTS = exceptionCodes.BAD_ARGUMENTS;
  static readonly API_ERROR = exceptionCodes.API_ERROR;
  static readonly NO_NODE = exceptionCodes.NO_NODE;
  static readonly NO_AUTH = exceptionCodes.NO_AUTH;
  static readonly BAD_VERSION = exceptionCodes.BAD_VERSION;
  static readonly NO_CHILDREN_FOR_EPHEMERALS = exceptionCodes.NO_CHILDREN_FOR_EPHEMERALS;
  static readonly NODE_EXISTS = exceptionCodes.NODE_EXISTS;
  static readonly NOT_EMPTY = exceptionCodes.NOT_EMPTY;
  static readonly SESSION_EXPIRED = exceptionCodes.SESSION_EXPIRED;
  static readonly INVALID_CALLBACK = exceptionCodes.INVALID_CALLBACK;
  static readonly INVALID_ACL = exceptionCodes.INVALID_ACL;
  static readonly AUTH_FAILED = exceptionCodes.AUTH_FAILED;

  readonly code: number;
  readonly path: string | undefined;

  /** As the library's constructor: (code, name, [path], ctor), ctor naming where the stack starts. */
  constructor(code: number, name: string, pathOrCtor?: unknown, ctor?: unknown) {
    const hasPath = ctor !== undefined;
    const start = hasPath ? ctor : pathOrCtor;
    const path = hasPath ? pathOrCtor : undefined;
    validateCode(code);
    assert(name && typeof name === "string", "name must be a non-empty string.");
    assert(typeof start === "function", "ctor must be a function.");
    super();
    Error.captureStackTrace(this, start);
    this.code = code;
    this.name = name;
    this.path = typeof path === "string" ? path : undefined;
    this.message = `Exception: ${name}[${code}]${this.path ? `@${this.path}` : ""}`;
  }

  /** The factory the library uses for every error it reports (never with a path). */
  static create(code: number, path?: string): Exception {
    validateCode(code);
    const name = exceptionNameOf(code) ?? "";
    return new Exception(code, name, path, Exception.create);
  }

  getCode(): number {
    return this.code;
  }

  getName(): string {
    return this.name;
  }

  getPath(): string | undefined {
    return this.path;
  }

  override toString(): string {
    return this.message;
  }
}
