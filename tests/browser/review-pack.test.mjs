// folio's HTML page and review pack in a real headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core): opened from file://, no
// request leaves the page, the Content-Security-Policy holds, user text is
// escaped, hostile Markdown runs nothing, Arabic reads right to left,
// search and coverage cells work, a reviewer judges two claims (the next
// unjudged a click away, the coverage counting as they go), changes a
// verdict, reloads, downloads the verdicts, and `folio merge` takes them
// back; in the next pack they change a verdict given before.
// axe-core finds no serious or critical violation on either page.
//
//   FOLIO_BIN=target/debug/folio node tests/browser/review-pack.test.mjs
// SCREENSHOTS=DIR also saves the pictures the README shows.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = new URL(".", import.meta.url).pathname;
const repo = resolve(here, "../..");
const bin = resolve(repo, process.env.FOLIO_BIN || "target/debug/folio");
const dir = mkdtempSync(join(tmpdir(), "folio-browser-"));
const env = { ...process.env, FOLIO_DB: join(dir, "portfolio.db"), FOLIO_TODAY: "2026-03-15", NO_COLOR: "1" };
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function folio(...args) {
  return execFileSync(bin, args, { env, cwd: dir, encoding: "utf8" });
}
function add(...args) {
  return folio("add", ...args, "--quiet").trim();
}

// A mentee's portfolio: claims on EMCC, a picture, a hostile title, a private entry.
folio("framework", "import", join(repo, "examples/frameworks/emcc-mentoring.toml"), "--quiet");
folio("profile", "set", "--name", "Ada Mentee", "--headline", "Practice supervisor", "--quiet");
copyFileSync(join(repo, "tests/fixtures/badges/badge-2.0.png"), join(dir, "certificate.png"));
add("reflection", "Rapport with a new mentee", "--date", "2026-02-10", "--body", "We agreed a contract in the first session.",
  "--claim", "emcc/relationship/foundation/1", "--claim", "emcc/contract/foundation/1", "--attach", "certificate.png");
add("course", "Coaching skills day", "--date", "2026-01-20", "--hours", "6", "--claim", "emcc/insight/foundation");
add("achievement", "<script>window.__folioXss = 1</script> & <b>bold</b>", "--date", "2026-01-05",
  "--claim", "emcc/outcome/foundation");
add("reflection", "Private worries about my mentor", "--private", "--claim", "emcc/self");
folio("goal", "add", "Run a supervision group", "--due", "2026-06", "--competency", "emcc/contract", "--quiet");
folio("action", "add", "Draft ground rules", "--goal", "1", "--due", "2026-03-01", "--quiet");
add("reflection", "Hostile markdown", "--date", "2026-01-02", "--body",
  "[click me](javascript:window.__folioMd=1) <img src=x onerror=\"window.__folioMd=2\"> **bold words** and " +
  "https://example.org/" + "a".repeat(180));
add("reflection", "تأملات", "--date", "2026-01-03", "--body", "تعلمت الكثير من الفريق (في العمل). 学习 한국어 🎉");
for (let n = 0; n < 20; n += 1) {
  add("reflection", `Supervision note ${n}`, "--date", `2025-${String(1 + (n % 12)).padStart(2, "0")}-01`,
    "--body", n === 7 ? "Handover with the night sister" : "Routine supervision", "--claim", "emcc/models");
}

const launch = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
};
const browser = await chromium.launch(launch);
const shots = process.env.SCREENSHOTS;

/** Opens a page the way a reviewer would, recording every request and CSP violation. */
async function open(context, file) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
  });
  await page.goto("file://" + file);
  return { page, requests, errors };
}

async function checkSafe({ page, requests, errors }, file) {
  const foreign = requests.filter((u) => u !== "file://" + file && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "no request leaves the page");
  const resources = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
  assert.ok(resources.every((u) => u.startsWith("data:")), `only data: resources: ${resources}`);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "the CSP allows the inline style and script");
  assert.deepEqual(errors, [], "no script error");
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector("h1")).color);
  assert.notEqual(styled, "rgb(0, 0, 0)", "the inline style applies");
}

async function checkAxe(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [], `axe on ${what}`);
  return result.violations.length;
}

// --- folio export html: escaping, privacy, search, coverage cells, axe.
{
  const file = join(dir, "portfolio.html");
  folio("export", "html", "--out", file, "--quiet");
  const html = readFileSync(file, "utf8");
  assert.ok(!html.includes("Private worries"), "private entries stay out");
  assert.ok(html.includes("&lt;script&gt;window.__folioXss"), "the title is escaped");
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const opened = await open(context, file);
  const { page } = opened;
  await checkSafe(opened, file);
  assert.equal(await page.evaluate(() => window.__folioXss), undefined, "the title's script never ran");
  const title = await page.locator("article.entry h4", { hasText: "window.__folioXss" }).textContent();
  assert.equal(title, "<script>window.__folioXss = 1</script> & <b>bold</b>", "shown as typed");

  // Markdown is set, and nothing in it runs.
  const hostile = page.locator("article.entry", { hasText: "Hostile markdown" });
  assert.equal(await hostile.locator(".body strong").textContent(), "bold words");
  assert.equal(await hostile.locator("img").count(), 0, "raw HTML stays text");
  assert.equal(await page.locator("a[href^='javascript' i]").count(), 0, "no javascript: link");
  await hostile.locator(".body p", { hasText: "click me" }).click();
  assert.equal(await page.evaluate(() => window.__folioMd), undefined, "nothing ran");
  const overflow = await hostile.evaluate((e) => e.scrollWidth <= e.clientWidth + 1);
  assert.ok(overflow, "a long address wraps inside its entry");
  const arabic = page.locator("article.entry", { hasText: "تعلمت" }).locator(".body p");
  assert.equal(await arabic.evaluate((p) => getComputedStyle(p).direction), "rtl", "dir=auto reads Arabic right to left");
  // Chinese, Korean and emoji in fonts the page carries, not the reader's.
  const carried = await page.evaluate(async () => {
    await document.fonts.ready;
    const faces = [];
    document.fonts.forEach((f) => faces.push(f.family.replace(/"/g, "") + ":" + f.status));
    await Promise.all([...document.fonts].map((f) => f.load().catch(() => null)));
    const loaded = [];
    document.fonts.forEach((f) => loaded.push(f.family.replace(/"/g, "") + ":" + f.status));
    return { faces, loaded };
  });
  for (const family of ["folio CJK", "folio Hangul", "folio symbols"]) {
    assert.ok(carried.loaded.includes(family + ":loaded"), `${family} is carried and loads: ${JSON.stringify(carried)}`);
  }

  assert.equal(await page.locator("#shown").textContent(), "25 entries");
  assert.match(await page.locator("#objectives").textContent(), /Run a supervision group[\s\S]*overdue by 14 days/);
  await page.fill("#search", "night sister");
  assert.equal(await page.locator("article.entry:visible").count(), 1, "search filters as you type");
  assert.equal(await page.locator("#shown").textContent(), "1 of 25 entries shown");
  assert.equal(await page.locator("section.kind:visible").count(), 1, "empty kinds hide");
  await page.fill("#search", "");
  assert.equal(await page.locator("article.entry:visible").count(), 25);

  const cell = page.locator("#cov-emcc ~ .matrix-wrap td.cell button", { hasText: "20" }).first();
  await cell.click();
  assert.equal(await cell.getAttribute("aria-expanded"), "true");
  const panel = page.locator("#panel-emcc");
  assert.ok(await panel.isVisible(), "the cell opens its panel");
  assert.equal(await panel.locator("li").count(), 20, "every entry behind the cell is listed");
  assert.match(await panel.locator("li a").first().textContent(), /Supervision note/);
  await checkAxe(page, "the portfolio page");
  if (shots) {
    await page.locator("#coverage").scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector("#coverage").scrollIntoView());
    await page.screenshot({ path: join(shots, "html-coverage.png") });
  }
  await context.close();
}

// --- folio share --html: judge, reload, download, merge.
{
  const file = join(dir, "pack.html");
  folio("share", "--html", "--for", "Dr Okubo", "--out", file, "--quiet");
  const html = readFileSync(file, "utf8");
  assert.ok(!html.includes("Private worries"), "private entries never go in a pack");
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const opened = await open(context, file);
  const { page } = opened;
  await checkSafe(opened, file);
  const share = await page.evaluate(() => document.body.dataset.share);
  assert.equal(await page.inputValue("input[name=reviewer]"), "Dr Okubo");
  const total = await page.locator("[data-claim], [data-entry]").count();
  assert.equal(total, 26, "a control on every claim awaiting a verdict");
  assert.equal(await page.locator("#judged").textContent(), `0 of ${total} judged`);

  const rapport = page.locator("article.entry", { hasText: "Rapport with a new mentee" });
  const first = rapport.locator("[data-claim]").nth(0);
  const second = rapport.locator("[data-claim]").nth(1);
  const firstRef = await rapport.locator("ul.claims > li code").nth(0).textContent();
  // The gaps are folded; the work comes first.
  assert.equal(await page.locator("details.gaps[open]").count(), 0, "the gaps list is folded");
  // "Next unjudged" takes the reviewer to the first item waiting.
  await page.click("button[data-action=next]");
  const focused = await page.evaluate(() => document.activeElement.closest(".judge").dataset);
  assert.ok(focused.claim || focused.entry, "focus is on a verdict button");
  const cell = page.locator(`td[data-cell="${firstRef.split("/").slice(0, 3).join("/")}"] .now`);
  await first.locator("[data-verdict=accepted]").click();
  assert.equal(await cell.textContent(), " +1✓ now", "the matrix counts the verdict as it is given");
  await first.locator("[data-verdict=not-accepted]").click();
  assert.equal(await cell.textContent(), "", "a changed verdict counts as changed");
  await first.locator("[data-verdict=accepted]").click();
  await second.locator("[data-verdict=needs-more]").click();
  await second.locator("textarea[data-comment]").fill("Say what the contract covered");
  await page.fill("textarea[name=feedback]", "A thoughtful start; keep the reflections coming.");
  assert.equal(await page.locator("#judged").textContent(), `2 of ${total} judged`);

  await page.reload();
  assert.equal(await first.locator("[data-verdict=accepted]").getAttribute("aria-pressed"), "true", "kept on reload");
  assert.equal(await second.locator("[data-verdict=needs-more]").getAttribute("aria-pressed"), "true");
  assert.equal(await second.locator("textarea[data-comment]").inputValue(), "Say what the contract covered");
  assert.equal(await page.inputValue("textarea[name=feedback]"), "A thoughtful start; keep the reflections coming.");
  assert.equal(await page.locator("#judged").textContent(), `2 of ${total} judged`);

  await page.check("#only-asks");
  assert.equal(await page.locator("article.entry:visible").count(), 25, "every public entry awaits a verdict");
  await page.uncheck("#only-asks");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("button[data-action=download-verdicts]"),
  ]);
  assert.equal(download.suggestedFilename(), `verdicts-${share}.json`);
  const verdictsFile = join(dir, download.suggestedFilename());
  await download.saveAs(verdictsFile);
  const verdicts = JSON.parse(readFileSync(verdictsFile, "utf8"));
  assert.equal(verdicts.share_id, share);
  assert.equal(verdicts.reviewer, "Dr Okubo");
  assert.equal(verdicts.verdicts.length, 2);
  assert.match(verdicts.pack_sha256, /^[0-9a-f]{64}$/);
  assert.match(await page.locator("#download-said").textContent(), /2 verdicts/);
  await checkAxe(page, "the review pack");
  if (shots) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, "html-review-pack.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, "html-review-pack-phone.png") });
  }
  await context.close();

  const before = JSON.parse(folio("coverage", "emcc", "--json"));
  const cellOf = (coverage) => {
    const [, code, level] = firstRef.split("/");
    const row = coverage[0].competencies.find((c) => c.code === code);
    return row.levels[coverage[0].levels.indexOf(level)];
  };
  assert.equal(cellOf(before).accepted, 0);
  // What the page wrote is what `folio sign` needs: the reviewer signs it with her key.
  for (const v of verdicts.verdicts) {
    assert.match(v.of_entry, /^[0-9a-f-]{36}$/);
    assert.match(v.evidence, /^[0-9a-f]{64}$/);
    assert.ok(v.title, "the entry's title");
  }
  const reviewer = { ...env, FOLIO_KEY_FILE: join(dir, "okubo-key.json") };
  const made = spawnSync(bin, ["key", "new", "--name", "Dr Okubo"], { env: reviewer, cwd: dir, encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  const signed = spawnSync(bin, ["sign", verdictsFile], { env: reviewer, cwd: dir, encoding: "utf8" });
  assert.equal(signed.status, 0, signed.stderr);
  assert.match(signed.stderr, /signed 2 verdicts and the feedback as Dr Okubo/);
  const merged = spawnSync(bin, ["merge", verdictsFile], { env, cwd: dir, encoding: "utf8" });
  assert.equal(merged.status, 0, merged.stderr);
  assert.match(merged.stderr, /took 2 verdicts, 1 feedback entry from Dr Okubo/);
  assert.match(merged.stderr, /verified all 2 signatures/);
  assert.match(merged.stderr, /verified the signature of 1 feedback entry/);
  assert.equal(cellOf(JSON.parse(folio("coverage", "emcc", "--json"))).accepted, 1, "coverage counts the accepted claim");
  const again = spawnSync(bin, ["merge", verdictsFile], { env, cwd: dir, encoding: "utf8" });
  assert.match(again.stderr, /nothing new from Dr Okubo/, "merging again adds nothing");

  // The next pack shows the verdicts given, and one may be changed.
  {
    const next = join(dir, "pack2.html");
    folio("share", "--html", "--for", "Dr Okubo", "--out", next, "--quiet");
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const opened = await open(context, next);
    const { page } = opened;
    await checkSafe(opened, next);
    const rapport = page.locator("article.entry", { hasText: "Rapport with a new mentee" });
    const judged = rapport.locator(".judge.judged").first();
    assert.equal(await judged.getAttribute("data-previous"), "accepted");
    assert.equal(await judged.locator("[data-verdict=accepted]").getAttribute("aria-pressed"), "true", "shown as given");
    assert.match(await page.locator("#judged").textContent(), /^0 of 24 judged$/);
    await judged.locator("[data-verdict=not-accepted]").click();
    await judged.locator("textarea[data-comment]").fill("On reflection, the contract is not described");
    assert.match(await page.locator("#judged").textContent(), /0 of 24 judged, 1 changed/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("button[data-action=download-verdicts]"),
    ]);
    const changedFile = join(dir, "changed-" + download.suggestedFilename());
    await download.saveAs(changedFile);
    const changed = JSON.parse(readFileSync(changedFile, "utf8"));
    assert.equal(changed.verdicts.length, 1, "only the changed verdict");
    assert.equal(changed.verdicts[0].verdict, "not-accepted");
    await context.close();
    const took = spawnSync(bin, ["merge", changedFile], { env, cwd: dir, encoding: "utf8" });
    assert.equal(took.status, 0, took.stderr);
    assert.match(took.stderr, /took 1 verdict/);
    assert.equal(cellOf(JSON.parse(folio("coverage", "emcc", "--json"))).accepted, 0, "the changed verdict decides");
  }

  // An edited file: one clear line, nothing changed.
  const edited = { ...verdicts, verdicts: [{ ...verdicts.verdicts[0], claim: "00000000-0000-4000-8000-000000000000" }] };
  const editedFile = join(dir, "edited.json");
  writeFileSync(editedFile, JSON.stringify(edited));
  const dbBefore = readFileSync(env.FOLIO_DB);
  const refused = spawnSync(bin, ["merge", editedFile], { env, cwd: dir, encoding: "utf8" });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /^error: cannot merge .*did not ask about/m);
  assert.ok(readFileSync(env.FOLIO_DB).equals(dbBefore), "the portfolio is unchanged");
}

await browser.close();
rmSync(dir, { recursive: true, force: true });
console.log("ok: export html and the review pack in Chromium (file://, CSP, escaping, Markdown, dir, search, coverage, next unjudged, live matrix, judge, change, reload, download, merge, axe)");
