// Client operations in flight: the kernel records each as an invoke when it reaches its node and as ok,
// fail or info when the node replies, in the history format of docs/history-formats.md.
import type { ClientRequest, Json } from "../api/index.js";
import { assert } from "../api/index.js";
import type { HistoryEntry } from "../record/index.js";

export interface SubmitOptions {
  /** When the operation is handed to the node. */
  readonly atUs: number;
  readonly node: string;
  /** The client process (Jepsen's `process`): one operation at a time per process. */
  readonly process: number;
  readonly f: string;
  readonly value: Json;
}

export interface PendingRequest {
  readonly requestId: number;
  readonly process: number;
  readonly node: number;
  readonly clientRequest: ClientRequest;
}

export class RequestBook {
  readonly #pending = new Map<number, PendingRequest>();
  readonly #busyProcesses = new Set<number>();
  #nextId = 1;

  create(options: SubmitOptions, node: number): PendingRequest {
    assert(
      Number.isSafeInteger(options.process),
      `process must be an integer, got ${options.process}`,
    );
    const requestId = this.#nextId++;
    const clientRequest: ClientRequest = { requestId, f: options.f, value: options.value };
    return { requestId, process: options.process, node, clientRequest };
  }

  invoke(request: PendingRequest, nowUs: number): HistoryEntry {
    assert(
      !this.#busyProcesses.has(request.process),
      () =>
        `process ${request.process} invoked ${request.clientRequest.f} while its previous operation is open`,
    );
    this.#busyProcesses.add(request.process);
    this.#pending.set(request.requestId, request);
    const { f, value } = request.clientRequest;
    return { process: request.process, type: "invoke", f, value, time: nowUs * 1000 };
  }

  get(requestId: number): PendingRequest | undefined {
    return this.#pending.get(requestId);
  }

  complete(
    request: PendingRequest,
    type: "ok" | "fail" | "info",
    value: Json,
    fields: { readonly [field: string]: Json },
    nowUs: number,
  ): HistoryEntry {
    this.#pending.delete(request.requestId);
    this.#busyProcesses.delete(request.process);
    const { f } = request.clientRequest;
    return { process: request.process, type, f, value, time: nowUs * 1000, ...fields };
  }

  /** The open requests handed to a node, oldest first. */
  outstandingAt(node: number): PendingRequest[] {
    return [...this.#pending.values()]
      .filter((r) => r.node === node)
      .sort((a, b) => a.requestId - b.requestId);
  }
}
