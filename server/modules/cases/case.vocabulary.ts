// The words of the cases with their Chinese labels, for the web app's selects, tabs and buttons.
import { CASE_CONFIGS } from './engine/types/index.ts';
import {
  ANSWER_CATEGORY_LABELS,
  APPEAL_CHANNEL_LABELS,
  APPEAL_KIND_LABELS,
  CASE_ACTION_LABELS,
  CASE_STATE_LABELS,
  CASE_TYPE_LABELS,
  GRASSROOTS_NEED_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  RATING_LABELS,
  RELATION_LABELS,
  type CaseState,
  type CaseType,
} from './engine/vocabulary.ts';

const pairs = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as Array<[K, string]>).map(([value, label]) => ({ value, label }));

export function caseVocabulary() {
  return {
    types: pairs(CASE_TYPE_LABELS),
    states: pairs(CASE_STATE_LABELS),
    actions: pairs(CASE_ACTION_LABELS),
    ratings: pairs(RATING_LABELS),
    relations: pairs(RELATION_LABELS),
    answerCategories: pairs(ANSWER_CATEGORY_LABELS),
    instructionLevels: pairs(INSTRUCTION_LEVEL_LABELS),
    appealKinds: pairs(APPEAL_KIND_LABELS),
    appealChannels: pairs(APPEAL_CHANNEL_LABELS),
    grassrootsNeeds: pairs(GRASSROOTS_NEED_LABELS),
    typeStates: (Object.keys(CASE_CONFIGS) as CaseType[]).map((type) => ({
      type,
      states: Object.keys(CASE_CONFIGS[type].states) as CaseState[],
    })),
  };
}
