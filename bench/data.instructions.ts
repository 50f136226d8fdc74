// The 批示 and 关注 of `npm run bench:data` (issue 8, benchmarked by bench:tasks since issue 9 §8): the
// province leader's instructions on tasks of every year (about one task in a hundred, more on the red
// ones), each at the state its life reached — 批办 pending, reported back or confirmed done, 指导 and 阅知
// for information — with their follow-ups and the task timeline entries the product writes
// (instruction_created, instruction_followed_up, instruction_done); and a watch-list (关注) for the
// leader and the province staff of this year's tasks, whose recent progress reports appear on each
// task's timeline (report_submitted, report_accepted) as the 关注 feed reads them.
import type SQLite from 'better-sqlite3';

interface TaskRow {
  id: number;
  year: number;
  title: string;
  health: string;
  region_path: string;
  manager_region_path: string;
  lead_unit_id: number;
  unit_name: string;
}

export function generateInstructions(
  conn: SQLite.Database,
  today: string,
  rnd: () => number,
  progress: (stage: string, done: number, total: number) => void,
): Record<string, number> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const insert = (table: string, cols: string[]) =>
    conn.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  const user = (username: string) =>
    conn.prepare(`select id, display_name as name from users where username = ?`).get(username) as {
      id: number;
      name: string;
    };
  const leader = user('leader');
  const staff = user('staff');
  const tasks = conn
    .prepare(
      `select t.id, t.year, t.title, t.health, t.region_path, t.manager_region_path, t.lead_unit_id,
              u.name as unit_name
         from tasks t join units u on u.id = t.lead_unit_id order by t.id`,
    )
    .all() as TaskRow[];
  const addInstruction = insert('instructions', [
    'target_type', 'target_id', 'task_id', 'target_title', 'link', 'kind', 'status', 'text', 'author_id',
    'author_name', 'region_path', 'manager_region_path', 'unit_id', 'follow_up_count', 'done_at',
    'created_at', 'updated_at',
  ]); // prettier-ignore
  const addFollowUp = insert('instruction_follow_ups', [
    'instruction_id', 'kind', 'text', 'actor_id', 'actor_name', 'unit_name', 'at',
  ]); // prettier-ignore
  const addEvent = insert('task_events', ['task_id', 'at', 'actor_id', 'actor_name', 'kind', 'detail']);
  const addWatch = insert('watches', ['user_id', 'target_type', 'target_id', 'created_at']);
  const stamp = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:30:00.000+08:00`;
  const plus = (day: string, n: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const currentYear = Number(today.slice(0, 4));
  const counts = { instructions: 0, instruction_follow_ups: 0, task_events: 0, watches: 0 };

  conn.transaction(() => {
    for (const t of tasks) {
      if (rnd() >= (t.health === 'red' ? 0.1 : 0.01)) continue;
      const current = t.year === currentYear;
      const month = current
        ? 1 + Math.floor(rnd() * Math.max(1, Number(today.slice(5, 7)) - 1))
        : 1 + Math.floor(rnd() * 10);
      const day = `${t.year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`;
      const kind = rnd() < 0.7 ? 'act' : pick(['guide', 'read'] as const);
      const roll = rnd();
      const status =
        kind !== 'act' ? 'info' : !current || roll < 0.5 ? 'done' : roll < 0.7 ? 'reported' : 'pending';
      const text = kind === 'act' ? '请抓紧推进，按期完成，及时报告进展。' : '工作思路清晰，请继续抓好落实。';
      const reported = plus(day, 7);
      const done = plus(day, 10);
      const follows = status === 'done' ? 2 : status === 'reported' ? 1 : 0;
      const id = Number(
        addInstruction.run('task', t.id, t.id, t.title, `/tasks/${t.id}`, kind, status, text, leader.id, leader.name,
          t.region_path, t.manager_region_path, t.lead_unit_id, follows, status === 'done' ? stamp(done, 16) : null,
          stamp(day, 10), stamp(follows === 2 ? done : follows === 1 ? reported : day, follows ? 16 : 10)).lastInsertRowid,
      ); // prettier-ignore
      counts.instructions++;
      addEvent.run(t.id, stamp(day, 10), leader.id, leader.name, 'instruction_created',
        JSON.stringify({ instructionId: id, kind, target: 'task', text })); // prettier-ignore
      counts.task_events++;
      if (follows >= 1) {
        const f = Number(
          addFollowUp.run(id, 'report', '已按批示要求部署落实，目前进展顺利。', null, t.unit_name, t.unit_name,
            stamp(reported, 15)).lastInsertRowid,
        ); // prettier-ignore
        addEvent.run(t.id, stamp(reported, 15), null, t.unit_name, 'instruction_followed_up',
          JSON.stringify({ instructionId: id, followUpId: f })); // prettier-ignore
        counts.instruction_follow_ups++;
        counts.task_events++;
      }
      if (follows === 2) {
        addFollowUp.run(id, 'done', '确认已落实。', staff.id, staff.name, null, stamp(done, 16));
        addEvent.run(
          t.id,
          stamp(done, 16),
          staff.id,
          staff.name,
          'instruction_done',
          JSON.stringify({ instructionId: id }),
        );
        counts.instruction_follow_ups++;
        counts.task_events++;
      }
    }
  })();
  progress('instructions, watches', 1, 2);

  // 关注: the leader follows 200 of this year's tasks (the red ones first), the province staff 100; their
  // monthly reports on each task's timeline.
  const thisYear = tasks.filter((t) => t.year === currentYear);
  const red = thisYear.filter((t) => t.health === 'red');
  const chosen = (n: number) =>
    [...red.slice(0, n / 2), ...thisYear.filter((t) => t.health !== 'red').filter(() => rnd() < 0.01)].slice(
      0,
      n,
    );
  const watched = new Set<number>();
  conn.transaction(() => {
    for (const [who, n] of [
      [leader, 200],
      [staff, 100],
    ] as const)
      for (const t of chosen(n)) {
        addWatch.run(who.id, 'task', t.id, stamp(`${currentYear}-03-01`, 9));
        counts.watches++;
        watched.add(t.id);
      }
    const reports = conn.prepare(
      `select period_key, percent, late, submitted_at, reviewed_at from progress_reports
        where task_id = ? and submitted_at is not null order by period_key`,
    );
    for (const id of watched)
      for (const r of reports.all(id) as Array<{
        period_key: string;
        percent: number;
        late: number;
        submitted_at: string;
        reviewed_at: string | null;
      }>) {
        addEvent.run(id, r.submitted_at, null, '承办单位', 'report_submitted',
          JSON.stringify({ period: r.period_key, percent: r.percent, late: r.late === 1, resubmitted: false })); // prettier-ignore
        counts.task_events++;
        if (r.reviewed_at) {
          addEvent.run(
            id,
            r.reviewed_at,
            staff.id,
            staff.name,
            'report_accepted',
            JSON.stringify({ period: r.period_key }),
          );
          counts.task_events++;
        }
      }
  })();
  progress('instructions, watches', 2, 2);
  return counts;
}
