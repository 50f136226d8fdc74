// After the answer: ratings (不满意 reopens for a second answer), closing when nobody rated in time,
// adoption (采纳), leaders' 批示, and turning an adopted case into a task.
import { RATING_LABELS, RATINGS, type Rating } from '../engine/vocabulary.ts';
import { insertInstruction, insertRating } from './action.repository.ts';
import { caseToTask } from './case.task.ts';
import { text, type StepEffect } from './step.ts';

/** The round's overall rating: the least satisfied one given. */
function worst(ratings: readonly string[]): Rating | null {
  let index = -1;
  for (const r of ratings) index = Math.max(index, RATINGS.indexOf(r as Rating));
  return index < 0 ? null : RATINGS[index]!;
}

export const rate: StepEffect = async ({ trx, ctx, c, around, input, to, from, now }) => {
  const rating = input.rating as Rating;
  await insertRating(trx, {
    case_id: c.id,
    round: c.round,
    rater_id: ctx.actor!.userId,
    rater_name: ctx.actor!.displayName,
    rating,
    comment: text(input.comment),
    rated_at: now,
  });
  const round = [...around.ratings.filter((r) => r.round === c.round).map((r) => r.rating), rating];
  const patch =
    to === 'closed'
      ? { closed_at: now, satisfaction: worst(round) }
      : to === 'reopened' && from !== to
        ? { round: c.round + 1, satisfaction: worst(round) }
        : {};
  return { patch, comment: text(input.comment), payload: { rating: RATING_LABELS[rating], round: c.round } };
};

export const close: StepEffect = async ({ around, c, input, now }) => ({
  patch: {
    closed_at: now,
    satisfaction: worst(around.ratings.filter((r) => r.round === c.round).map((r) => r.rating)),
  },
  comment: text(input.comment),
});

export const adopt: StepEffect = async ({ input, now }) => ({
  patch: { adopted: 1, adoption_note: text(input.note), adopted_at: now },
  comment: text(input.note),
});

export const recordInstruction: StepEffect = async ({ trx, ctx, c, input, now }) => {
  await insertInstruction(trx, {
    case_id: c.id,
    leader: input.leader as string,
    level: input.level as string,
    given_on: input.givenOn as string,
    text: input.text as string,
    recorded_by: ctx.actor!.userId,
    recorded_at: now,
  });
  return {
    payload: { leader: input.leader, level: input.level, givenOn: input.givenOn },
    comment: input.text as string,
  };
};

export const turnIntoTask: StepEffect = async (a) => {
  const taskId = await caseToTask(a);
  return { patch: { task_id: taskId }, payload: { taskId } };
};
