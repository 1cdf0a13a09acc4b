// The report in a real browser (Debian's chromium driven by playwright-core): a failing planted-bug run's
// report shows its key elements, logs no errors, requests nothing from the network, and responds to hover
// and zoom; a screenshot is kept in test-artifacts/. For a synthetic 100,000-operation run it prints the
// report's size and load time (printed, not asserted: timing belongs in benchmarks).
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeRunReport } from "../../../bin/report/index.js";
import { junitXml } from "../../../reports/junit/index.js";
import {
  plantedBugRunDir,
  staleReadRunDir,
  syntheticRunDir,
  zkConsistencyRunDir,
} from "../run-fixtures.js";

const CHROMIUM = process.env.ZABSIM_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(process.cwd(), "test-artifacts");
// CI sets ZABSIM_REQUIRE_CHROMIUM so that a missing browser fails the run instead of skipping the test.
if (!hasChromium && process.env.ZABSIM_REQUIRE_CHROMIUM === "1")
  throw new Error(
    `no chromium at ${CHROMIUM}, and ZABSIM_REQUIRE_CHROMIUM=1 (apt-get install chromium)`,
  );
if (!hasChromium)
  console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);

interface Opened {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  readonly loadMs: number;
}

async function open(browser: Browser, file: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("request", (request) => requests.push(request.url()));
  const started = Date.now();
  await page.goto(`file://${file}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  return { page, errors, requests, loadMs: Date.now() - started };
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

describe.skipIf(!hasChromium)("the HTML report in headless Chromium", () => {
  it("shows a failing planted-bug run's key elements, with no errors and no network", async () => {
    const { file } = writeRunReport(await plantedBugRunDir());
    const { page, errors, requests } = await open(browser, file);
    for (const selector of [
      "#summary h1",
      "#violations",
      "#timeline-canvas",
      "#messages-svg",
      "#roles-svg",
      "#throughput-svg",
      "#latency-svg",
    ])
      await expect(page.locator(selector).isVisible(), selector).resolves.toBe(true);
    await expect(page.locator("#summary h1").textContent()).resolves.toMatch(
      /crash-loop · seed 1\s+FAIL/,
    );
    const box = await page.locator("#timeline-canvas").boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(500);
    expect(box?.height ?? 0).toBeGreaterThan(40);
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    expect(statSync(join(ARTIFACTS, "report.png")).size).toBeGreaterThan(10_000);
  });

  it("shows operation details on hover and zooms with the wheel", async () => {
    const { file } = writeRunReport(await plantedBugRunDir());
    const { page, errors } = await open(browser, file);
    const canvas = page.locator("#timeline-canvas");
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (box === null) throw new Error("no timeline canvas");
    let tip = "";
    for (let x = box.x + 90; x < box.x + box.width && tip === ""; x += 4) {
      await page.mouse.move(x, box.y + 22 + 7);
      if (await page.locator("#timeline-tip").isVisible())
        tip = (await page.locator("#timeline-tip").textContent()) ?? "";
    }
    expect(tip).toMatch(/^c1: write \d+ \((ok|fail|info)\)/);
    const before = await page.locator("#timeline-range").textContent();
    await page.mouse.wheel(0, -300);
    await expect.poll(() => page.locator("#timeline-range").textContent()).not.toBe(before);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)(
  "the report's charts and counterexamples in headless Chromium",
  () => {
    it("keeps every time-axis label inside its chart, the end labels too", async () => {
      const { file } = writeRunReport(await plantedBugRunDir());
      const { page } = await open(browser, file);
      const outside = await page.evaluate(`[...document.querySelectorAll(".time-axis .tick-label")]
      .map((t) => ({ box: t.getBBox(), width: t.ownerSVGElement.viewBox.baseVal.width, text: t.textContent }))
      .filter(({ box, width }) => box.x < 0 || box.x + box.width > width)
      .map(({ text }) => text)`);
      expect(outside).toEqual([]);
    });

    it("shows a ZooKeeper-consistency counterexample recorded through the CLI", async () => {
      const { file } = writeRunReport(await zkConsistencyRunDir());
      const { page, errors } = await open(browser, file);
      const section = page.locator("#zk-counterexample");
      await expect(section.isVisible()).resolves.toBe(true);
      await expect(section.locator(".stuck-op").textContent()).resolves.toMatch(
        /The operation that cannot be placed: c\d setData \/k\d/,
      );
      await expect(section.locator(".zk-differences li").first().textContent()).resolves.toMatch(
        /stat\.version: returned \d+, the replay says \d+/,
      );
      const failing = section.locator("tr.zk-failing");
      await expect(failing.count()).resolves.toBe(1);
      await expect(failing.isVisible()).resolves.toBe(true);
      await expect(section.locator("table.zk-steps tbody tr").count()).resolves.toBeGreaterThan(3);
      await expect(page.locator("#messages-svg .focus-row").count()).resolves.toBe(1);
      await section.screenshot({ path: join(ARTIFACTS, "zk-counterexample.png") });
      expect(errors).toEqual([]);
    });

    it("shows a linearizability counterexample", async () => {
      const { file } = writeRunReport(staleReadRunDir());
      const { page, errors } = await open(browser, file);
      await expect(page.locator("#counterexample .lin-stuck").first().isVisible()).resolves.toBe(
        true,
      );
      await page
        .locator("#counterexample")
        .screenshot({ path: join(ARTIFACTS, "counterexample.png") });
      expect(errors).toEqual([]);
    });
  },
);

describe.skipIf(!hasChromium)("reports at scale, and JUnit XML, in headless Chromium", () => {
  it("parses the JUnit XML as well-formed", async () => {
    const page = await browser.newPage();
    const xml = junitXml([
      {
        scenario: "s",
        seed: 1,
        verdict: "fail",
        violations: [{ check: "c", message: '<&"\u0001>' }],
        trace_hash: "0",
        wall_ms: 1,
        repro: "r",
      },
    ]);
    // Page code is given as text: the tests compile without the DOM's types.
    const errors = await page.evaluate(
      `new DOMParser().parseFromString(${JSON.stringify(xml)}, "application/xml").getElementsByTagName("parsererror").length`,
    );
    expect(errors).toBe(0);
  });

  it("prints the size and load time of a 100,000-operation report", async () => {
    const dir = syntheticRunDir(100_000);
    const started = Date.now();
    const { file, bytes } = writeRunReport(dir);
    const renderMs = Date.now() - started;
    const { page, errors, loadMs } = await open(browser, file);
    const zoomMs = (await page.evaluate(`(() => {
      const t0 = performance.now();
      document.getElementById("zoom-in").click();
      document.getElementById("zoom-out").click();
      return performance.now() - t0;
    })()`)) as number;
    console.log(
      `large report: 100,000 operations, ${(bytes / 1024 / 1024).toFixed(1)} MiB, rendered in ${renderMs} ms, loaded in Chromium in ${loadMs} ms, two redraws in ${zoomMs.toFixed(0)} ms`,
    );
    await page.screenshot({ path: join(ARTIFACTS, "report-large.png") });
    expect(errors).toEqual([]);
  }, 180_000);
});
