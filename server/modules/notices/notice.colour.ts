// A notice's colour history (docs/decisions/notice-colour-history.md): the colour is worked out from the
// running deadline and today (notice.rules.ts); whenever it differs from the colour last settled on the
// row, the row takes the new colour, a history row records it with its reason, and the notice's timeline
// says so. Settled in the transaction of every step (issue, sign, respond …, withdraw) and once a day by
// the `notices.colours` job, when time alone turns a notice yellow or red.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { toTimestamp } from '../../core/clock.ts';
import { defineJob, defineSchedule } from '../../core/jobs/job.define.ts';
import type { Services } from '../../core/services.ts';
import type { Database, NoticeSettledColour } from '../../db/schema.ts';
import { colourDates } from './notice.dates.ts';
import type { ColourDates } from './notice.present.ts';
import { colourReason, noticeColour } from './notice.rules.ts';

type Trx = Transaction<Database>;

// Notices per transaction in the daily pass (a province's open notices never hold the writer long).
const BATCH_SIZE = 200;

const COLOUR_LABELS: Record<NoticeSettledColour, string> = {
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  none: '不计颜色',
};

/** Settles one notice's colour; true when it changed (history row and timeline event written). */
export async function settleNoticeColour(
  trx: Trx,
  s: Services,
  noticeId: number,
  dates: ColourDates,
): Promise<boolean> {
  const n = await trx
    .selectFrom('notices')
    .select(['id', 'status', 'active_due', 'colour'])
    .where('id', '=', noticeId)
    .executeTakeFirst();
  if (!n) return false;
  const colour = noticeColour(n.status, n.active_due, dates.today, dates.yellowThrough);
  if (colour === n.colour) return false;
  const at = toTimestamp(s.clock.now());
  const reason = colourReason(n.status, n.active_due, colour);
  // Not a change of the notice's content: the version (If-Match) stays, so nobody's open page goes stale.
  await trx.updateTable('notices').set({ colour }).where('id', '=', noticeId).execute();
  await trx.insertInto('notice_colour_history').values({ notice_id: noticeId, at, colour, reason }).execute();
  await trx
    .insertInto('notice_events')
    .values({
      notice_id: noticeId,
      at,
      actor_id: null,
      actor_name: null,
      kind: 'colour_changed',
      detail: JSON.stringify({
        from: n.colour,
        to: colour,
        fromLabel: n.colour ? COLOUR_LABELS[n.colour] : null,
        toLabel: COLOUR_LABELS[colour],
        colourReason: reason,
      }),
    })
    .execute();
  return true;
}

/** Every change of a notice's colour, oldest first, with its reason. */
export async function noticeColourHistory(s: Services, noticeId: number) {
  const rows = await s.db.kysely
    .selectFrom('notice_colour_history')
    .select(['at', 'colour', 'reason'])
    .where('notice_id', '=', noticeId)
    .orderBy('at')
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ at: r.at, colour: r.colour, label: COLOUR_LABELS[r.colour], reason: r.reason }));
}

/** One pass over the notices not settled as 不计颜色 (open ones, and any not settled yet). */
export async function settleNoticeColours(s: Services): Promise<{ notices: number; changed: number }> {
  const counts = { notices: 0, changed: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await s.db.kysely.transaction().execute(async (trx) => {
      const dates = await colourDates(s, trx);
      const ids = await trx
        .selectFrom('notices')
        .select('id')
        .where('id', '>', afterId)
        .where((eb) => eb.or([eb('colour', 'is', null), eb('colour', '<>', 'none')]))
        .orderBy('id')
        .limit(BATCH_SIZE)
        .execute();
      for (const { id } of ids) if (await settleNoticeColour(trx, s, id, dates)) counts.changed++;
      return ids;
    });
    counts.notices += batch.length;
    if (batch.length < BATCH_SIZE) break;
    afterId = batch[batch.length - 1]!.id;
  }
  return counts;
}

export const noticesColours = defineJob({
  kind: 'notices.colours',
  payload: z.object({}).strict(),
  leaseMs: 30 * 60_000,
  run: async (s, _payload, ctx) => {
    const counts = await settleNoticeColours(s);
    await s.db.kysely.transaction().execute((trx) =>
      s.audit.record(trx, ctx.system, {
        action: 'notice.colour.daily',
        objectType: 'notice',
        note: { ...counts, day: toTimestamp(s.clock.now()).slice(0, 10) },
      }),
    );
  },
});

// 00:40 in Shanghai, after midnight has turned the day (tasks.daily runs at 00:30).
export const noticesColoursSchedule = defineSchedule({
  job: noticesColours,
  cron: '40 0 * * *',
  timezone: 'Asia/Shanghai',
  payload: () => ({}),
  key: (occurrence) => `notices.colours:${toTimestamp(occurrence).slice(0, 10)}`,
});
