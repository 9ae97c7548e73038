// The only pages the app opens in the system browser. Every other link — whatever a page,
// a pasted note or a head-office answer might carry — goes nowhere. The list is shown to the owner in settings,
// so what leaves the app is never a surprise; adding a site means adding it here, in a release.
export const EXTERNAL_LINKS: readonly string[] = ['https://carddesk.invalid/help/'];

/** True only for an https address under one of EXTERNAL_LINKS (same host, path inside, no user or password). */
export function isAllowedExternal(url: string, allowed: readonly string[] = EXTERNAL_LINKS): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') return false;
  return allowed.some((a) => {
    const base = new URL(a);
    return u.origin === base.origin && u.pathname.startsWith(base.pathname);
  });
}
