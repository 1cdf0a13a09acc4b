import { defineConfig } from "vitest/config";

// The conformance suite needs a real ZooKeeper server (Debian's `zookeeper` package and Java), so it runs
// on its own: `npm run test:conformance`. `npm test` needs nothing beyond `npm install`.
const conformance = process.env.ZABSIM_CONFORMANCE === "1";

export default defineConfig({
  test: {
    include: conformance ? ["test/conformance/**/*.test.ts"] : ["test/**/*.test.ts"],
    exclude: conformance ? [] : ["test/conformance/**", "node_modules/**"],
    // Property tests print their seed on failure; keep runs bounded so CI stays fast.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "threads",
    setupFiles: ["./vitest.setup.ts"],
  },
});
