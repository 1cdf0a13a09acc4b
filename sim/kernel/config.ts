// A simulation's configuration: the seed and the models of network and disk.
import { DEFAULT_NETWORK, type LatencyDistribution, type NetworkConfig } from "../network/index.js";

export interface DiskConfig {
  /** How long an fsync takes to complete; completions on one node are FIFO. */
  readonly fsyncLatency: LatencyDistribution;
}

export interface SimulationConfig {
  /** The run's seed: every random draw derives from it. */
  readonly seed: number | string;
  readonly network?: Partial<NetworkConfig>;
  readonly disk?: Partial<DiskConfig>;
  /** Keep trace entries (descriptions) as well as the hash. Costs time; off for sweeps. */
  readonly keepTrace?: boolean;
}

export const DEFAULT_DISK: DiskConfig = {
  fsyncLatency: { kind: "uniform", minUs: 200, maxUs: 2_000 },
};

export function networkConfigOf(config: SimulationConfig): NetworkConfig {
  return { ...DEFAULT_NETWORK, ...config.network };
}

export function diskConfigOf(config: SimulationConfig): DiskConfig {
  return { ...DEFAULT_DISK, ...config.disk };
}
