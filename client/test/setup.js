import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

// jsdom has no CSS.escape, which user-event needs to move between radio buttons with arrow keys.
if (typeof globalThis.CSS?.escape !== 'function') {
  globalThis.CSS = { ...(globalThis.CSS ?? {}), escape: (v) => String(v).replace(/[^\w-]/g, (c) => `\\${c}`) };
}
