'use client';
import { useEffect, useState } from 'react';

/**
 * False during server rendering and until React has hydrated the page. Buttons are disabled until
 * then, so a click never lands on a control whose handler is not attached yet.
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
