// 干部培训 of `npm run bench:data` (issue 10 §3), written as the training services write them: each region's
// yearly plan (approved by the nearest leader above it) with its courses — the province's at the 社会主义学院
// over several days, a city's over two or three, a county's 党校 over one or two — and their sessions;
// units of the plan's subtree nominating people within their places (their Luoshi users, or minimal
// contacts: name, unit, title), staff approving most and refusing a few (the place given back), the
// places each unit used; attendance per session (a QR scan by a user, or a sign-in sheet ticked by staff,
// which moves the session's version) for the sessions held by today; and at each course's close the
// credits (学时, integer tenths) of every approved participant who attended, and each person's hours of
// the year kept beside them (training_person_hours). No audit rows or inbox messages (see
// data.activities.ts).
import type SQLite from 'better-sqlite3';
import { plusDays } from './data.cases.life.ts';
import { inserter, pad, type Progress } from './data.common.ts';
import { loadOrg, personName, type Level, type OrgRegion } from './data.org.ts';

const COURSES = [
  '党外干部履职能力专题培训班',
  '民营经济人士理想信念教育培训班',
  '统战干部业务能力提升班',
  '民族宗教工作专题培训班',
  '新的社会阶层人士培训班',
  '网络统战工作培训班',
  '港澳台海外统战工作专题班',
  '基层统战干部轮训班',
];
const TOPICS = [
  '新时代爱国统一战线',
  '民营经济统战工作',
  '统战政策法规',
  '案例研讨',
  '现场教学',
  '民族宗教政策',
];
const TITLES = ['科长', '副科长', '干事', '主任科员', '办公室主任'];
// Per level: days of a course, sessions a day, a session's hours (tenths) and the places per unit.
const SHAPE: Record<
  Level,
  { days: [number, number]; perDay: [number, number]; tenths: number[]; places: [number, number] }
> = {
  province: { days: [3, 5], perDay: [2, 2], tenths: [35, 40], places: [2, 3] },
  city: { days: [2, 3], perDay: [2, 2], tenths: [30, 35], places: [2, 4] },
  county: { days: [1, 2], perDay: [1, 2], tenths: [30], places: [2, 3] },
};
const at = (day: string, time: string) => `${day}T${time}:00.000+08:00`;

interface Trainee {
  unit: number;
  user: number | null;
  name: string;
  title: string | null;
  person?: number; // its training_people row, once nominated
}

export function generateTraining(
  conn: SQLite.Database,
  scale: { coursesPerYear: Record<Level, number>; contactTraineesPerUnit: number },
  years: number[],
  today: string,
  rnd: () => number,
  progress: Progress,
): Record<string, number> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const some = <T>(list: readonly T[], n: number) => [...list].sort(() => rnd() - 0.5).slice(0, n);
  const insert = inserter(conn);
  const org = loadOrg(conn);
  const counts = {
    training_plans: 0,
    training_courses: 0,
    training_sessions: 0,
    training_people: 0,
    training_nominations: 0,
    training_attendance: 0,
    training_credits: 0,
  };

  // Who may be nominated from each unit: its users (not the administrators) and a few contacts.
  const pool = new Map<number, Trainee[]>();
  for (const u of org.unitById.values()) {
    const users = new Map<number, Trainee>();
    for (const p of org.usersOf.get(u.id) ?? [])
      if (!['sysadmin', 'secadmin', 'auditor'].includes(p.role))
        users.set(p.id, { unit: u.id, user: p.id, name: p.name, title: null });
    const contacts = Array.from({ length: scale.contactTraineesPerUnit }, () => ({
      unit: u.id,
      user: null,
      name: personName(rnd),
      title: pick(TITLES),
    }));
    // One contact per name in a unit (the service finds a contact again by unit and name).
    pool.set(u.id, [
      ...users.values(),
      ...contacts.filter((c, i) => contacts.findIndex((d) => d.name === c.name) === i),
    ]);
  }
  const handlerOf = (unit: number) =>
    (org.usersOf.get(unit) ?? []).find((p) => p.role === 'handler' || p.role === 'staff')?.id ?? null;

  const addPlan = insert('training_plans', [
    'region_code', 'region_path', 'year', 'title', 'status', 'approved_by', 'approved_at', 'version',
    'created_by', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addCourse = insert('training_courses', [
    'plan_id', 'title', 'organiser', 'place', 'starts_on', 'ends_on', 'places_per_unit', 'status', 'closed_at',
    'version', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addSession = insert('training_sessions', [
    'course_id',
    'starts_at',
    'hours_tenths',
    'topic',
    'version',
  ]);
  const addPerson = insert('training_people', ['unit_id', 'user_id', 'name', 'title', 'created_at']);
  const addNomination = insert('training_nominations', [
    'course_id', 'unit_id', 'person_id', 'status', 'reason', 'nominated_by', 'decided_by', 'decided_at',
    'version', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addPlaces = insert('training_unit_places', ['course_id', 'unit_id', 'used']);
  const addAttendance = insert('training_attendance', [
    'session_id', 'person_id', 'course_id', 'method', 'recorded_by', 'recorded_at',
  ]); // prettier-ignore
  const addCredit = insert('training_credits', [
    'course_id', 'person_id', 'unit_id', 'year', 'hours_tenths', 'issued_at',
  ]); // prettier-ignore
  const bumpSession = conn.prepare(`update training_sessions set version = version + 1 where id = ?`);

  function course(r: OrgRegion, planId: number, year: number, i: number, n: number, subtreeUnits: number[]) {
    const shape = SHAPE[r.level];
    // Spread over February to November.
    const startsOn = `${year}-${pad(2 + Math.floor((i * 10) / n))}-${pad(between(3, 20))}`;
    const days = between(...shape.days);
    const endsOn = plusDays(startsOn, days - 1);
    const closeDay = plusDays(endsOn, between(1, 5));
    const closed = closeDay <= today;
    const places = between(...shape.places);
    const title = `${pick(COURSES)}（${year}年第${i + 1}期）`;
    const organiser =
      r.level === 'province'
        ? '山东社会主义学院'
        : r.level === 'city'
          ? `${r.name}社会主义学院`
          : `中共${r.name}委党校`;
    const created = at(`${year}-01-12`, '10:00');
    const courseId = Number(
      addCourse.run(
        planId, title, organiser, r.level === 'province' ? '济南市历城区' : r.name, startsOn, endsOn, places,
        closed ? 'closed' : 'open', closed ? at(closeDay, '17:00') : null, closed ? 2 : 1, created,
        closed ? at(closeDay, '17:00') : created,
      ).lastInsertRowid,
    ); // prettier-ignore
    counts.training_courses++;
    const sessions: Array<{ id: number; day: string; time: string; tenths: number; sheet: boolean }> = [];
    for (let d = 0; d < days; d++)
      for (let k = 0, perDay = between(...shape.perDay); k < perDay; k++) {
        const day = plusDays(startsOn, d);
        const time = k === 0 ? '09:00' : '14:00';
        const tenths = pick(shape.tenths);
        const id = Number(
          addSession.run(courseId, `${day}T${time}`, tenths, pick(TOPICS), 1).lastInsertRowid,
        );
        sessions.push({ id, day, time, tenths, sheet: false });
        counts.training_sessions++;
      }

    // Nominations, 15 to 40 days before the course but not before the plan's approval on 20 January (none
    // yet for a course further off), by 40 to 70 units for a province course, three in ten of a city's
    // units and six in ten of a county's.
    const nominatedOn = [plusDays(startsOn, -between(15, 40)), `${year}-01-21`].sort().at(-1)!;
    if (nominatedOn > today) return;
    const share =
      r.level === 'province'
        ? between(40, 70)
        : Math.round(subtreeUnits.length * (r.level === 'city' ? 0.3 : 0.6));
    const approved: Trainee[] = [];
    for (const unit of some(subtreeUnits, Math.max(1, share))) {
      const people = some(pool.get(unit) ?? [], between(1, places));
      let used = 0;
      for (const t of people) {
        const day = [plusDays(nominatedOn, between(0, 7)), today].sort()[0]!;
        if (t.person === undefined) {
          t.person = Number(addPerson.run(t.unit, t.user, t.name, t.title, at(day, '10:00')).lastInsertRowid);
          counts.training_people++;
        }
        // Decided within a week (all of them once the course has begun).
        const decidedOn = [plusDays(day, between(2, 7)), today].sort()[0]!;
        const decided = decidedOn < today || startsOn <= today;
        const status = !decided ? 'pending' : rnd() < 0.92 ? 'approved' : 'refused';
        if (status !== 'refused') used++;
        const reason = status === 'refused' ? '与本单位年度工作安排冲突，请另行报名' : null;
        const decidedAt = decided ? at(decidedOn, '15:00') : null;
        addNomination.run(
          courseId, unit, t.person, status, reason, handlerOf(unit) ?? r.staff.id, decided ? r.staff.id : null,
          decidedAt, decided ? 2 : 1, at(day, '10:00'), decidedAt ?? at(day, '10:00'),
        ); // prettier-ignore
        counts.training_nominations++;
        if (status === 'approved') approved.push(t);
      }
      if (people.length) addPlaces.run(courseId, unit, used);
    }

    // Attendance at the sessions held before today; most come to all, some miss one, a few none.
    const held = sessions.filter((x) => x.day < today && (!closed || x.day <= closeDay));
    for (const t of approved) {
      const x = rnd();
      const missed = x < 0.75 ? null : x < 0.95 ? pick(held) : 'all';
      let tenths = 0;
      for (const s of held) {
        if (missed === 'all' || missed === s) continue;
        const qr = t.user !== null && rnd() < 0.7;
        addAttendance.run(
          s.id, t.person, courseId, qr ? 'qr' : 'sheet', qr ? t.user : r.staff.id,
          at(s.day, qr ? s.time.replace(':00', ':05') : '17:30'),
        ); // prettier-ignore
        if (!qr) s.sheet = true;
        tenths += s.tenths;
        counts.training_attendance++;
      }
      if (closed && tenths > 0) {
        addCredit.run(courseId, t.person, t.unit, year, tenths, at(closeDay, '17:00'));
        counts.training_credits++;
      }
    }
    // Each session's sign-in sheet was recorded once (recordAttendance moves its version).
    for (const s of sessions) if (s.sheet) bumpSession.run(s.id);
  }

  let step = 0;
  for (const year of years) {
    conn.transaction(() => {
      for (const r of org.regions) {
        if (`${year}-01-10` > today) continue;
        const leader = org.leaderOf(r);
        const planId = Number(
          addPlan.run(
            r.code, r.path, year, `${year}年${r.name}统战干部培训计划`, 'approved', leader?.id ?? null,
            at(`${year}-01-20`, '10:00'), 2, r.staff.id, at(`${year}-01-10`, '10:00'), at(`${year}-01-20`, '10:00'),
          ).lastInsertRowid,
        ); // prettier-ignore
        counts.training_plans++;
        const units = org.subtree(r).flatMap((x) => [x.dept, ...x.units]);
        for (let i = 0, n = scale.coursesPerYear[r.level]; i < n; i++) course(r, planId, year, i, n, units);
      }
    })();
    progress('training, nominations, credits', ++step, years.length);
  }
  // Each person's hours of a year, as the services keep them on write (approving a nomination, issuing
  // credits): rebuilt from every nomination and credit, the demo workspace's included.
  conn.exec(`
    delete from training_person_hours;
    insert into training_person_hours (year, person_id, unit_id, tenths)
    select x.year, x.person_id, p.unit_id,
           coalesce((select sum(cr.hours_tenths) from training_credits cr
                      where cr.person_id = x.person_id and cr.year = x.year), 0)
      from (select tp.year as year, n.person_id as person_id
              from training_nominations n
              join training_courses c on c.id = n.course_id
              join training_plans tp on tp.id = c.plan_id
             where n.status = 'approved'
            union
            select year, person_id from training_credits) x
      join training_people p on p.id = x.person_id`);
  return counts;
}
