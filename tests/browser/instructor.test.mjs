// An instructor's view: the token, the item browser with statistics, editing
// with the bank's validation and a student's-eye preview, retiring, item
// analysis and calibration tables; with axe-core scans of every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { binary, expectNoAxeViolations, launchBrowser, newPage, open, startServer } from "./support.mjs";

let server, baseUrl, browser, token;

// Ten students' drills on the same five hematology items (flags need ten
// responses), so there are statistics to show.
function answerDrills(db) {
  for (let student = 0; student < 10; student++) {
    const answers = [0, 1, 2, 3, 4].map((i) => "ABC"[(student + i * (student % 2 + 1)) % 3]).join("\n") + "\n";
    const drill = spawnSync(binary, ["drill", "--discipline", "hematology", "--count", "5", "--seed", "4", "--db", db,
                                     "--student", `student${student}`], { input: answers, encoding: "utf8" });
    assert.equal(drill.status, 0, drill.stderr);
  }
  const issued = spawnSync(binary, ["instructor", "token", "--db", db], { encoding: "utf8" });
  assert.equal(issued.status, 0, issued.stderr);
  token = issued.stdout.trim();
}

before(async () => {
  browser = await launchBrowser();
  ({ child: server, url: baseUrl } = await startServer({ prepare: answerDrills }));
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
});

async function logIn(page, value) {
  await page.fill("#token", value);
  await page.press("#token", "Enter");
}

// A wide page on the instructor desk, the item list loaded.
async function openDesk() {
  const page = await newPage(browser, 1280);
  await open(page, `${baseUrl}/instructor.html`);
  await logIn(page, token);
  await page.locator("#items-table tbody tr").first().waitFor();
  return page;
}

test("a wrong token is refused; the right one opens the item browser with statistics and filters", async () => {
  const page = await newPage(browser, 1280);
  await open(page, `${baseUrl}/instructor.html`);
  await expectNoAxeViolations(page, "instructor-token");
  await logIn(page, "0".repeat(64));
  await page.locator("#login-error:has-text('not accepted')").waitFor();

  await logIn(page, token);
  await page.locator("#items-table tbody tr").first().waitFor();
  const total = await page.locator("#items-table tbody tr").count();
  assert.ok(total > 500, `${total} items listed`);
  await expectNoAxeViolations(page, "instructor-items");

  await page.selectOption("#filter-discipline", "hematology");
  await page.selectOption("#filter-flags", "flagged");
  const flagged = await page.locator("#items-table tbody tr").count();
  assert.ok(flagged >= 1 && flagged <= 5, `${flagged} flagged hematology items`);
  assert.equal(await page.locator("#items-table tbody tr.flagged").count(), flagged);
  await page.selectOption("#filter-flags", "");
  await page.fill("#filter-text", "HEM-0901");
  assert.equal(await page.locator("#items-table tbody tr").count(), 1);
});

test("an instructor edits an item, sees the bank's checks and a preview, saves a new version and retires it", async () => {
  const page = await openDesk();
  await page.fill("#filter-text", "HEM-0901");
  await page.locator("#items-table tbody button:has-text('HEM-0901')").click();
  await page.locator("#editor-view").waitFor({ state: "visible" });
  assert.match(await page.locator("#editor-status").innerText(), /Version 1/);

  const explanation = await page.inputValue("#f-explanation");
  await page.fill("#f-explanation", "");
  await page.fill("#f-explanation", " ");
  await page.locator("#save").click();
  await page.locator("#item-problems li").first().waitFor();
  assert.match(await page.locator("#item-problems").innerText(), /explanation/);

  await page.fill("#f-explanation", explanation);
  await page.fill("#f-stem", "<b>Not markup</b>: which condition best explains these results?");
  await page.locator("#preview-button").click();
  assert.equal(await page.locator("#preview-stem").innerText(), "<b>Not markup</b>: which condition best explains these results?");
  assert.equal(await page.locator("#preview-options .option").count(), 4);
  await expectNoAxeViolations(page, "instructor-editor");

  await page.locator("#save").click();
  await page.locator("#editor-status:has-text('Saved as version 2')").waitFor();
  await page.locator("#retire").click();
  await page.locator("#editor-status:has-text('retired')").waitFor();
  await page.locator("#back").click();
  await page.selectOption("#filter-status", "retired");
  await page.fill("#filter-text", "HEM-0901");
  assert.equal(await page.locator("#items-table tbody tr").count(), 1);
});

test("an instructor writes a new item checked like a bank file", async () => {
  const page = await openDesk();
  await page.locator("#new-item").click();
  await page.fill("#f-id", "HEM-7001");
  await page.selectOption("#f-discipline", "hematology");
  await page.fill("#f-topics", "leukocytes, counting");
  await page.fill("#f-stem", "A manual differential of 100 cells counts 20 nucleated red cells. What is done next?");
  for (const [index, text] of ["Correct the WBC count for nucleated red cells", "Report the WBC count as measured",
                               "Repeat the differential on 200 cells", "Request a new specimen"].entries()) {
    await page.fill(`#f-option-${index}`, text);
  }
  await page.check("input[name=f-answer][value=A]");
  await page.fill("#f-explanation", "Nucleated red cells are counted as white cells by many counters, so the count is corrected.");
  await page.fill("#f-references", "Rodak's Hematology, 6th ed., chapter on manual cell counts");
  await page.locator("#save").click();
  await page.locator("#editor-status:has-text('Saved as version 1')").waitFor();
  assert.match(await page.locator("#editor-status").innerText(), /bank instructor/);
});

test("item analysis and calibration tables highlight flags", async () => {
  const page = await openDesk();
  await page.locator("nav button[data-section=analysis-view]").click();
  await page.locator("#analysis-table tbody tr").first().waitFor();
  assert.match(await page.locator("#analysis-summary").innerText(), /50 final answers in 10 sessions/);
  assert.ok(await page.locator("#analysis-table tbody tr.flagged").count() >= 1);
  await expectNoAxeViolations(page, "instructor-analysis");

  await page.locator("nav button[data-section=calibration-view]").click();
  await page.fill("#min-responses", "1");
  await page.locator("#calibration-form button[type=submit]").click();
  await page.locator("#calibration-summary:has-text('joint maximum likelihood')").waitFor();
  await expectNoAxeViolations(page, "instructor-calibration");
});

// Presses Tab until `reached()` holds in the page, at most `limit` times.
async function tabTo(page, description, reached, argument, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(reached, argument)) return;
  }
  assert.fail(`Tab never reached ${description}`);
}

const focusedId = (id) => document.activeElement?.id === id;
const focusedText = (text) => document.activeElement?.textContent === text;

test("the instructor pages work by keyboard alone: token, filter, open, edit, save, analysis", async () => {
  const page = await newPage(browser, 1280);
  await open(page, `${baseUrl}/instructor.html`);
  await tabTo(page, "the token field", focusedId, "token");
  await page.keyboard.type(token);
  await page.keyboard.press("Enter");
  await page.locator("#items-table tbody tr").first().waitFor();

  await tabTo(page, "the text filter", focusedId, "filter-text");
  await page.keyboard.type("HEM-0903");
  await tabTo(page, "the item's button", focusedText, "HEM-0903");
  await page.keyboard.press("Enter");
  await page.locator("#editor-view").waitFor({ state: "visible" });

  await tabTo(page, "the stem", focusedId, "f-stem");
  await page.keyboard.press("End");
  await page.keyboard.type(" (Checked by keyboard.)");
  await tabTo(page, "the save button", focusedId, "save");
  await page.keyboard.press("Enter");
  await page.locator("#editor-status:has-text('Saved as version 2')").waitFor();

  await tabTo(page, "the item analysis button", () => document.activeElement?.dataset?.section === "analysis-view");
  await page.keyboard.press("Enter");
  await page.locator("#analysis-view").waitFor({ state: "visible" });
  await expectNoAxeViolations(page, "instructor-analysis-keyboard");
});
