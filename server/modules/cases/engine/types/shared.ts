// Transitions several case types share word for word. A type still lists every transition it has; these
// are pieces it spreads into that list, so the table test in engine.test.ts reads each type as before.
import { leadAnswerBody, partAnswerBody } from '../bodies.ts';
import type { Relation } from '../vocabulary.ts';
import type { Transition } from '../engine.ts';

/**
 * The handling units answer a forwarded (or reopened) case once per round: the lead unit's answer moves it
 * to answered, a cooperating unit's part is recorded on it.
 */
export function unitAnswers(lead: readonly Relation[] = ['lead_unit']): Transition[] {
  return [
    {
      action: 'answer',
      from: ['forwarded', 'reopened'],
      to: 'answered',
      who: lead,
      body: leadAnswerBody,
      guards: ['not_answered_this_round'],
    },
    {
      action: 'answer',
      from: ['forwarded', 'reopened'],
      to: 'same',
      who: ['cooperating_unit'],
      body: partAnswerBody,
      guards: ['not_answered_this_round'],
    },
  ];
}
