// Seeded randomness for the kernel and generators.
export { Prng, Streams } from "./prng.js";
