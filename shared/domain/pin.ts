// A PIN an onlooker or a guesser tries first (spec §6, issue 15): one digit six times (111111) or six digits each
// one more, or each one less, than the one before (123456, 234567, 654321, 987654). No wrap-around: 890123 is not
// a run. Shared by the backend, which refuses such a PIN wherever one is set, and the screens that say so early.

/** Whether a six-digit PIN is one of the weak ones. Anything that is not six digits is the schema's business. */
export function isWeakPin(pin: string): boolean {
  if (!/^\d{6}$/.test(pin)) return false;
  const d = pin.split('').map(Number);
  const steps = d.slice(1).map((x, i) => x - (d[i] ?? 0));
  return [0, 1, -1].some((step) => steps.every((s) => s === step));
}
