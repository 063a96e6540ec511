// Lighthouse over a list of pages in one headless Debian Chromium (CHROME_PATH), mobile
// and/or desktop, one page at a time. Used by bench/run.py and tests/test_gates.py.
//
//   node bench/lighthouse.mjs --form mobile,desktop --categories performance,seo --runs 3,1 URL...
//
// Prints one JSON array to stdout: [{url, form, scores: {category: 0..100}, cls,
// failed: ["category: audit-id (display value)", ...], runs: [performance score, ...]}].
// --runs gives the runs per page for each form factor in --form's order (one number: the
// same for all). A page's first run in the first form factor scores every category; the
// other runs score performance alone (accessibility, best practices and SEO read the
// page's markup, which neither the run nor the form factor changes, and take 1.5 s a
// run). The performance score is the median of the runs, cls the largest; runs whose
// scores could no longer move the median are skipped (of 3, the third when the first two
// agree), since 5 to 6 s each make most of make bench's time. Launching
// Chromium once for all runs saves about five seconds a page. LH_TIMING=1 prints where
// each run spent its time.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  return args.splice(at, 2)[1];
};
const forms = option("--form", "mobile").split(",");
const categories = option("--categories", "performance,accessibility,best-practices,seo").split(",");
const runsOption = option("--runs", "1").split(",").map(Number);
const runsFor = (form) => runsOption[Math.min(forms.indexOf(form), runsOption.length - 1)];
const urls = args;
// The median of `planned` runs from the scores so far, the runs left scoring below all
// of them (`low`) or above: undefined while it depends on them. Once both agree, the
// runs left cannot move it (of 3 runs, the first two scoring alike), and are skipped.
const medianOf = (scores, planned, low) => {
  const sorted = [...scores].sort((a, b) => a - b);
  return sorted[Math.floor(planned / 2) - (low ? planned - scores.length : 0)];
};
const settled = (scores, planned) => {
  const low = medianOf(scores, planned, true);
  return low !== undefined && low === medianOf(scores, planned, false);
};

// Before every run Lighthouse times this machine for a second (its BenchmarkIndex), for
// the report's environment section and a slow-host warning only: no score reads it
// (core/runner.js). The machine is the same for every run here, so the first run's
// figure stands for the rest.
let benchmarkIndexKept = false;
const reuseBenchmarkIndex = (index) => {
  if (benchmarkIndexKept || !(index > 0)) return;
  pageFunctions.computeBenchmarkIndex = new Function(`return ${index};`);
  benchmarkIndexKept = true;
};

// A run that scores no performance reads the loaded page: its markup, console and
// requests. It waits for the load event and for the network and the main thread to be
// quiet, but not Lighthouse's default second after each of those, which only the
// performance metrics need: 2.6 s a page to navigate here, against 1.1 s.
const QUICK_LOAD = { pauseAfterFcpMs: 0, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250 };

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const results = [];
try {
  for (const url of urls) {
    for (const form of forms) {
      let result = null;
      const performance = [];
      const cls = [];
      for (let run = 0; run < runsFor(form) && !settled(performance, runsFor(form)); run++) {
        // No full-page screenshot (1.5 s a run, feeds no score). Runs for performance
        // alone skip the back/forward cache probe, which no performance audit reads.
        const every = run === 0 && form === forms[0];
        const flags = { port: chrome.port, output: "json", logLevel: "error", disableFullPageScreenshot: true,
                        onlyCategories: every ? categories : ["performance"],
                        skipAudits: every ? undefined : ["bf-cache"],
                        ...(every && !categories.includes("performance") ? QUICK_LOAD : {}) };
        const runner = await lighthouse(url, flags, form === "desktop" ? desktopConfig : undefined);
        const lhr = runner.lhr;
        if (process.env.LH_TIMING) console.error(url, form, Math.round(lhr.timing.total), "ms", JSON.stringify(lhr.timing.entries.filter(e => e.duration > (Number(process.env.LH_TIMING) || 300)).map(e => [e.name, Math.round(e.duration)])));
        if (lhr.runtimeError) throw new Error(`${url} (${form}): ${lhr.runtimeError.message}`);
        reuseBenchmarkIndex(lhr.environment.benchmarkIndex);
        cls.push(lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0);
        if (lhr.categories.performance) performance.push(Math.round(lhr.categories.performance.score * 100));
        if (result) continue;
        const scores = {};
        const failed = [];
        for (const [id, category] of Object.entries(lhr.categories)) {
          scores[id] = Math.round(category.score * 100);
          for (const ref of category.auditRefs) {
            const audit = lhr.audits[ref.id];
            if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
              failed.push(`${id}: ${ref.id}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
            }
          }
        }
        result = { url, form, scores, failed };
      }
      if (performance.length) result.scores.performance = medianOf(performance, runsFor(form), true);
      results.push({ ...result, cls: Math.max(...cls), runs: performance });
    }
  }
} finally {
  chrome.kill();
}
// Exit once the results are written: Lighthouse leaves something pending that kept node
// alive for 4.5 s after Chromium was gone.
process.stdout.write(JSON.stringify(results, null, 1) + "\n", () => process.exit(0));
