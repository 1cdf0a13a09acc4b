// Where a violation became visible, in words for a CI log: the client, the server, the simulated time and the
// zxid in hex (as ZooKeeper logs it): `client c3, server n1, at 2.056 s, zxid 0x10000002a`.
import { hexZxid } from "../../scenarios/systems/labels.js";

/** The fields of a violation's `at` a location names (scenarios/systems ViolationAt). */
export interface ViolationPlace {
  readonly client?: string;
  readonly process?: number;
  readonly node?: string;
  readonly timeUs?: number;
  readonly zxid?: number;
}

/** Null when the violation names no place at all. */
export function violationLocation(at: ViolationPlace | undefined): string | null {
  if (at === undefined) return null;
  const parts: string[] = [];
  if (at.client !== undefined) parts.push(`client ${at.client}`);
  else if (at.process !== undefined) parts.push(`process ${at.process}`);
  if (at.node !== undefined) parts.push(`server ${at.node}`);
  if (at.timeUs !== undefined) parts.push(`at ${(at.timeUs / 1e6).toFixed(3)} s`);
  if (at.zxid !== undefined) parts.push(`zxid ${hexZxid(at.zxid)}`);
  return parts.length === 0 ? null : parts.join(", ");
}
