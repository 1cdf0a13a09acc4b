// Each server's role and epoch over time, read back from trace.jsonl: the trace records no role changes, so
// they are inferred from what a server sends and receives in ZAB's vocabulary (LEADERINFO, NEWLEADER and
// PROPOSAL come from a leader; ACKEPOCH, ACK and REQUEST from a follower; NOTIFICATION ... LOOKING from a
// server in election), from `start` events (looking) and from crash/kill/restart faults (down).
import type { TraceLine } from "../run-data/index.js";

export const ROLES = ["looking", "leading", "following", "observing", "down"] as const;
export type Role = (typeof ROLES)[number];

export interface RoleSegment {
  readonly role: Role;
  /** The epoch the server is in, when the trace reveals it. */
  readonly epoch: number | null;
  readonly startUs: number;
  readonly endUs: number;
}

export interface ServerRoles {
  readonly server: string;
  readonly segments: readonly RoleSegment[];
}

interface Claim {
  readonly node: string;
  readonly role: Role;
  readonly epoch: number | null;
}

const FROM_LEADER = new Set(["LEADERINFO", "NEWLEADER", "UPTODATE", "PROPOSAL", "COMMIT", "DIFF"]);
const FROM_LEADER_MORE = new Set(["TRUNC", "SNAP", "INFORM"]);
const FROM_FOLLOWER = new Set(["FOLLOWERINFO", "ACKEPOCH", "ACK", "REQUEST"]);

function epochOf(text: string): number | null {
  const explicit = /\bepoch=(\d+)/.exec(text);
  if (explicit?.[1] !== undefined && !text.startsWith("NOTIFICATION")) return Number(explicit[1]);
  const zxid = /\bzxid=0x([0-9a-f]+)/.exec(text);
  if (zxid?.[1] === undefined) return null;
  const value = Number.parseInt(zxid[1], 16);
  return value === 0 ? null : Math.floor(value / 2 ** 32);
}

/** What a delivered message says about its sender's and receiver's roles. */
function deliverClaims(text: string): Claim[] {
  const match = /^(\S+)->(\S+) (\S+)(.*)$/.exec(text);
  if (match === null) return [];
  const [, from = "", to = "", type = "", rest = ""] = match;
  const epoch = epochOf(`${type}${rest}`);
  if (type === "NOTIFICATION") {
    return /\bLOOKING$/.test(rest) ? [{ node: from, role: "looking", epoch: null }] : [];
  }
  if (FROM_LEADER.has(type) || FROM_LEADER_MORE.has(type)) {
    const peerRole: Role = type === "INFORM" ? "observing" : "following";
    return [
      { node: from, role: "leading", epoch },
      { node: to, role: peerRole, epoch },
    ];
  }
  if (FROM_FOLLOWER.has(type) || type === "OBSERVERINFO") {
    const role: Role = type === "OBSERVERINFO" ? "observing" : "following";
    return [{ node: from, role, epoch: type === "ACK" ? epoch : null }];
  }
  return [];
}

function claimsOf(entry: TraceLine): Claim[] {
  if (entry.kind === "start") return [{ node: entry.node, role: "looking", epoch: null }];
  if (entry.kind === "deliver") return deliverClaims(entry.text);
  if (entry.kind === "nemesis") {
    const match = /^(crash|kill) (\S+)$/.exec(entry.text);
    if (match?.[2] !== undefined) return [{ node: match[2], role: "down", epoch: null }];
  }
  return [];
}

export function roleTimeline(trace: readonly TraceLine[], endUs: number): ServerRoles[] {
  const open = new Map<string, { role: Role; epoch: number | null; startUs: number }>();
  const segments = new Map<string, RoleSegment[]>();
  const servers = new Set(trace.filter((e) => e.kind === "start").map((e) => e.node));
  for (const entry of trace) {
    for (const claim of claimsOf(entry)) {
      if (!servers.has(claim.node)) continue;
      const current = open.get(claim.node);
      // An unknown epoch keeps the one known, unless the server went down or into an election.
      const keep = claim.role !== "down" && claim.role !== "looking";
      const epoch = claim.epoch ?? (keep && current !== undefined ? current.epoch : null);
      if (current !== undefined && current.role === claim.role && current.epoch === epoch) continue;
      if (current !== undefined && current.startUs < entry.timeUs) {
        const list = segments.get(claim.node) ?? [];
        list.push({ ...current, endUs: entry.timeUs });
        segments.set(claim.node, list);
      }
      open.set(claim.node, { role: claim.role, epoch, startUs: entry.timeUs });
    }
  }
  return [...servers].sort(compareNodeIds).map((server) => {
    const list = segments.get(server) ?? [];
    const last = open.get(server);
    if (last !== undefined) list.push({ ...last, endUs: Math.max(endUs, last.startUs) });
    return { server, segments: list };
  });
}

/** n2 before n10: numeric suffixes compare as numbers. */
export function compareNodeIds(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
