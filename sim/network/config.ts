// The network's configuration: transport mode, latency, failure detection and datagram faults.
import { type LatencyDistribution, validateLatency } from "./latency.js";

export interface NetworkConfig {
  /**
   * `connection` (default): TCP-like FIFO connections, what ZAB assumes. `datagram`: single messages that
   * may be lost, duplicated and reordered, for experiments that deliberately break the FIFO assumption.
   */
  readonly mode: "connection" | "datagram";
  /** One-way latency of a message, drawn per message. */
  readonly latency: LatencyDistribution;
  /**
   * How long a connection failure takes to be noticed: a cut link's connection breaking (TCP giving up), a
   * connect attempt timing out, a crashed machine's peers noticing. Drawn per connection end.
   */
  readonly detection: LatencyDistribution;
  /** Datagram mode only: the chance that a datagram is lost, and that it is delivered twice. */
  readonly datagramLoss: number;
  readonly datagramDuplicate: number;
}

export const DEFAULT_NETWORK: NetworkConfig = {
  mode: "connection",
  latency: { kind: "exponential", minUs: 100, tailMeanUs: 300, maxUs: 20_000 },
  detection: { kind: "uniform", minUs: 1_000_000, maxUs: 3_000_000 },
  datagramLoss: 0,
  datagramDuplicate: 0,
};

export function validateNetwork(config: NetworkConfig): void {
  validateLatency(config.latency, "network.latency");
  validateLatency(config.detection, "network.detection");
  for (const [name, p] of [
    ["datagramLoss", config.datagramLoss],
    ["datagramDuplicate", config.datagramDuplicate],
  ] as const) {
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`network.${name} must be a probability, got ${p}`);
  }
}
