// Helpers for the replay's end-to-end tests in a real terminal: tmux commands, waiting for the screen to
// show something, and recording a failing run with the built CLI as a user would.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const CLI = resolve("dist/bin/zabsim.js");
export const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

export function tmux(...args: string[]): string {
  return execFileSync("tmux", args, { encoding: "utf8" });
}

export async function waitFor(
  what: string,
  test: (text: string) => boolean,
  timeoutMs: number,
  target: string,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = tmux("capture-pane", "-p", "-t", target);
    if (test(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
}

/** `zabsim replay RUN_DIR` in a detached tmux session of the given size, kept open after it exits. */
export function startReplay(target: string, runDir: string, columns = 120, rows = 40): void {
  // CI=1 as in a CI job: ink would draw nothing before exit, so the command must switch that off.
  const command = `CI=1 NO_COLOR=1 ${process.execPath} ${CLI} replay ${runDir}; echo "replay exited $?"; sleep 60`;
  tmux("new-session", "-d", "-s", target, "-x", String(columns), "-y", String(rows), command);
}

/** Records the first failing seed with the real CLI (`zabsim run ... --json --out`), returns its run directory. */
export function recordFailingRun(args: readonly string[]): string {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run 'npm run build' (npm test does) first`);
  const out = mkdtempSync(join(tmpdir(), "zabsim-tmux-"));
  const child = spawnSync(
    process.execPath,
    [CLI, "run", ...args, "--fail-fast", "--json", "--out", out],
    {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    },
  );
  const failing = child.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .find((r) => r.verdict === "fail");
  if (failing?.run_dir === undefined)
    throw new Error(`no failing seed recorded: ${child.stdout}${child.stderr}`);
  return resolve(failing.run_dir);
}
