// Each view of the report in a real browser (Debian's chromium, headless, driven by playwright-core), for a
// ZooKeeper-level failure (zk-stale-read: a stale read, not linearizable) and a ZAB-level one (crash-loop with
// ZOOKEEPER-3911): a screenshot of each view is kept in test-artifacts/, and the violation is on screen in a
// 1400 px window — the diagram's ◆ with the servers' lanes, the timeline's line, the zoomed counterexample.
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../bin/main.js";
import { writeRunReport } from "../../../bin/report/index.js";
import { capture } from "../../bin/capture.js";
import { plantedBugRunDir } from "../run-fixtures.js";

const CHROMIUM = process.env.ZABSIM_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const VIEWPORT = { width: 1400, height: 1000 };
if (!hasChromium)
  console.warn(`browser view tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);

/** `zabsim run zk-stale-read --seed 1 --out DIR`: a follower cut off from the leader serves a stale read. */
async function staleReadRun(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "zabsim-views-"));
  const code = await main(["run", "zk-stale-read", "--seed", "1", "--out", out], capture());
  if (code !== 1) throw new Error(`expected zk-stale-read seed 1 to fail, exit code ${code}`);
  return join(out, "zk-stale-read", "seed-1");
}

async function open(browser: Browser, dir: string): Promise<{ page: Page; errors: string[] }> {
  const { file } = writeRunReport(dir);
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`file://${file}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return { page, errors };
}

/** True when the element's box lies inside the window (after its section was scrolled into view). */
async function onScreen(element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  if (box === null) return false;
  return (
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= VIEWPORT.width &&
    box.y + box.height <= VIEWPORT.height
  );
}

async function shoot(page: Page, name: string, id: string): Promise<void> {
  const section = page.locator(`#${id}`);
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(ARTIFACTS, `${name}-${id}.png`) });
}

/** The violation's ◆ in the message diagram, the servers' lanes before any client's, and every view shot. */
async function checkViews(page: Page, name: string): Promise<void> {
  for (const id of ["story", "counterexample", "timeline", "messages", "roles", "metrics"])
    if ((await page.locator(`#${id}`).count()) > 0) await shoot(page, name, id);
  await page.locator("#messages").scrollIntoViewIfNeeded();
  await expect(onScreen(page.locator("#messages-svg .violation-mark path"))).resolves.toBe(true);
  const lanes = await page.locator("#messages .lanes-head text").allTextContents();
  expect(lanes[0]).toBe("n1");
  await expect(onScreen(page.locator("#messages .lanes-head text").first())).resolves.toBe(true);
  await page.locator("#timeline").scrollIntoViewIfNeeded();
  const canvas = page.locator("#timeline-canvas");
  const x = Number(await canvas.getAttribute("data-violation-x"));
  const box = await canvas.boundingBox();
  expect(x).toBeGreaterThan(0);
  expect((box?.x ?? 0) + x).toBeLessThan(VIEWPORT.width);
  const roles = await page
    .locator("#roles-svg .role-lane")
    .evaluateAll((lanes) =>
      lanes.map((lane) =>
        (lane as unknown as { getAttribute(name: string): string }).getAttribute("data-server"),
      ),
    );
  expect(roles.length).toBeGreaterThan(0);
  expect(roles.every((server) => /^n\d+$/.test(server))).toBe(true);
}

let browser: Browser;
beforeAll(async () => {
  if (!hasChromium) return;
  browser = await chromium.launch({ executablePath: CHROMIUM });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!hasChromium)("each view of a failing run's report, on screen in Chromium", () => {
  it("centres a ZooKeeper-level failure (a stale read) and zooms its counterexample", async () => {
    const { page, errors } = await open(browser, await staleReadRun());
    await checkViews(page, "zk-stale-read");
    await expect(page.locator("#story li.story").first().textContent()).resolves.toMatch(
      /^linearizability at 2\.057 s · on n1 · c3 · zxid 0x10000002a/,
    );
    await expect(page.locator("#counterexample .key-fact").textContent()).resolves.toMatch(
      /^c3's getData .*returned "\d+", .* after c\d setData \/k0 = \d+ @0x[0-9a-f]+ had completed/,
    );
    await page.locator("#counterexample").scrollIntoViewIfNeeded();
    await expect(onScreen(page.locator("#conflict-svg .conflict-stuck rect"))).resolves.toBe(true);
    // Page code is given as text: the tests compile without the DOM's types.
    const overflow = await page.evaluate(`[...document.querySelectorAll("#conflict-svg .lin-label")]
      .map((t) => t.getBBox()).filter((b) => b.x < 0 || b.x + b.width > 1000).length`);
    expect(overflow).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("centres a ZAB-level failure (a planted bug) on the node and zxid it names", async () => {
    const { page, errors } = await open(browser, await plantedBugRunDir());
    await checkViews(page, "zab-planted-bug");
    await expect(
      page.locator("#messages-svg .violation-mark .mark-label").textContent(),
    ).resolves.toMatch(/^✗ \w+: n\d at zxid 0x[0-9a-f]+$/);
    expect(errors).toEqual([]);
  }, 60_000);
});
