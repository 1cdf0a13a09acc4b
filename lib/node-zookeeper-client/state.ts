// State.js of node-zookeeper-client 1.1.3: the client states the `state` event carries.
import assert from "node:assert";

export class State {
  readonly name: string;
  readonly code: number;

  constructor(name: string, code: number) {
    assert(name && typeof name === "string", "name must be a non-empty string.");
    assert(typeof code === "number", "type must be a number.");
    this.name = name;
    this.code = code;
  }

  getName(): string {
    return this.name;
  }

  getCode(): number {
    return this.code;
  }

  toString(): string {
    return `${this.name}[${this.code}]`;
  }
}

/** The exported constants; the library exports these instances, not the State class. */
export const states = {
  DISCONNECTED: new State("DISCONNECTED", 0),
  SYNC_CONNECTED: new State("SYNC_CONNECTED", 3),
  AUTH_FAILED: new State("AUTH_FAILED", 4),
  CONNECTED_READ_ONLY: new State("CONNECTED_READ_ONLY", 5),
  SASL_AUTHENTICATED: new State("SASL_AUTHENTICATED", 6),
  EXPIRED: new State("EXPIRED", -122),
} as const;
