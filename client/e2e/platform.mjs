// Starts the local platform (local/, the same program as `./run`) for the end-to-end run: its
// Java entry point on free ports, data in memory, orders expiring after E2E_EXPIRY_SECONDS.
// The platform's front door serves the client at `/` (it starts client/.next/standalone/server.js).
// If this platform build does not serve the client yet, the run starts the client itself and puts
// a small proxy in front (`/api/...` to the platform's front door, the rest to the client), and
// says so in its log.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
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

async function servesClient(front) {
  try {
    const res = await fetch(`${front}/`, { signal: AbortSignal.timeout(30000) });
    return res.ok && (res.headers.get('content-type') || '').includes('text/html');
  } catch {
    return false;
  }
}

/** `/api/...` to `apiOrigin`, everything else to `clientOrigin`. */
function startFrontProxy(port, apiOrigin, clientOrigin) {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    const target = new URL(req.url, pathname === '/api' || pathname.startsWith('/api/') ? apiOrigin : clientOrigin);
    const up = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', () => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream not reachable');
    });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

export async function startLocalPlatform({ expirySeconds, startClient, started }) {
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
  return withClient(front, { platform, startClient, started });
}

/**
 * Waits for a running platform's front door (`front`), and returns the URL that serves the whole
 * system: the front door itself when it serves the client, else a proxy in front of it and a
 * client started here.
 */
export async function withClient(front, { platform = null, startClient, started }) {
  const timeoutMs = Number(process.env.E2E_PLATFORM_TIMEOUT_SECONDS || 600) * 1000;
  await waitForHttp(`${front}/api/users/currentuser`, { child: platform, timeoutMs, ok: (s) => s === 200 });
  await waitForFunctions(front, platform, timeoutMs);
  if (await servesClient(front)) return front;

  console.log('[e2e] the platform\'s front door does not serve the client at / yet: starting the client and a proxy in front of both');
  const client = await startClient(front);
  await waitForHttp(`${client.origin}/`, { child: client.process, timeoutMs: 60000 });
  const proxyPort = await freePort();
  const proxy = await startFrontProxy(proxyPort, front, client.origin);
  started.push({
    pid: null,
    logFile: '(in-process proxy)',
    exitCode: null,
    signalCode: null,
    stop: () => new Promise((r) => {
      proxy.closeAllConnections();
      proxy.close(() => r());
    }),
  });
  return `http://127.0.0.1:${proxyPort}`;
}
