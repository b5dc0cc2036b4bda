// Installs the npm dependencies exactly as package-lock.json pins them (`npm ci`), unless
// node_modules already holds that install (npm records it in node_modules/.package-lock.json).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
const upToDate =
  existsSync(installed) &&
  statSync(installed).mtimeMs >= statSync(lock).mtimeMs &&
  statSync(installed).mtimeMs >= statSync(path.join(root, 'package.json')).mtimeMs;

if (upToDate && process.env.CI !== 'true') {
  console.log('npm dependencies are installed and match package-lock.json');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
