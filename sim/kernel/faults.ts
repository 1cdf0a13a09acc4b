// Applying nemesis operations to the running simulation (DESIGN.md, "Nemesis").
import { assertNever } from "../api/index.js";
import type { LinkSelector, NemesisOp } from "../nemesis/index.js";
import type { Network, NodeDownKind } from "../network/index.js";
import type { Prng } from "../prng/index.js";
import type { HostedNode } from "./hosted-node.js";

/** What fault operations need from the kernel. */
export interface FaultHost {
  readonly network: Network;
  readonly now: number;
  readonly streams: { get(name: string): Prng };
  nodeByName(id: string): HostedNode;
  indexOfNode(id: string): number;
  /** Replaces the partition's cuts (`cut[from * n + to]`); isolations stay in force beside them. */
  setPartition(cut: Uint8Array): void;
  /** Cuts `node` off from `peers`, both ways, replacing its earlier isolation; none ends it. */
  setIsolation(node: number, peers: readonly number[]): void;
  allNodes(): readonly HostedNode[];
  takeDown(node: HostedNode, kind: NodeDownKind): void;
  restart(node: HostedNode): void;
  pause(node: HostedNode, durationUs: number | undefined): void;
  resume(node: HostedNode): void;
  rescheduleTimers(node: HostedNode): void;
}

export function applyNemesis(host: FaultHost, op: NemesisOp): void {
  switch (op.f) {
    case "partition-start":
      host.setPartition(cutMatrix(host, op.cuts));
      return;
    case "partition-stop":
      host.setPartition(new Uint8Array(host.network.nodeCount ** 2));
      return;
    case "isolate-start":
      host.setIsolation(
        host.indexOfNode(op.node),
        op.from.map((peer) => host.indexOfNode(peer)),
      );
      return;
    case "isolate-stop":
      host.setIsolation(host.indexOfNode(op.node), []);
      return;
    case "crash":
    case "kill":
      host.takeDown(host.nodeByName(op.node), op.f === "crash" ? "crashed" : "killed");
      return;
    case "restart":
      host.restart(host.nodeByName(op.node));
      return;
    case "pause":
      host.pause(host.nodeByName(op.node), op.durationUs);
      return;
    case "resume":
      host.resume(host.nodeByName(op.node));
      return;
    case "clock-jump":
    case "clock-drift":
      applyClockFault(host, op);
      return;
    default:
      applyLinkOrDiskFault(host, op);
  }
}

function applyClockFault(
  host: FaultHost,
  op: NemesisOp & { f: "clock-jump" | "clock-drift" },
): void {
  const node = host.nodeByName(op.node);
  if (op.f === "clock-jump") {
    if (node.clock.jump(op.deltaUs)) host.rescheduleTimers(node);
    return;
  }
  node.clock.setDrift(op.driftPpm, host.now);
  host.rescheduleTimers(node);
}

type LinkOrDiskOp = Extract<
  NemesisOp,
  {
    f:
      | "link-reset"
      | "link-loss"
      | "link-delay"
      | "link-heal"
      | "disk-torn"
      | "disk-corrupt"
      | "disk-error";
  }
>;

function applyLinkOrDiskFault(host: FaultHost, op: LinkOrDiskOp): void {
  const network = host.network;
  switch (op.f) {
    case "link-reset":
      network.reset(host.now, host.indexOfNode(op.a), host.indexOfNode(op.b));
      return;
    case "link-loss":
      forLinks(host, op.links, (from, to) => network.setLinkLoss(from, to, op.p));
      return;
    case "link-delay":
      forLinks(host, op.links, (from, to) => network.setExtraDelay(from, to, op.extraUs));
      return;
    case "link-heal":
      forLinks(host, "all", (from, to) => {
        network.setLinkLoss(from, to, 0);
        network.setExtraDelay(from, to, 0);
      });
      return;
    case "disk-torn":
      host.nodeByName(op.node).disk.armTornWrite();
      return;
    case "disk-corrupt":
      host.nodeByName(op.node).disk.corrupt(op.target, host.streams.get("nemesis/disk").next());
      return;
    case "disk-error":
      host.nodeByName(op.node).disk.armWriteError();
      return;
    default:
      assertNever(op, "nemesis op");
  }
}

function cutMatrix(host: FaultHost, cuts: readonly (readonly [string, string])[]): Uint8Array {
  const n = host.network.nodeCount;
  const cut = new Uint8Array(n * n);
  for (const [from, to] of cuts) {
    const a = host.indexOfNode(from);
    const b = host.indexOfNode(to);
    if (a !== b) cut[a * n + b] = 1;
  }
  return cut;
}

function forLinks(
  host: FaultHost,
  links: LinkSelector,
  visit: (from: number, to: number) => void,
): void {
  const n = host.network.nodeCount;
  if (links === "all") {
    for (let from = 0; from < n; from++)
      for (let to = 0; to < n; to++) if (from !== to) visit(from, to);
    return;
  }
  for (const [from, to] of links) visit(host.indexOfNode(from), host.indexOfNode(to));
}
