// How soon a page folio wrote is interactive in headless Chromium: the
// median, over RUNS loads from file://, of the navigation's
// domContentLoadedEventEnd (the page's one script runs at the end of the
// body, before that event: search, cells and verdict controls work from
// then on). Prints "median_ms,mean_ms,stddev_ms".
//   node benches/html-interactive.mjs FILE [RUNS]
import { createRequire } from "node:module";
const require = createRequire(new URL("../tests/browser/", import.meta.url));
const { chromium } = require("playwright-core");

const [file, runsText] = process.argv.slice(2);
const runs = Number(runsText || 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const times = [];
for (let n = 0; n < runs + 1; n += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("file://" + file, { waitUntil: "domcontentloaded" });
  const t = await page.evaluate(() => performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd);
  if (n > 0) { times.push(t); } // the first load warms the browser up
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const sd = Math.sqrt(times.reduce((a, b) => a + (b - mean) ** 2, 0) / times.length);
console.log(`${median.toFixed(2)},${mean.toFixed(2)},${sd.toFixed(2)}`);
