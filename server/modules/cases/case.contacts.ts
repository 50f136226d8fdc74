// A contact (modules/contacts) a case names — an enterprise's person on a 政企沟通 appeal — may not be
// deleted or anonymised while that case is open: the department handling it and the enterprise rating
// the answer still need the person. One holder per type, so the refusal reads "政企沟通：《…》（办理中）".
// Drafts count (the draft still names the person and may be submitted); a closed, declined, kept or merged
// case no longer needs its contact (docs/decisions/case-contact-holder.md).
import { registerContactHolder } from '../contacts/index.ts';
import { findOpenCasesWithContact } from './case.repository.ts';
import {
  CASE_STATES,
  CASE_TYPE_LABELS,
  CASE_TYPES,
  stateLabel,
  type CaseState,
} from './engine/vocabulary.ts';

const NO_LONGER_NEEDS: readonly CaseState[] = ['closed', 'declined', 'reference', 'merged'];
const OPEN_STATES = CASE_STATES.filter((s) => !NO_LONGER_NEEDS.includes(s));

export function registerCaseContactHolders(): void {
  for (const type of CASE_TYPES) {
    registerContactHolder({
      label: CASE_TYPE_LABELS[type],
      find: async (trx, contactId) =>
        (await findOpenCasesWithContact(trx, type, contactId, OPEN_STATES)).map(
          (c) => `《${c.title}》（${stateLabel(type, c.state as CaseState)}）`,
        ),
    });
  }
}
