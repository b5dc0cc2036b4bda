import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `next build` produces .next/standalone/server.js: run it with `node server.js` and PORT.
  output: 'standalone',
  // The client is one folder of a larger repository: trace files from here, not the git root.
  outputFileTracingRoot: here,
  turbopack: { root: here },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
