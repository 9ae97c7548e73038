// Spec §2: NFKC (full-width digits from a Chinese IME become ASCII), no spaces or dashes, upper case.
export function normalise(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―]/g, '')
    .toUpperCase();
}
