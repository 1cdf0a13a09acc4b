// Through the built CLI in fresh processes: each command imports only what it uses (bench:startup times
// it). A loader hook records every module the process loads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const CLI = "dist/bin/zabsim.js";
const DIST = pathToFileURL("dist/").href;

const HOOKS = `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(process.env.ZABSIM_MODULE_LOG, url + "\\n");
  return next(url, context);
}
`;

/** The modules `zabsim ARGS` loads, as paths under dist/ (packages as node_modules/NAME). */
function modulesLoadedBy(args: readonly string[]): string[] {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
  const dir = mkdtempSync(join(tmpdir(), "zabsim-imports-"));
  writeFileSync(join(dir, "hooks.mjs"), HOOKS);
  const hooks = pathToFileURL(join(dir, "hooks.mjs")).href;
  writeFileSync(
    join(dir, "register.mjs"),
    `import { register } from "node:module";\nregister(${JSON.stringify(hooks)});\n`,
  );
  const log = join(dir, "modules.log");
  writeFileSync(log, "");
  spawnSync(process.execPath, ["--import", join(dir, "register.mjs"), CLI, ...args], {
    env: { ...process.env, CI: "1", ZABSIM_MODULE_LOG: log },
  });
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file:"))
    .map((url) =>
      url
        .replace(DIST, "")
        .replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, "node_modules/$1"),
    );
}

function historyFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "zabsim-imports-")), "history.jsonl");
  const events = [
    { process: 0, type: "invoke", f: "write", value: 1 },
    { process: 0, type: "ok", f: "write", value: 1 },
    { process: 1, type: "invoke", f: "read", value: null },
    { process: 1, type: "ok", f: "read", value: 1 },
  ];
  writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join("\n")}\n`);
  return file;
}

describe("what each command imports", () => {
  it("help, CMD --help, --version and an unknown command load only the entry point, the registry and the specs", () => {
    for (const args of [
      ["help"],
      ["run", "--help"],
      ["help", "replay"],
      ["--version"],
      ["no-such-command"],
    ]) {
      const modules = modulesLoadedBy(args);
      expect(modules).toEqual(
        expect.arrayContaining(["bin/zabsim.js", "bin/main.js", "bin/commands/index.js"]),
      );
      const others = modules.filter(
        (m) =>
          !/^bin\/(zabsim|main|cli-io|version)\.js$|^bin\/commands\/(index|[a-z]+-spec)\.js$|^bin\/help\//.test(
            m,
          ),
      );
      expect(others, args.join(" ")).toEqual([]);
    }
  });

  it("check on a register history loads the checker and the history readers, no package", () => {
    const modules = modulesLoadedBy(["check", historyFile(), "--model", "cas-register"]);
    expect(modules).toContain("bin/commands/check.js");
    const outside = modules.filter((m) => !/^(bin|sim\/check|sim\/history|sim\/api)\//.test(m));
    expect(outside).toEqual([]);
    expect(modules).not.toContain("bin/check/znode-tree-factory.js");
  });

  it("check --model znode-tree loads the protocol's znode tree", () => {
    const modules = modulesLoadedBy(["check", historyFile(), "--model", "znode-tree"]);
    expect(modules).toContain("bin/check/znode-tree-factory.js");
  });
});
