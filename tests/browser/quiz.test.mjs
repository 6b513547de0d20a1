// A student's view of the quiz: the real server binary, Debian's Chromium
// driven by Playwright, keyboard only, with axe-core scans of every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const binary = process.env.MLTPREP_BINARY;
const screenshots = process.env.MLTPREP_SCREENSHOTS;  // a folder to save page screenshots in, if set
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let server, baseUrl, browser;

// A valid bank of synthetic items, large enough for a 210-item fixed form.
function syntheticBank(folder) {
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

function startServer({ withSyntheticBank = false } = {}) {
  const folder = mkdtempSync(join(tmpdir(), "mltprep-browser-"));
  const db = join(folder, "quiz.db");
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
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

before(async () => {
  assert.ok(binary, "MLTPREP_BINARY must name the mltprep program");
  ({ child: server, url: baseUrl } = await startServer());
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
});

async function newPage(width = 1000) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
  return context.newPage();
}

async function expectNoAxeViolations(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }));
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(summary, [], `axe-core violations on the ${name} page`);
  if (screenshots) {
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, `${name}.png`) });
  }
}

async function open(page, url = baseUrl) {
  await page.goto(url);
  await page.locator("body[data-ready=true]").waitFor({ state: "attached" });
}

async function startByKeyboard(page, name, kindIndex, url = baseUrl) {
  await open(page, url);
  await page.keyboard.press("Tab");  // to the name field
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");  // to the kind radio group
  for (let i = 0; i < kindIndex; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.locator("#exam-view").waitFor({ state: "visible" });
}

test("a student completes an adaptive exam by keyboard alone and reads the results and review", async () => {
  const page = await newPage();
  await open(page);
  await expectNoAxeViolations(page, "start");
  await startByKeyboard(page, "kim", 0);
  await expectNoAxeViolations(page, "exam");
  for (let answered = 0; answered < 100; answered++) {
    await page.locator("#progress").filter({ hasText: `Item ${answered + 1} of 100` }).waitFor();
    await page.keyboard.press("b");
    await page.keyboard.press("Enter");
  }
  await page.locator("#result-view").waitFor({ state: "visible" });
  const summary = await page.locator("#summary").innerText();
  assert.match(summary, /Estimated scaled score \d+/);
  assert.match(summary, /probability of passing: \d+ %/);
  assert.match(await page.locator("#notice").innerText(), /Practice estimate/);
  assert.equal(await page.locator("#review-list > li").count(), 100);
  assert.equal(await page.locator("#chart svg rect").count() > 0, true);
  await expectNoAxeViolations(page, "results");
  await page.locator("#home").focus();
  await page.keyboard.press("Enter");
  await page.locator("#history table").waitFor();
  assert.match(await page.locator("#history").innerText(), /MLT\(ASCP\)-style adaptive practice exam/);
  await expectNoAxeViolations(page, "history");
  await page.close();
});

test("a fixed form lets the student flag an item, open the review list and go back to it", async () => {
  const { child, url } = await startServer({ withSyntheticBank: true });
  const page = await newPage();
  await startByKeyboard(page, "sam", 1, url);
  await page.locator("#progress").filter({ hasText: "Item 1 of 210" }).waitFor();
  await page.keyboard.press("a");
  await page.keyboard.press("Enter");
  await page.locator("#progress").filter({ hasText: "Item 2 of 210" }).waitFor();
  await page.click("#flag");
  await page.locator("#flag[aria-pressed=true]").waitFor();
  await page.click("#review");
  await page.locator("#form-review").waitFor({ state: "visible" });
  await expectNoAxeViolations(page, "fixed-form-review");
  await page.getByRole("button", { name: "Item 1, answered" }).click();
  await page.locator("#progress").filter({ hasText: "Item 1 of 210" }).waitFor();
  assert.equal(await page.locator("input[name=choice][value='0']").isChecked(), true);
  await page.close();
  child.kill("SIGTERM");
});

test("a reload in the middle of an exam resumes the same session at the same item", async () => {
  const page = await newPage();
  await startByKeyboard(page, "lee", 0);
  for (let answered = 0; answered < 3; answered++) {
    await page.locator("#progress").filter({ hasText: `Item ${answered + 1} of 100` }).waitFor();
    await page.keyboard.press("a");
    await page.keyboard.press("Enter");
  }
  await page.locator("#progress").filter({ hasText: "Item 4 of 100" }).waitFor();
  const stem = await page.locator("#stem").innerText();
  await page.reload();
  await page.locator("body[data-ready=true]").waitFor({ state: "attached" });
  await page.locator("#progress").filter({ hasText: "Item 4 of 100" }).waitFor();
  assert.equal(await page.locator("#stem").innerText(), stem);
  await page.close();
});

test("a drill shows the key and explanation after each answer, readable at phone width", async () => {
  const page = await newPage(360);
  await startByKeyboard(page, "ana", 2);
  await page.locator("#feedback").waitFor({ state: "attached" });
  await page.keyboard.press("c");
  await page.keyboard.press("Enter");
  await page.locator("#feedback .verdict").waitFor();
  assert.match(await page.locator("#feedback").innerText(), /Correct\.|Not quite: the answer is [A-D]\./);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 360), true, "no sideways scrolling at 360 px");
  await expectNoAxeViolations(page, "drill-feedback");
  await page.close();
});
