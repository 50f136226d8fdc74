// The four case types, as data (issue 9 §1): the engine reads one of these and nothing else.
import type { CaseTypeConfig } from '../engine.ts';
import type { CaseType } from '../vocabulary.ts';
import { APPEAL } from './appeal.ts';
import { GRASSROOTS } from './grassroots.ts';
import { OVERSIGHT } from './oversight.ts';
import { PROPOSAL } from './proposal.ts';

export const CASE_CONFIGS: Record<CaseType, CaseTypeConfig> = {
  proposal: PROPOSAL,
  oversight: OVERSIGHT,
  appeal: APPEAL,
  grassroots: GRASSROOTS,
};
