// What the browser tests share: the service they drive, the browser, a watch on the
// console, the API as the admin key, and axe-core's accessibility check.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const BASE = process.env.FLAREKIT_URL ?? 'http://localhost:8080';
export const KEY = process.env.FLAREKIT_ADMIN_KEY;
export const RUN = Date.now().toString(36);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The admin's API, as the admin key; fails on any refusal. */
export async function api(method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Debian's Chromium, headless, and a page of 1280×800 whose console errors and page errors
 * are collected in `errors`, except those matching `expected` (a pattern the current step
 * expects, such as the browser's own report of a refused request).
 */
export async function launch() {
  assert.ok(KEY, 'FLAREKIT_ADMIN_KEY must name an admin key');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const watch = { errors: [], expected: null };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (watch.expected && watch.expected.test(message.text())) return;
    watch.errors.push(`${message.text()} ${message.location().url}`);
  });
  page.on('response', (r) => r.status() >= 400 && console.log('HTTP', r.status(), r.request().method(), r.url()));
  page.on('pageerror', (error) => watch.errors.push(`page error: ${error.message}`));
  return { browser, page, watch };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FAILING = ['serious', 'critical'];

/** One violation, readably: its impact, rule, help, link and each element it names. */
function describe(violation) {
  const nodes = violation.nodes.map((node) => `    at ${node.target.join(' ')}: ${node.failureSummary.replace(/\n\s*/g, ' ')}`);
  return [`  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`, ...nodes].join('\n');
}

/**
 * Runs axe-core (injected by evaluation, so no page script or policy is changed) over the
 * whole page once the pointer is moved off it and its finite animations are over, and fails on each violation of impact serious or critical,
 * listing them. Returns the names of the pages checked so far.
 */
export async function assertAccessible(page, name) {
  // the page at rest: no tooltip fading in or out under the pointer the last step left
  // on a control (a sort header), which axe would judge at a fraction of its opacity
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => !document.querySelector('.MuiTooltip-popper'), null, { timeout: 5000 });
  // colours are judged at rest, not halfway through a transition (a button being enabled)
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
    .map((animation) => animation.finished.catch(() => null))));
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const failing = results.violations.filter((violation) => FAILING.includes(violation.impact));
  const minor = results.violations.length - failing.length;
  if (failing.length) {
    assert.fail(`${name}: ${failing.length} serious or critical accessibility violation(s) found by axe-core:\n`
      + failing.map(describe).join('\n'));
  }
  console.log(`${name}: accessible (axe-core ${results.testEngine.version}: no serious or critical violation`
    + `${minor ? `; ${minor} minor or moderate: ${results.violations.map((v) => v.id).join(', ')}` : ''})`);
  checked.add(name);
  return checked;
}

const checked = new Set();
