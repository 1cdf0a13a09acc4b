// One line of a Jepsen-style history (docs/history-formats.md): an invoke or a completion of a client operation,
// or a non-client event (nemesis) that the checker ignores. Both readers validate through `toHistoryEvent`.
import type { Json } from "../api/json.js";
import { HistoryError } from "./history-error.js";

export const EVENT_TYPES = ["invoke", "ok", "fail", "info"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface HistoryEvent {
  /** 1-based line of the file where the event starts. */
  readonly line: number;
  /** The client process, or null for anything that is not a client (e.g. `"nemesis"`). */
  readonly process: number | null;
  readonly type: EventType;
  readonly f: string;
  readonly value: Json;
  /** The independent object the operation acts on, when the history names one. */
  readonly key: Json | undefined;
}

function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Converts a decoded value to plain JSON, or returns undefined when some part of it has no JSON form. */
export function toJson(value: unknown): Json | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
  if (Array.isArray(value)) {
    const items: Json[] = [];
    for (const item of value) {
      const json = toJson(item);
      if (json === undefined) return undefined;
      items.push(json);
    }
    return items;
  }
  if (isRecord(value)) {
    const object: Record<string, Json> = {};
    for (const [name, item] of Object.entries(value)) {
      const json = toJson(item);
      if (json === undefined) return undefined;
      object[name] = json;
    }
    return object;
  }
  return undefined;
}

/**
 * Validates one decoded history entry. Extra fields (`time`, `index`, `error`, ...) are allowed and ignored;
 * `time` is never used because line order is real-time order.
 */
export function toHistoryEvent(raw: unknown, file: string, line: number): HistoryEvent {
  if (!isRecord(raw)) throw new HistoryError(file, line, null, "expected an operation map");
  const { type, process, f } = raw;
  if (!isEventType(type)) {
    throw new HistoryError(
      file,
      line,
      "type",
      `expected one of ${EVENT_TYPES.join(", ")}, got ${show(type)}`,
    );
  }
  if (process === undefined) throw new HistoryError(file, line, "process", "missing");
  const isClient = typeof process === "number" && Number.isSafeInteger(process);
  if (isClient && typeof f !== "string") {
    throw new HistoryError(file, line, "f", `expected an operation name, got ${show(f)}`);
  }
  const value = raw.value === undefined ? null : toJson(raw.value);
  if (value === undefined) throw new HistoryError(file, line, "value", "not representable as JSON");
  const key = raw.key === undefined ? undefined : toJson(raw.key);
  if (raw.key !== undefined && key === undefined) {
    throw new HistoryError(file, line, "key", "not representable as JSON");
  }
  return {
    line,
    process: isClient ? process : null,
    type,
    f: typeof f === "string" ? f : "",
    value,
    key,
  };
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
