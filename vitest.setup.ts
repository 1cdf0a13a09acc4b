// Property tests draw a fresh random seed per run, and print it on failure. CI pins the seed with
// ZABSIM_FC_SEED so a submission's test run is reproducible; exploring new inputs happens in local and
// nightly runs (unset the variable).
// fast-check itself, not @fast-check/vitest: the same global configuration (one fast-check module), without
// loading the vitest integration into every test file's setup, where it cost seconds a file.
import fc from "fast-check";

const seed = process.env.ZABSIM_FC_SEED;
if (seed !== undefined && seed !== "") {
  if (!/^-?\d+$/.test(seed)) throw new Error(`ZABSIM_FC_SEED must be an integer, got '${seed}'`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
