// Starts the local platform (local/, the same program as `./run`) for the end-to-end run: its
// Java entry point on free ports, data in memory, orders expiring after E2E_EXPIRY_SECONDS.
// The suite then drives the platform's own front door, as a user of `./run` does: `/api/...` to
// the functions, every other path to the web client (client/.next/standalone/server.js, which the
// platform starts when it is built and node is on the PATH). A front door that does not serve the
// client fails the run: there is no stand-in proxy.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_DIR, freePort, sleep, startProcess, waitForHttp } from './lib.mjs';

function localJar() {
  const target = path.join(REPO_DIR, 'local', 'target');
  const jar = existsSync(target)
    ? readdirSync(target).find((f) => /^local-.*\.jar$/.test(f) && !f.endsWith('-plain.jar') && !f.endsWith('.original'))
    : undefined;
  if (!jar) {
    throw new Error(`no local/target/local-*.jar: build the platform first (./mvnw -B package -DskipTests)`);
  }
  return path.join(target, jar);
}

/** A JDK 25 java: $JAVA_HOME's when set, else a Temurin 25 under /usr/lib/jvm, else `java`. */
function javaCommand() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(path.join(process.env.JAVA_HOME, 'bin', 'java'));
  if (existsSync('/usr/lib/jvm')) {
    for (const d of readdirSync('/usr/lib/jvm').sort()) {
      if (/(temurin-25|-25-|jdk-25)/.test(d)) candidates.push(path.join('/usr/lib/jvm', d, 'bin', 'java'));
    }
  }
  return candidates.find((c) => existsSync(c)) ?? 'java';
}

/** Waits until every HTTP function answers through the front door (503 means not running yet). */
async function waitForFunctions(front, child, timeoutMs) {
  const probes = [
    ['GET', '/api/users/currentuser'],
    ['GET', '/api/tickets'],
    ['POST', '/api/tickets'],
    ['PUT', '/api/tickets/000000000000000000000000'],
    ['GET', '/api/orders'],
    ['POST', '/api/orders'],
    ['DELETE', '/api/orders/000000000000000000000000'],
    ['POST', '/api/payments'],
    ['POST', '/api/users/signup'],
  ];
  const deadline = Date.now() + timeoutMs;
  for (const [method, route] of probes) {
    for (;;) {
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        throw new Error(`the local platform exited (${child.exitCode ?? child.signalCode}); see ${child.logFile}`);
      }
      let status = 0;
      try {
        const res = await fetch(`${front}${route}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
          signal: AbortSignal.timeout(10000),
        });
        status = res.status;
      } catch {
        status = 0;
      }
      if (status !== 0 && status < 500) break;
      if (Date.now() > deadline) {
        throw new Error(`${method} ${route} still not served (${status}) after ${timeoutMs} ms${child ? `; see ${child.logFile}` : ''}`);
      }
      await sleep(1000);
    }
  }
}

/**
 * Waits until the front door serves the web client: `/healthz` is the client's probe (503 while the
 * platform still starts it), `/` one of its pages. Throws when the platform does not serve it.
 */
async function awaitClient(front, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`the local platform exited (${child.exitCode ?? child.signalCode}); see ${child.logFile}`);
    }
    try {
      const res = await fetch(`${front}/healthz`, { signal: AbortSignal.timeout(10000) });
      const body = await res.text();
      if (res.status === 200 && body.includes('"UP"')) break;
      last = `HTTP ${res.status} ${body.slice(0, 200)}`;
      if (res.status !== 503) break;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    if (Date.now() > deadline) break;
    await sleep(500);
  }
  const home = await fetch(`${front}/`, { signal: AbortSignal.timeout(60000) }).catch((e) => e);
  const html = home instanceof Response && home.ok && (home.headers.get('content-type') || '').includes('text/html');
  if (!html) {
    const seen = home instanceof Response ? `GET / answered ${home.status} ${home.headers.get('content-type')}` : `GET / failed: ${home.message}`;
    throw new Error(`the front door at ${front} does not serve the web client (GET /healthz: ${last}; ${seen}).`
      + ' The platform starts client/.next/standalone/server.js when it is built and node is on the PATH;'
      + ` its "client:" line says why not${child ? ` (see ${child.logFile})` : ''}`);
  }
}

export async function startLocalPlatform({ expirySeconds, started }) {
  const jar = localJar();
  const port = await freePort();
  const front = `http://127.0.0.1:${port}`;
  const data = mkdtempSync(path.join(tmpdir(), 'ticketing-e2e-data-'));
  const java = javaCommand();
  console.log(`[e2e] starting the local platform: ${java} -jar ${path.relative(REPO_DIR, jar)} --port ${port}`);
  const platform = startProcess(
    'local-platform',
    java,
    // --no-aot: a fresh build would first train an AOT cache per function, which costs more than it saves once.
    ['-jar', jar, '--port', String(port), '--base-port', '0', '--in-memory', '--data', data, '--root', REPO_DIR, '--no-aot'],
    { cwd: REPO_DIR, env: { ORDER_EXPIRATION_WINDOW: `${expirySeconds}s` } },
  );
  platform.exited.then(() => rmSync(data, { recursive: true, force: true }));
  started.push(platform);
  await awaitSystem(front, { platform });
  return front;
}

/**
 * Waits until a platform's front door (`front`) serves every HTTP function under /api and the web
 * client at every other path.
 */
export async function awaitSystem(front, { platform = null } = {}) {
  const timeoutMs = Number(process.env.E2E_PLATFORM_TIMEOUT_SECONDS || 600) * 1000;
  await waitForHttp(`${front}/api/users/currentuser`, { child: platform, timeoutMs, ok: (s) => s === 200 });
  await waitForFunctions(front, platform, timeoutMs);
  await awaitClient(front, platform, 60000);
}
