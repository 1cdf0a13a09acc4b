// The protected resource of the lock hazard (reference §7 "Pitfall: lock/leader after session loss"): lock
// holders send it writes carrying a fencing token, the lock znode's czxid. With fencing it rejects a token
// below the highest it has accepted, so a holder whose session expired unnoticed cannot write after its
// successor did. It records every write it accepted or rejected as a `resource-write` observation.

import {
  assertNever,
  type Effect,
  type NodeId,
  type NodeProtocol,
  type StepResult,
} from "../../../sim/api/index.js";

/** A holder's write: `lockPath` and `token` (the lock node's czxid) name its lock section. */
export type ResourceWrite = {
  readonly type: "resource-write";
  readonly lockPath: string;
  readonly token: number;
  /** The holder's numbering of its writes within the section; the answer names it. */
  readonly seq: number;
};

export type ResourceAck = {
  readonly type: "resource-ack";
  readonly token: number;
  readonly seq: number;
  readonly accepted: boolean;
  readonly highestToken: number;
};

export type ResourceMessage = ResourceWrite | ResourceAck;

export function isResourceMessage(msg: { readonly type: string }): msg is ResourceMessage {
  return msg.type === "resource-write" || msg.type === "resource-ack";
}

export function describeResourceMessage(msg: ResourceMessage): string {
  return msg.type === "resource-write"
    ? `resource-write ${msg.lockPath} token=${msg.token} seq=${msg.seq}`
    : `resource-ack seq=${msg.seq} ${msg.accepted ? "accepted" : "rejected"}`;
}

export type ResourceOptions = { readonly fencing: boolean };

/** Volatile: the resource is not crashed in the recipe scenarios (a real one would persist the token). */
export type ResourceState = { readonly highestToken: number; readonly writes: number };

export function fencedResource(
  options: ResourceOptions,
): NodeProtocol<ResourceState, ResourceMessage> {
  return {
    name: options.fencing ? "fenced-resource" : "unfenced-resource",
    init: () => ({ state: { highestToken: 0, writes: 0 }, effects: [] }),
    step: (state, input) => {
      switch (input.kind) {
        case "message":
          return input.msg.type === "resource-write"
            ? onWrite(options, state, input.from, input.msg)
            : { state, effects: [] };
        case "timer":
        case "request":
        case "disconnected":
        case "fsync-done":
          return { state, effects: [] };
        default:
          return assertNever(input, "resource input");
      }
    },
    describeMessage: describeResourceMessage,
  };
}

function onWrite(
  options: ResourceOptions,
  state: ResourceState,
  from: NodeId,
  write: ResourceWrite,
): StepResult<ResourceState, ResourceMessage> {
  const accepted = !options.fencing || write.token >= state.highestToken;
  const next: ResourceState = {
    highestToken: accepted ? Math.max(state.highestToken, write.token) : state.highestToken,
    writes: state.writes + 1,
  };
  const effects: Effect<ResourceMessage>[] = [
    {
      kind: "observe",
      observation: {
        kind: "resource-write",
        client: from,
        lockPath: write.lockPath,
        token: write.token,
        seq: write.seq,
        accepted,
        fencing: options.fencing,
        highestToken: state.highestToken,
      },
    },
    {
      kind: "send",
      to: from,
      msg: {
        type: "resource-ack",
        token: write.token,
        seq: write.seq,
        accepted,
        highestToken: next.highestToken,
      },
    },
  ];
  return { state: next, effects };
}
