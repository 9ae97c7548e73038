// Every group of owner settings the backend knows; a new group is one file here and one line below.
import type { SettingGroup } from '../../../../shared/domain/settings';
import { complianceGroup } from './compliance';
import { dayGroup } from './day';
import { pricingGroup } from './pricing';
import type { GroupDef } from './types';

export const GROUPS: { [G in SettingGroup]: GroupDef<G> } = {
  compliance: complianceGroup,
  day: dayGroup,
  pricing: pricingGroup,
};
