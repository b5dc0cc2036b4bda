// Runs the end-to-end suite in headless Debian Chromium:
//   1. builds the client if needed and starts the system:
//      - E2E_BASE_URL=http://host:port  use a system that is already running (nothing started);
//      - E2E_PLATFORM_URL=http://...    a local platform that is already running (its front door
//                                       must serve the client, as `./run` does once it is built);
//      - E2E_PLATFORM=mock              DEVELOPMENT ONLY: the client behind e2e/dev/mock-platform.mjs;
//      - otherwise                      the local platform (local/), whose front door serves the
//                                       client: the suite drives that front door, as a user of ./run;
//   2. runs e2e/tests/*.test.mjs with node's test runner, screenshots in e2e/screenshots/;
//   3. stops what it started.
// Without /usr/bin/chromium the run is skipped with a message, except under CI (CI=true), where
// that is a failure.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CHROMIUM,
  CLIENT_DIR,
  E2E_DIR,
  RUN_DIR,
  SCREENSHOT_DIR,
  freePort,
  startProcess,
  stopProcess,
  waitForHttp,
} from './lib.mjs';
import { awaitSystem, startLocalPlatform } from './platform.mjs';

// Long enough to pay on a busy 2-core machine, short enough to watch an order expire.
const EXPIRY_SECONDS = Number(process.env.E2E_EXPIRY_SECONDS || 60);
const started = [];

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: CLIENT_DIR, ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The newest modification time of the client's sources. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const dir of ['app', 'components', 'lib']) walk(path.join(CLIENT_DIR, dir));
  for (const file of ['next.config.mjs', 'package-lock.json']) newest = Math.max(newest, statSync(path.join(CLIENT_DIR, file)).mtimeMs);
  return newest;
}

async function ensureBuilt() {
  const server = path.join(CLIENT_DIR, '.next', 'standalone', 'server.js');
  const assets = path.join(CLIENT_DIR, '.next', 'standalone', '.next', 'static');
  if (existsSync(server) && existsSync(assets) && statSync(server).mtimeMs >= newestSource()) return;
  console.log('[e2e] building the client (npm run build)');
  const code = await run('npm', ['run', 'build']);
  if (code !== 0) throw new Error('npm run build failed');
}

/** Starts the client's standalone server on a free port, its API calls going to `apiOrigin`. */
async function startClient(apiOrigin) {
  const port = await freePort();
  const client = startProcess('client', process.execPath, [path.join('.next', 'standalone', 'server.js')], {
    env: { PORT: String(port), HOSTNAME: '127.0.0.1', API_ORIGIN: apiOrigin, NEXT_TELEMETRY_DISABLED: '1' },
  });
  started.push(client);
  return { origin: `http://127.0.0.1:${port}`, process: client };
}

async function startMockSystem() {
  const frontPort = await freePort();
  const front = `http://127.0.0.1:${frontPort}`;
  const client = await startClient(front);
  const mock = startProcess('mock-platform', process.execPath, [path.join(E2E_DIR, 'dev', 'mock-platform.mjs')], {
    env: { PORT: String(frontPort), CLIENT_ORIGIN: client.origin, ORDER_EXPIRATION_SECONDS: String(EXPIRY_SECONDS) },
  });
  started.push(mock);
  await waitForHttp(`${client.origin}/`, { child: client.process, timeoutMs: 60000 });
  await waitForHttp(`${front}/api/tickets`, { child: mock, ok: (s) => s === 200 });
  return front;
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    const message = `[e2e] ${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`;
    if (process.env.CI === 'true') {
      console.error(`${message}. Failing: CI must run the end-to-end tests.`);
      return 1;
    }
    console.warn(`${message}. SKIPPING the end-to-end tests (they are required under CI=true).`);
    return 0;
  }
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  rmSync(RUN_DIR, { recursive: true, force: true }); // logs of this run only

  let base = process.env.E2E_BASE_URL;
  if (!base) {
    await ensureBuilt();
    if (process.env.E2E_PLATFORM_URL) {
      console.log(`[e2e] using the platform already running at ${process.env.E2E_PLATFORM_URL}`);
      base = process.env.E2E_PLATFORM_URL.replace(/\/+$/, '');
      await awaitSystem(base);
    } else if (process.env.E2E_PLATFORM === 'mock') {
      console.log('[e2e] DEVELOPMENT run against the mock platform');
      base = await startMockSystem();
    } else {
      base = await startLocalPlatform({ expirySeconds: EXPIRY_SECONDS, started });
    }
  }
  console.log(`[e2e] system ready at ${base}`);

  const tests = readdirSync(path.join(E2E_DIR, 'tests'))
    .filter((f) => f.endsWith('.test.mjs'))
    .map((f) => path.join(E2E_DIR, 'tests', f));
  const code = await run(process.execPath, ['--test', '--test-concurrency=1', ...tests], {
    env: { ...process.env, E2E_BASE_URL: base, E2E_EXPIRY_SECONDS: String(EXPIRY_SECONDS) },
  });
  console.log(`[e2e] screenshots in ${path.relative(process.cwd(), SCREENSHOT_DIR) || SCREENSHOT_DIR}`);
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (e) {
  console.error(`[e2e] ${e.message}`);
  for (const p of started) console.error(`[e2e] log of a started process: ${p.logFile}`);
} finally {
  for (const p of started.reverse()) await stopProcess(p);
}
process.exit(exitCode);
