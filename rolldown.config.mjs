// The CLI as users run it (package.json's `bin`): tsc's output bundled into a few chunks, split at each
// command's dynamic import, so a command loads a handful of files instead of hundreds of modules (start-up
// time is what a user of `zabsim check` or `zabsim help` waits for). Packages stay external: they load from
// node_modules as they would unbundled. The worker thread of `run --jobs` is its own entry, beside the chunk
// that starts it (bin/run/seed-source.ts finds it as ./run-worker.js).
export default {
  input: { zabsim: "dist/bin/zabsim.js", "run-worker": "dist/bin/run/run-worker.js" },
  platform: "node",
  external: [/^node:/, /^(zod|ink|react|seedrandom|edn-data)(\/|$)/],
  output: {
    dir: "dist/cli",
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    cleanDir: true,
  },
};
