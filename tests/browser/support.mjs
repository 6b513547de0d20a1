// What the browser tests share: the real server binary on a free port over a
// fresh database, Debian's Chromium driven by Playwright, axe-core scans.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const binary = process.env.MLTPREP_BINARY;
const screenshots = process.env.MLTPREP_SCREENSHOTS;  // a folder to save page screenshots in, if set
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// A valid bank of synthetic items, large enough for a 210-item fixed form.
export function syntheticBank(folder) {
  const prefixes = { chemistry: "CHM", hematology: "HEM", coagulation: "COA", blood_bank: "BBK", transfusion: "TXS",
                     microbiology: "MIC", urinalysis: "URN", immunology: "IMM", lab_operations: "LAB" };
  const items = [];
  Object.entries(prefixes).forEach(([discipline, prefix]) => {
    for (let i = 0; i < 60; i++) {
      items.push({ id: `${prefix}-${5000 + i}`, discipline, topics: ["synthetic"], level: "recall", difficulty: "medium",
                   stem: `Synthetic ${discipline} item ${i}: not study content?`, options: ["one", "two", "three", "four"],
                   answer: "A", explanation: "A synthetic item for browser tests.", references: ["Synthetic"] });
    }
  });
  const path = join(folder, "synthetic.json");
  writeFileSync(path, JSON.stringify({ bank: "browser-fixture", version: "1", items }));
  return path;
}

// Starts `mltprep serve` on a free port over a new database; `prepare(db, folder)`
// runs first (imports, tokens). Resolves to { child, url, db }.
export function startServer({ withSyntheticBank = false, prepare } = {}) {
  const folder = mkdtempSync(join(tmpdir(), "mltprep-browser-"));
  const db = join(folder, "quiz.db");
  prepare?.(db, folder);
  if (withSyntheticBank) {
    const imported = spawnSync(binary, ["bank", "import", syntheticBank(folder), "--db", db], { encoding: "utf8" });
    assert.equal(imported.status, 0, imported.stderr);
  }
  const child = spawn(binary, ["serve", "--port", "0", "--db", db], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}`, db });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

export function launchBrowser() {
  assert.ok(binary, "MLTPREP_BINARY must name the mltprep program");
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

export async function newPage(browser, width = 1000) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
  return context.newPage();
}

export async function expectNoAxeViolations(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(summary, [], `axe-core violations on the ${name} page`);
  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, `${name}.png`) });
  }
}

export async function open(page, url) {
  await page.goto(url);
  await page.locator("body[data-ready=true]").waitFor({ state: "attached" });
}

