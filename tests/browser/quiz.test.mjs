// A student's view of the quiz: the real server binary, Debian's Chromium
// driven by Playwright, keyboard only, with axe-core scans of every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { expectNoAxeViolations, launchBrowser, newPage as pageIn, open as openAt, startServer } from "./support.mjs";

let server, baseUrl, browser;

before(async () => {
  browser = await launchBrowser();
  ({ child: server, url: baseUrl } = await startServer());
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
});

const newPage = (width) => pageIn(browser, width);
const open = (page, url = baseUrl) => openAt(page, url);

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
