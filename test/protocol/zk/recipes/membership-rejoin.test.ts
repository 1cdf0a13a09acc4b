// Found by on-zab.property.test.ts: a member told its session expired rejoins in a new session while
// the old session's ephemeral node still exists (the leader that answered "expired" had marked the
// session closing, as SessionTrackerImpl does, but had lost its quorum, so the closeSession never
// committed; the next leader re-tracked the session and expired it two seconds later). The member's
// create got NODEEXISTS, it took the node for its own and noted `joined`, and the real expiry then
// deleted it: the monitor's last list lacked a member that believed itself in the group. A member now
// checks the node's ephemeralOwner and, if it is another session's, waits for the node to go.
import { describe, expect, it } from "vitest";
import { type MemberState, memberProgram } from "../../../../protocol/zk/recipes/index.js";
import { builtInScenario } from "../../../../scenarios/catalog/index.js";
import { runScenario } from "../../../../scenarios/runner/index.js";
import { parseScenario } from "../../../../scenarios/schema/index.js";
import { micros, nodeId } from "../../../../sim/api/index.js";

const MEMBER = memberProgram({ root: "/group", leaveAfterUs: null });
const CTX = { self: nodeId("membership-1"), nowUs: micros(0) };
const OLD_SESSION = 7;
const NEW_SESSION = 9;

function reply(state: MemberState, step: string, value: Record<string, unknown>) {
  return MEMBER.react(
    state,
    {
      kind: "reply",
      tag: `${state.gen}:${step}`,
      f: "create",
      type: "ok",
      value: value as never,
      zxid: 1,
      session: NEW_SESSION,
    },
    CTX,
  );
}

function notes(reaction: ReturnType<typeof MEMBER.react>): string[] {
  return reaction.actions.flatMap((a) => (a.kind === "note" ? [a.event] : []));
}

describe("a member whose name is taken by its own earlier session", () => {
  it("does not note joined until its own session's node exists", () => {
    const started = MEMBER.react(MEMBER.init(CTX), { kind: "start" }, CTX);
    const rooted = reply(started.state, "root", {});
    const taken = reply(rooted.state, "join", { error: "NODEEXISTS" });
    expect(notes(taken)).toEqual([]);
    expect(taken.actions).toContainEqual(
      expect.objectContaining({
        kind: "call",
        f: "exists",
        value: expect.objectContaining({ watch: true }),
      }),
    );
    const stale = reply(taken.state, "owner", { stat: { czxid: 3, ephemeralOwner: OLD_SESSION } });
    expect(notes(stale)).toEqual([]);
    expect(stale.actions.filter((a) => a.kind === "call")).toEqual([]);
    const gone = MEMBER.react(
      stale.state,
      { kind: "watch", type: "NodeDeleted", path: "/group/m-membership-1", zxid: 5 },
      CTX,
    );
    expect(gone.actions).toContainEqual(expect.objectContaining({ kind: "call", f: "create" }));
    expect(notes(reply(gone.state, "join", { path: "/group/m-membership-1" }))).toEqual(["joined"]);
  });

  it("takes a node its current session created (a create whose answer was lost) as its own", () => {
    const started = MEMBER.react(MEMBER.init(CTX), { kind: "start" }, CTX);
    const taken = reply(reply(started.state, "root", {}).state, "join", { error: "NODEEXISTS" });
    const mine = reply(taken.state, "owner", { stat: { czxid: 3, ephemeralOwner: NEW_SESSION } });
    expect(notes(mine)).toEqual(["joined"]);
  });

  it("on the ZAB ensemble: the shrunk schedule that found it passes", () => {
    const base = builtInScenario("zk-membership");
    if (base === undefined) throw new Error("no zk-membership");
    const parsed = parseScenario({
      ...base,
      nemesis: {
        kind: "schedule",
        ops: [
          { atMs: 3_607, op: { f: "crash", node: "n2" }, group: 1 },
          { atMs: 4_481, op: { f: "pause", node: "n3", durationUs: 2_019_000 }, group: 0 },
          { atMs: 5_727, op: { f: "restart", node: "n2" }, group: 1 },
        ],
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const run = runScenario(parsed.scenario, 1);
    expect(run.violations).toEqual([]);
    expect(run.checks.find((c) => c.check === "recipes")?.verdict).toBe("pass");
  });
});
