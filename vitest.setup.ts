// Property tests draw a fresh random seed per run, and print it on failure. CI pins the seed with
// ZABSIM_FC_SEED so a submission's test run is reproducible; exploring new inputs happens in local and
// nightly runs (unset the variable).
import { fc } from "@fast-check/vitest";

const seed = process.env.ZABSIM_FC_SEED;
if (seed !== undefined && seed !== "") {
  if (!/^-?\d+$/.test(seed)) throw new Error(`ZABSIM_FC_SEED must be an integer, got '${seed}'`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
