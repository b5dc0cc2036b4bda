'use client';
import { useEffect } from 'react';

/** How often an active visitor's session is renewed: well inside the API's 15-minute token lifetime. */
export const RENEW_EVERY_MS = 4 * 60 * 1000;

/**
 * Keeps a signed-in visitor's session going while they use the site. Session tokens last 15 minutes
 * (docs/security.md); the API renews one when the browser itself asks `GET /api/users/currentuser`
 * (the pages ask it on the server, where a renewed cookie would not reach the browser). So this asks
 * once per page shown and then every few minutes, but only if the visitor clicked or typed since:
 * an idle visitor's session still ends.
 */
export default function SessionRenewal({ signedIn }) {
  useEffect(() => {
    if (!signedIn) return undefined;
    const renew = () => fetch('/api/users/currentuser', { credentials: 'same-origin' }).catch(() => {});
    let active = false;
    const markActive = () => {
      active = true;
    };
    renew();
    const timer = setInterval(() => {
      if (active) {
        active = false;
        renew();
      }
    }, RENEW_EVERY_MS);
    window.addEventListener('pointerdown', markActive);
    window.addEventListener('keydown', markActive);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', markActive);
      window.removeEventListener('keydown', markActive);
    };
  }, [signedIn]);
  return null;
}
