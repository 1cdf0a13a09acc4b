// Every check kind's failure, told and located end to end (issue: "explain every failure"): for each kind's
// failing run (test/stories/*-kinds.ts, recorded with the built CLI), `--json` carries a story naming what the
// kind says it must (hex zxids, clients, servers); `v` in `zabsim replay` in a real terminal (tmux) lands on
// the event where it showed, at its time, naming its client or server; and the HTML report, in a real browser
// (chromium) at 1400x1000, has the story at the top and the diagram centred on the violation's mark.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeRunReport } from "../../bin/report/index.js";
import { hasTmux, startReplay, tmux, waitFor } from "../reports/tui/tmux-session.js";
import { PROTOCOL_STORY_KINDS } from "./protocol-kinds.js";
import { recordKind } from "./record-kind.js";
import type { StoryKind } from "./story-kind.js";
import { ZK_KINDS } from "./zk-kinds.js";

const KINDS: readonly StoryKind[] = [...ZK_KINDS, ...PROTOCOL_STORY_KINDS];
const CHROMIUM = process.env.ZABSIM_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const VIEWPORT = { width: 1400, height: 1000 };
const runDirs = new Map<StoryKind, string>();

interface RecordedViolation {
  readonly check: string;
  readonly story?: string;
  readonly at?: { readonly timeUs?: number; readonly client?: string; readonly node?: string };
}

function violationsOf(kind: StoryKind): RecordedViolation[] {
  return JSON.parse(readFileSync(join(runDirs.get(kind) ?? "", "run.json"), "utf8")).violations;
}

function violationOf(kind: StoryKind): RecordedViolation {
  const found = violationsOf(kind).find((v) => v.check === kind.check);
  if (found === undefined) throw new Error(`${kind.kind}: no ${kind.check} violation in run.json`);
  return found;
}

const name = (kind: StoryKind) =>
  `${kind.kind}-${kind.check}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();

beforeAll(async () => {
  // Recorded side by side: each is a separate process.
  const dirs = await Promise.all(KINDS.map((kind) => recordKind(kind)));
  KINDS.forEach((kind, i) => {
    runDirs.set(kind, dirs[i] ?? "");
  });
}, 180_000);

describe("each kind's recorded violation", () => {
  it.each(KINDS.map((k) => [k.kind, k] as const))("%s: run.json tells and places it", (_, kind) => {
    const violation = violationOf(kind);
    for (const words of kind.expect.storyIncludes) expect(violation.story).toContain(words);
    if (kind.expect.nearUs !== undefined)
      expect(Math.abs((violation.at?.timeUs ?? -1e9) - kind.expect.nearUs)).toBeLessThanOrEqual(
        1_000,
      );
    if (kind.expect.client !== undefined) expect(violation.at?.client).toBe(kind.expect.client);
    if (kind.expect.node !== undefined) expect(violation.at?.node).toBe(kind.expect.node);
  });
});

/** The simulated time the replay's header shows, in µs (`t=2.057408s`). */
function shownTimeUs(screen: string): number {
  const seconds = /t=(\d+\.\d+)s/.exec(screen)?.[1];
  return seconds === undefined ? Number.NaN : Math.round(Number(seconds) * 1e6);
}

describe
  .skipIf(!hasTmux)
  .concurrent("v in zabsim replay (tmux) lands on each kind's violation", () => {
    const sessions: string[] = [];
    afterAll(() => {
      for (const session of sessions) spawnSync("tmux", ["kill-session", "-t", session]);
    });

    it.each(KINDS.map((k) => [k.kind, k] as const))("%s", async (_, kind) => {
      const session = `zabsim-story-${name(kind)}-${process.pid}`;
      sessions.push(session);
      startReplay(session, runDirs.get(kind) ?? "");
      const wait = (what: string, test: (t: string) => boolean) =>
        waitFor(what, test, 60_000, session);
      await wait("the replay screen", (t) => t.includes("zabsim replay") && t.includes("step 0/"));
      tmux("send-keys", "-t", session, "v");
      const text = await wait(
        "the located violation",
        (t) => /at event #\d+ \(/.test(t) && !t.includes("step 0/"),
      );
      const event = Number(/at event #(\d+)/.exec(text)?.[1]);
      expect(text).toContain(`step ${event}/`);
      // `v` goes to the run's first violation.
      const at = violationsOf(kind)[0]?.at;
      // The first step at or after the violation. A liveness deadline is no event: when every server is
      // looking, the next one can be an election round away (FLE's finalize wait and notification back-off).
      const slackUs = kind.check === "liveness" ? 400_000 : 50_000;
      if (at?.timeUs !== undefined) {
        expect(shownTimeUs(text)).toBeGreaterThanOrEqual(at.timeUs - 1_000);
        expect(shownTimeUs(text) - at.timeUs).toBeLessThanOrEqual(slackUs);
      }
      const located = text.split("\n").find((line) => line.includes(`at event #${event}`)) ?? "";
      const who = [at?.client, at?.node].filter((w) => w !== undefined);
      if (who.length > 0) expect(who.some((w) => located.includes(w as string))).toBe(true);
      tmux("send-keys", "-t", session, "q");
    });
  });

/** True when the element's box lies inside the window. */
async function onScreen(element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  if (box === null) return false;
  const { width, height } = VIEWPORT;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

describe.skipIf(!hasChromium)("the report centres each kind's violation (chromium)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(KINDS.map((k) => [k.kind, k] as const))(
    "%s",
    async (_, kind) => {
      const { file } = writeRunReport(runDirs.get(kind) ?? "");
      const page = await browser.newPage({ viewport: VIEWPORT });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      await page.goto(`file://${file}`);
      await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
      // The report leads with the run's first violation (a run may break several checks).
      const first = violationsOf(kind)[0];
      const story = (await page.locator("#story").textContent()) ?? "";
      expect(story).toContain(first?.check);
      expect(story).toContain(first?.story?.split(/\s+/).slice(0, 8).join(" "));
      await page.locator("#messages").scrollIntoViewIfNeeded();
      await expect(
        onScreen(page.locator("#messages-svg .violation-mark path").first()),
      ).resolves.toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `story-${name(kind)}-messages.png`) });
      await page.locator("#story").scrollIntoViewIfNeeded();
      await page
        .locator("#story")
        .screenshot({ path: join(ARTIFACTS, `story-${name(kind)}-story.png`) });
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );
});
