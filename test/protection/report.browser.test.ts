/**
 * The HTML report in a real headless browser (Debian's Chromium through playwright-core): it
 * renders without console errors or network requests, has one table row per VM, and a screenshot
 * is written to temp/. Without Chromium the test is skipped visibly, except in CI, where it fails.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { renderProtectionReport } from "../../src/protection/htmlReport.js";
import { protectionStatusFromFacts } from "../../src/protection/statusCore.js";
import { validateProtectionPolicy } from "../../src/protection/validatePolicy.js";
import { restorePointNameOf } from "../../src/protection/naming.js";
import { ownCollection, point, vmFacts } from "./facts.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI !== undefined) {
  throw new Error(`${CHROMIUM} is missing in CI: install Debian's chromium (apt-get install -y chromium)`);
}
if (!available) console.warn(`SKIPPED: the HTML report browser test needs ${CHROMIUM}`);

const HOUR = 3_600_000;

function sampleStatus() {
  const policy = validateProtectionPolicy({
    name: "gold",
    selector: {},
    schedule: { everyHours: 4 },
    retention: { keepLast: 6, keepDaily: 7 },
    copy: { regions: ["northeurope"], every: "daily" },
    rpo: { hours: 8 },
  });
  const now = new Date("2026-11-25T10:00:00Z");
  const vms = Array.from({ length: 12 }, (_, i) => {
    const vm = `vm-${String(i).padStart(2, "0")}<&>`;
    const lastHours = i % 4 === 3 ? 30 : 2;
    const slots = Array.from({ length: 10 }, (_, k) => new Date(now.getTime() - (lastHours + 12 * k) * HOUR));
    return vmFacts(vm, [
      ownCollection(vm, "gold", "westeurope", (c) =>
        slots.map((s, k) =>
          point(c, restorePointNameOf("gold", s), s, i % 5 === 4 && k === 0 ? "Failed" : "Succeeded"),
        ),
      ),
      ownCollection(vm, "gold", "northeurope", (c) =>
        slots.filter((_, k) => k % 2 === 0).map((s) => point(c, restorePointNameOf("gold", s), s)),
      ),
    ]);
  });
  return protectionStatusFromFacts(policy, { now, vms });
}

describe.skipIf(!available)("the HTML report in headless Chromium", () => {
  it("renders with no console errors and no requests, one row per VM, and a screenshot", async () => {
    const status = sampleStatus();
    const html = renderProtectionReport(status);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const dir = join(process.cwd(), "temp");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "protection-report.html"), html);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      const requests: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("data:")) requests.push(r.url());
      });
      await page.setContent(html, { waitUntil: "load" });
      expect(await page.locator("#vms tbody tr").count()).toBe(status.vms.length);
      expect(await page.locator("#count-protected").textContent()).toBe(String(status.summary.protected));
      expect(await page.locator("#count-outOfRpo").textContent()).toBe(String(status.summary.outOfRpo));
      expect(await page.locator("#count-failing").textContent()).toBe(String(status.summary.failing));
      expect(await page.locator("#timeline .tl-row").count()).toBe(status.vms.length);
      const dots = status.vms.reduce((n, v) => n + v.timeline.length, 0);
      expect(await page.locator("#timeline circle").count()).toBe(dots);
      // The names were escaped, not interpreted.
      expect(await page.locator("#vms tbody tr").first().locator("td").first().textContent()).toContain(
        "vm-00<&>",
      );
      // The script works: filtering hides rows, sorting reorders them.
      await page.fill("#filter", "failing");
      expect(await page.locator("#vms tbody tr:not([hidden])").count()).toBe(status.summary.failing);
      await page.fill("#filter", "");
      await page.click("#vms th:nth-child(3)");
      await page.click("#vms th:nth-child(3)");
      const firstAge = await page.locator("#vms tbody tr").first().getAttribute("data-state");
      expect(firstAge).toBe("outOfRpo");
      await page.screenshot({ path: join(dir, "protection-report.png"), fullPage: true });
      expect(existsSync(join(dir, "protection-report.png"))).toBe(true);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
