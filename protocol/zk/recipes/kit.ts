// Helpers every recipe program uses: tagged calls that carry the program's generation (so the outcome of a
// call made before a session expiry is recognised and ignored), reading outcomes, sequential node names,
// and the retry timer for calls that ended without an answer.

import { type Json, type Micros, ms } from "../../../sim/api/index.js";
import type { Action, Fields, ReplyStimulus } from "./program.js";

/** The wait before a call that failed or got no answer is made again. */
export const RETRY_DELAY_US: Micros = ms(50);
export const RETRY_TIMER = "retry";

/** Calls are tagged `<generation>:<step>`; a program bumps its generation when it starts over. */
export function call(gen: number, step: string, f: string, value: Json): Action {
  return { kind: "call", tag: `${gen}:${step}`, f, value };
}

export function isCurrent(reply: ReplyStimulus, gen: number): boolean {
  return reply.tag.startsWith(`${gen}:`);
}

export function stepOf(reply: ReplyStimulus): string {
  return reply.tag.slice(reply.tag.indexOf(":") + 1);
}

/** The ZooKeeper code of an outcome: OK, a server error (NONODE, ...), or why there was no answer. */
export function codeOf(reply: ReplyStimulus): string {
  const error = reply.value.error;
  if (typeof error === "string") return error;
  return reply.type === "ok" ? "OK" : "CONNECTIONLOSS";
}

export function isAnswered(reply: ReplyStimulus): boolean {
  return reply.type === "ok";
}

export function note(event: string, fields: Fields = {}): Action {
  return { kind: "note", event, fields };
}

export function timer(name: string, afterUs: Micros): Action {
  return { kind: "set-timer", timer: name, afterUs };
}

export function retryLater(): Action {
  return timer(RETRY_TIMER, RETRY_DELAY_US);
}

/** The children of a getChildren answer. */
export function childrenOf(reply: ReplyStimulus): readonly string[] {
  const children = reply.value.children;
  return Array.isArray(children) ? children.filter((c): c is string => typeof c === "string") : [];
}

/** The Stat's czxid of a create, exists or getData answer, or null without one. */
export function czxidOf(reply: ReplyStimulus): number | null {
  const stat = reply.value.stat;
  if (typeof stat !== "object" || stat === null || Array.isArray(stat)) return null;
  const czxid = (stat as Fields).czxid;
  return typeof czxid === "number" ? czxid : null;
}

/** The Stat's ephemeralOwner (the owning session, 0 for a persistent node), or null without a Stat. */
export function ephemeralOwnerOf(reply: ReplyStimulus): number | null {
  const stat = reply.value.stat;
  if (typeof stat !== "object" || stat === null || Array.isArray(stat)) return null;
  const owner = (stat as Fields).ephemeralOwner;
  return typeof owner === "number" ? owner : null;
}

export function dataOf(reply: ReplyStimulus): string | null {
  return typeof reply.value.data === "string" ? reply.value.data : null;
}

/** The path a create answered with. */
export function createdPath(reply: ReplyStimulus): string | null {
  return typeof reply.value.path === "string" ? reply.value.path : null;
}

/** The 10-digit sequence suffix ZooKeeper appends to a sequential node's name. */
export function sequenceOf(name: string): number {
  return Number(name.slice(-10));
}

/** Sequential children in sequence order (names differ in their prefixes, so compare the suffix). */
export function bySequence(names: readonly string[]): readonly string[] {
  return [...names].sort((a, b) => sequenceOf(a) - sequenceOf(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function joinPath(parent: string, child: string): string {
  return parent === "/" ? `/${child}` : `${parent}/${child}`;
}
