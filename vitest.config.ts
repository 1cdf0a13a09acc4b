import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests print their seed on failure; keep runs bounded so CI stays fast.
    testTimeout: 60_000,
    pool: "threads",
  },
});
