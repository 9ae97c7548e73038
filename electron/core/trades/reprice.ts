// F4 after the first offer (settings.md: nothing decided moves). Every line not yet agreed is priced again; a
// group keeps the offer already made to the customer as a floor and its rounds so far; agreed groups never move.
// Pure planning: what each line's group becomes and what each group is written as. The trade service writes it.
import type { PricingView } from '../../../shared/contract';

/** The part of a stored group the plan reads. */
export interface OldGroup {
  key: string;
  currentBp: number;
  rounds: number;
  maxRounds: number;
  lastAskBp: number | null;
  final: boolean;
  agreedBp: number | null;
  explanation: string;
}

export interface PlanLine {
  id: string;
  valueFen: number;
  /** null: never priced. */
  key: string | null;
}

/**
 * A line priced again; `keep` when it cannot be (no fresh quote any more): its group stays as offered; `none` for a
 * line never priced that cannot be priced now: it waits, in no group.
 */
export type Repriced = PricingView | 'keep' | 'none';

export interface GroupWrite {
  key: string;
  p: PricingView;
  currentBp: number;
  rounds: number;
  lastAskBp: number | null;
  final: boolean;
  /** insert: a new group; update: the group of this key, priced again; rename: the group `from` takes this key. */
  how: { kind: 'insert' } | { kind: 'update'; unchanged: boolean } | { kind: 'rename'; from: string };
  /** Old groups whose rounds this group carries on (copied under its key). */
  copyRoundsFrom: string[];
  /** A shop round is written: a new group's opening, or a changed offer. */
  offerChanged: boolean;
}

export interface Plan {
  /** Each priced line's group key after the offer (lines of agreed groups are not listed). */
  keyOf: Map<string, string>;
  /** Lines that join an agreed group take its rate. */
  joinAgreed: Map<string, number>;
  groups: GroupWrite[];
  /** Old groups left without a line: removed with their rounds. */
  drop: string[];
}

export function planOffer<L extends PlanLine>(
  lines: readonly L[],
  old: ReadonlyMap<string, OldGroup>,
  price: (l: L, from: OldGroup | undefined) => Repriced,
): Plan {
  const target = new Map<string, { key: string; p: PricingView | null }>();
  for (const l of lines) {
    const g = l.key === null ? undefined : old.get(l.key);
    if (g && g.agreedBp !== null) continue;
    const p = price(l, g);
    if (p === 'none') continue;
    target.set(l.id, p === 'keep' ? { key: g?.key ?? '', p: null } : { key: p.groupKey, p });
  }
  // A line never lands in a group that offers it less than it was offered: it then stays where it was. A group
  // kept as offered (a line of it could not be priced again) takes nobody new on those terms either.
  const floorOf = (l: PlanLine) => (l.key === null ? 0 : (old.get(l.key)?.currentBp ?? 0));
  const kept = () => new Set([...target.values()].filter((x) => x.p === null).map((x) => x.key));
  for (let changed = true; changed;) {
    changed = false;
    const keptNow = kept();
    for (const l of lines) {
      const t = target.get(l.id);
      if (!t || t.p === null || l.key === null || t.key === l.key) continue;
      const there = old.get(t.key);
      const fixed = there && (there.agreedBp !== null || keptNow.has(t.key));
      const offered = there ? (there.agreedBp ?? there.currentBp) : 0;
      if (fixed && offered < floorOf(l)) {
        target.set(l.id, { key: l.key, p: null });
        changed = true;
      }
    }
  }
  const keptKeys = kept();
  const keyOf = new Map<string, string>();
  const joinAgreed = new Map<string, number>();
  const members = new Map<string, { p: PricingView; lines: L[] }>();
  for (const l of lines) {
    const t = target.get(l.id);
    if (!t) continue;
    keyOf.set(l.id, t.key);
    const there = old.get(t.key);
    if (there?.agreedBp != null) {
      joinAgreed.set(l.id, there.agreedBp);
      continue;
    }
    if (t.p === null || keptKeys.has(t.key)) continue;
    const m = members.get(t.key) ?? { p: t.p, lines: [] };
    m.lines.push(l);
    members.set(t.key, m);
  }
  // Where each old group's lines go, and which keys still carry a line.
  const destinations = new Map<string, Set<string>>();
  for (const l of lines) {
    const k = keyOf.get(l.id);
    if (l.key === null || k === undefined) continue;
    destinations.set(l.key, (destinations.get(l.key) ?? new Set()).add(k));
  }
  const landed = new Set(keyOf.values());
  const renamed = new Set<string>();
  const groups: GroupWrite[] = [];
  for (const [key, m] of members) {
    const here = old.get(key);
    const sources = [
      ...new Set([
        ...(here ? [key] : []),
        ...m.lines.flatMap((l) => (l.key !== null && old.has(l.key) ? [l.key] : [])),
      ]),
    ]
      .map((k) => old.get(k))
      .filter((g): g is OldGroup => g !== undefined);
    const lead = sources.reduce<OldGroup | undefined>((a, g) => (!a || g.rounds > a.rounds ? g : a), undefined);
    const floor = Math.max(0, ...sources.map((g) => g.currentBp));
    const currentBp = Math.max(m.p.openingBp, floor);
    const rounds = lead?.rounds ?? 0;
    // A final offer at the ceiling stays final while the new ceiling is no higher; the round limit is the new one.
    const finalAtCeiling = sources.some((g) => g.final && g.rounds < g.maxRounds) && currentBp >= m.p.ceilingBp;
    const write = {
      key,
      p: m.p,
      currentBp,
      rounds,
      lastAskBp: lead?.lastAskBp ?? null,
      final: rounds >= m.p.maxRounds || finalAtCeiling,
    };
    if (here) {
      const unchanged =
        here.explanation === JSON.stringify(m.p.explanation) &&
        here.maxRounds === m.p.maxRounds &&
        here.currentBp === write.currentBp &&
        here.rounds === write.rounds &&
        here.lastAskBp === write.lastAskBp &&
        here.final === write.final;
      groups.push({
        ...write,
        how: { kind: 'update', unchanged },
        copyRoundsFrom: sources.filter((g) => g.key !== key).map((g) => g.key),
        offerChanged: here.currentBp !== currentBp,
      });
      continue;
    }
    const only = sources.length === 1 ? sources[0] : undefined;
    const from = only?.key;
    if (from !== undefined && !landed.has(from) && destinations.get(from)?.size === 1 && !renamed.has(from)) {
      renamed.add(from);
      groups.push({ ...write, how: { kind: 'rename', from }, copyRoundsFrom: [], offerChanged: true });
      continue;
    }
    groups.push({
      ...write,
      how: { kind: 'insert' },
      copyRoundsFrom: sources.map((g) => g.key),
      offerChanged: true,
    });
  }
  const drop = [...old.values()]
    .filter((g) => g.agreedBp === null && !landed.has(g.key) && !renamed.has(g.key))
    .map((g) => g.key);
  return { keyOf, joinAgreed, groups, drop };
}
