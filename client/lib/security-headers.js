// The security headers of every page (client/proxy.js sets them). The Content-Security-Policy allows
// scripts only with this response's nonce (Next.js puts it on its own scripts, read from the request's
// CSP header) and what they load ('strict-dynamic': Stripe.js, added by a nonce'd script); no framing
// ('frame-ancestors none': the pay page cannot be put under someone else's clickjacking overlay).
// Stripe Elements, when STRIPE_PUBLISHABLE_KEY is set, needs its frames, API and images.

/** A fresh nonce: 128 random bits, base64. */
export function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce, { dev = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and Stripe Elements set style attributes; styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://*.stripe.com",
    "font-src 'self'",
    "connect-src 'self' https://api.stripe.com",
    'frame-src https://js.stripe.com https://hooks.stripe.com',
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every header a page response carries, for a nonce. */
export function securityHeaders(nonce, options) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce, options),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(self "https://js.stripe.com")',
  };
}
