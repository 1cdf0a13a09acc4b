// Each server's role and epoch over time. The trace records no role changes, so they are inferred from what a
// server sends and receives in ZAB's vocabulary (LEADERINFO, NEWLEADER and PROPOSAL come from a leader;
// ACKEPOCH, ACK and REQUEST from a follower; NOTIFICATION ... LOOKING from a server in election), from
// `start` events (looking) and faults (crash/kill: down; pause: paused until it ends). Where the monitoring
// probe read a server's mntr (run.json's `monitor`), its mode at that moment wins: a follower cut off from
// its leader sends nothing the trace could show, and mntr says it is not serving (drawn as looking).
import type { MonitorSampleJson, TraceLine } from "../run-data/index.js";
import { nodeKinds } from "./node-kinds.js";

export const ROLES = ["looking", "leading", "following", "observing", "paused", "down"] as const;
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

/** `resumed`: the role the server had before its pause, until evidence says otherwise. */
type ClaimRole = Role | "resumed";

interface Claim {
  readonly node: string;
  readonly role: ClaimRole;
  readonly epoch: number | null;
}

interface TimedClaim extends Claim {
  readonly timeUs: number;
  /** Trace position, or after the trace's entries at the same time for probes and pause ends. */
  readonly order: number;
}

const FROM_LEADER = new Set(["LEADERINFO", "NEWLEADER", "UPTODATE", "PROPOSAL", "COMMIT", "DIFF"]);
const FROM_LEADER_MORE = new Set(["TRUNC", "SNAP", "INFORM"]);
const FROM_FOLLOWER = new Set(["FOLLOWERINFO", "ACKEPOCH", "ACK", "REQUEST"]);
const MNTR_ROLE: { readonly [mode: string]: Role } = {
  leader: "leading",
  follower: "following",
  observer: "observing",
  "not serving": "looking",
};

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

function claimsOf(entry: TraceLine, order: number): TimedClaim[] {
  const at = { timeUs: entry.timeUs, order };
  if (entry.kind === "start") return [{ ...at, node: entry.node, role: "looking", epoch: null }];
  if (entry.kind === "deliver") return deliverClaims(entry.text).map((c) => ({ ...at, ...c }));
  if (entry.kind !== "nemesis") return [];
  const down = /^(crash|kill) (\S+)$/.exec(entry.text);
  if (down?.[2] !== undefined) return [{ ...at, node: down[2], role: "down", epoch: null }];
  const pause = /^pause (\S+)(?: for (\d+)us)?$/.exec(entry.text);
  if (pause?.[1] === undefined) return [];
  const paused: TimedClaim = { ...at, node: pause[1], role: "paused", epoch: null };
  if (pause[2] === undefined) return [paused];
  const endUs = entry.timeUs + Number(pause[2]);
  return [
    paused,
    { timeUs: endUs, order: Number.MAX_SAFE_INTEGER, node: pause[1], role: "resumed", epoch: null },
  ];
}

function probeClaims(samples: readonly MonitorSampleJson[]): TimedClaim[] {
  return samples.flatMap((sample) =>
    sample.servers.map((server): TimedClaim => {
      const at = { timeUs: sample.timeUs, order: Number.MAX_SAFE_INTEGER, node: server.node };
      if (server.status !== "up") return { ...at, role: server.status, epoch: null };
      const role = MNTR_ROLE[String(server.stats?.mode ?? "")] ?? "looking";
      const epoch = server.stats?.epoch;
      return { ...at, role, epoch: typeof epoch === "number" && role !== "looking" ? epoch : null };
    }),
  );
}

/** Every claim about a server, in time order; at equal times the trace's first, then probes. */
function timedClaims(trace: readonly TraceLine[], samples: readonly MonitorSampleJson[]) {
  const claims = trace.flatMap((entry, i) => claimsOf(entry, i));
  claims.push(...probeClaims(samples));
  return claims.sort((a, b) => a.timeUs - b.timeUs || a.order - b.order);
}

interface Open {
  readonly role: Role;
  readonly epoch: number | null;
  readonly startUs: number;
}

export function roleTimeline(
  trace: readonly TraceLine[],
  endUs: number,
  samples: readonly MonitorSampleJson[] = [],
): ServerRoles[] {
  const servers = nodeKinds(trace).servers;
  const open = new Map<string, Open>();
  const beforePause = new Map<string, Open>();
  const segments = new Map<string, RoleSegment[]>(servers.map((s) => [s, []]));
  for (const claim of timedClaims(trace, samples)) {
    const list = segments.get(claim.node);
    if (list === undefined) continue;
    const current = open.get(claim.node);
    if (claim.role === "resumed" && current?.role !== "paused") continue;
    if (claim.role === "paused" && current !== undefined) beforePause.set(claim.node, current);
    const role =
      claim.role === "resumed" ? (beforePause.get(claim.node)?.role ?? "looking") : claim.role;
    // An unknown epoch keeps the one known, unless the server went down or into an election.
    const keep = role === "leading" || role === "following" || role === "observing";
    const epoch = claim.epoch ?? (keep && current !== undefined ? current.epoch : null);
    if (current !== undefined && current.role === role && current.epoch === epoch) continue;
    if (current !== undefined && current.startUs < claim.timeUs)
      list.push({ ...current, endUs: claim.timeUs });
    open.set(claim.node, { role, epoch, startUs: claim.timeUs });
  }
  return servers.map((server) => {
    const list = segments.get(server) ?? [];
    const last = open.get(server);
    if (last !== undefined) list.push({ ...last, endUs: Math.max(endUs, last.startUs) });
    return { server, segments: list };
  });
}
