// One Content-Security-Policy for the renderer, whichever transport serves it.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
/** Sent as a header (HTTP host, Electron's session): frame-ancestors works only there. */
export const CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
/** Written into index.html's meta tag, which also covers pages loaded from file:// in Electron. */
export const CSP_META = DIRECTIVES.join('; ');
