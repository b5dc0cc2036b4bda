// Shared by the end-to-end run: processes, readiness, the browser, screenshots.
import { spawn } from 'node:child_process';
import { mkdirSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CLIENT_DIR = path.resolve(E2E_DIR, '..');
export const REPO_DIR = path.resolve(CLIENT_DIR, '..');
export const SCREENSHOT_DIR = path.join(E2E_DIR, 'screenshots');
export const RUN_DIR = path.join(E2E_DIR, '.run');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a process in its own process group, its output in e2e/.run/<name>.log. */
export function startProcess(name, command, args, { env = {}, cwd = CLIENT_DIR } = {}) {
  mkdirSync(RUN_DIR, { recursive: true });
  const logFile = path.join(RUN_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.logFile = logFile;
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

/** Stops a process started by startProcess (its whole group): TERM, then KILL after `graceMs`. */
export async function stopProcess(child, graceMs = 10000) {
  if (child?.stop) return child.stop();
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await child.exited;
  }
}

/** Waits until `url` answers `ok(status)`; fails early if `child` exits. */
export async function waitForHttp(url, { timeoutMs = 120000, ok = (s) => s < 500, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${url}: the process serving it exited (${child.exitCode ?? child.signalCode}); see ${child.logFile}`);
    }
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await sleep(500);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/**
 * Headless Debian Chromium driven by playwright-core. Playwright gives the browser a fresh
 * temporary profile (--user-data-dir) and removes it on close; each user gets its own context.
 */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return {
    /** A fresh, isolated session (own cookies), desktop or phone sized. */
    newSession: ({ phone = false } = {}) => browser.newContext(sessionOptions(phone)),
    close: () => browser.close(),
  };
}

function sessionOptions(phone) {
  return phone
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 800 } };
}

/** Full-page screenshot under e2e/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
