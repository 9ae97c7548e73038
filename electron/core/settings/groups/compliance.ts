// The compliance thresholds (spec §5), stored together under `compliance`. The phone threshold stays at or under
// the identity threshold (the `maxKey` bound); the blocking ones only go down from the shipped default (`stricter`).
import type { GroupDef } from './types';

export const complianceGroup: GroupDef<'compliance'> = {
  read: (s) => s.get('compliance'),
  defaults: (s) => s.shipped('compliance'),
  write: (s, next) => s.set('compliance', next),
};
