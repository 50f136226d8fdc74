// The cases of `npm run bench:data` (issue 9 §8): ≈5,000 a year (province scale) for each year over the
// province's regions — 议政建言 proposals with co-signers, 民主监督 reports under projects, 政企沟通
// appeals (some raised at 座谈会) and 基层 requests to the region above — each played through its type's
// workflow (server/modules/cases/engine/types) from its creation day until it ends or today comes, and
// written as the product writes it: the case row with the state, running deadline and dates its steps
// set, its timeline (case_events, in time order across cases, as the ids of a live system run), signers,
// handlers, answers per round, ratings, 批示, and the similarity index of submitted proposals with its
// document frequencies. Audit rows and inbox messages are not written (the task generator writes none
// either): no read path of the lists or statistics uses them. See docs/decisions/bench-cases-data.md.
import type SQLite from 'better-sqlite3';
import { CASE_CONFIGS } from '../server/modules/cases/engine/types/index.ts';
import type { CaseType } from '../server/modules/cases/engine/vocabulary.ts';
import { signatureTerms, termCounts } from '../server/modules/cases/text/similar.ts';
import { CaseLife, plusDays, type CaseDraft } from './data.cases.life.ts';
import { loadPlaces, type Place } from './data.cases.places.ts';
import {
  ANSWER_LETTERS,
  APPEAL_TEXTS,
  APPEAL_TITLES,
  GRASSROOTS_TEXTS,
  GRASSROOTS_TITLES,
  proposalText,
  TOPICS,
} from './data.cases.text.ts';

// Of a year's cases: the province's own, all cities together, all counties together.
const LEVEL_SHARE = { province: 0.15, city: 0.4, county: 0.45 } as const;
const SIGNATURE_TERMS = 64; // as server/modules/cases/text/similar.index.ts keeps per proposal

/** A small deterministic generator (as data.generate.ts's), so two runs give the same cases. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCases(
  conn: SQLite.Database,
  casesPerYear: number,
  years: number[],
  today: string,
  progress: (stage: string, done: number, total: number) => void,
): Record<string, number> {
  const rnd = random(9);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const insert = (table: string, cols: string[]) =>
    conn.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  const counts: Record<string, number> = {};

  const { places, answerer, unitName, ndrc, demoSubmitter } = loadPlaces(conn, today, insert);

  const addProject = insert('case_projects', [
    'year', 'region_code', 'region_path', 'topic', 'scope', 'period_from', 'period_to', 'party_unit_id',
    'agency_unit_id', 'state', 'summary', 'party_rating', 'agency_rating', 'closed_at', 'created_by',
    'created_at', 'updated_at',
  ]); // prettier-ignore
  const addMeeting = insert('case_meetings', [
    'year', 'region_code', 'region_path', 'title', 'held_on', 'place', 'created_by', 'created_at',
    'updated_at',
  ]); // prettier-ignore
  const addCase = insert('cases', [
    'type', 'year', 'subtype', 'region_code', 'region_path', 'submitter_region_code',
    'submitter_region_path', 'submitter_org_id', 'submitter_unit_id', 'submitter_user_id', 'submitter_name',
    'title', 'body', 'state', 'round', 'is_key', 'merged_into_id', 'lead_unit_id', 'due_date', 'project_id',
    'meeting_id', 'adopted', 'adoption_note', 'adopted_at', 'submitted_at', 'accepted_at', 'forwarded_at',
    'answered_at', 'answered_on_time', 'satisfaction', 'closed_at', 'version', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addEvent = insert('case_events', [
    'case_id', 'at', 'actor_id', 'actor_name', 'action', 'from_state', 'to_state', 'comment', 'payload',
  ]); // prettier-ignore
  const addSigner = insert('case_signers', [
    'case_id', 'user_id', 'name', 'status', 'confirm_by', 'invited_at', 'responded_at',
  ]); // prettier-ignore
  const addHandler = insert('case_handlers', ['case_id', 'unit_id', 'role', 'due_date', 'assigned_at']);
  const addAnswer = insert('case_answers', [
    'case_id', 'unit_id', 'round', 'role', 'letter', 'category', 'due_date', 'on_time', 'answered_by',
    'answerer_name', 'answered_at',
  ]); // prettier-ignore
  const addRating = insert('case_ratings', [
    'case_id', 'round', 'rater_id', 'rater_name', 'rating', 'comment', 'rated_at',
  ]); // prettier-ignore
  const addInstruction = insert('case_instructions', [
    'case_id', 'leader', 'level', 'given_on', 'text', 'recorded_by', 'recorded_at',
  ]); // prettier-ignore
  const addIndexed = insert('proposal_index', ['case_id', 'indexed_at']);
  const addTerm = insert('proposal_terms', ['term', 'case_id']);

  const frequencies = new Map<string, number>();
  let indexed = 0;
  const total: Record<string, number> = {
    cases: 0,
    case_events: 0,
    case_signers: 0,
    case_handlers: 0,
    case_answers: 0,
    case_ratings: 0,
    case_instructions: 0,
    case_projects: 0,
    case_meetings: 0,
  };
  const shareOf = (p: Place) => LEVEL_SHARE[p.level] / places.filter((q) => q.level === p.level).length;

  for (const [yi, year] of years.entries()) {
    if (`${year}-01-05` > today) continue;
    const last = year === Number(today.slice(0, 4)) ? plusDays(today, -1) : `${year}-12-24`;
    const span = Math.max(1, (Date.parse(last) - Date.parse(`${year}-01-05`)) / 86_400_000);
    const dayIn = () => plusDays(`${year}-01-05`, Math.floor(rnd() * span));
    conn.transaction(() => {
      // 民主监督 projects and 政企座谈会 of the year.
      const projects = new Map<string, Array<{ id: number; party: number; agency: number; topic: string }>>();
      const meetings = new Map<string, number[]>();
      for (const p of places) {
        const n = p.level === 'province' ? 3 : p.level === 'city' ? 1 : rnd() < 0.3 ? 1 : 0;
        const parties = p.orgs.filter((o) => o[0]!.unit !== undefined);
        for (let i = 0; i < n && parties.length > 0; i++) {
          const party = pick(parties)[0]!.org;
          const agency = pick(p.handling);
          const topic = `${pick(TOPICS)}专项民主监督`;
          const open = year === Number(today.slice(0, 4));
          const id = Number(
            addProject.run(
              year,
              p.code,
              p.path,
              topic,
              '全省（市、县）范围',
              `${year}-03-01`,
              `${year}-11-30`,
              party,
              agency,
              open ? 'open' : 'closed',
              open ? null : '监督发现问题均已整改，形成长效机制。',
              open ? null : 'satisfied',
              open ? null : 'satisfied',
              open ? null : `${year}-12-20T10:00:00.000+08:00`,
              p.staff.id,
              `${year}-02-20T10:00:00.000+08:00`,
              `${year}-02-20T10:00:00.000+08:00`,
            ).lastInsertRowid,
          );
          projects.set(p.code, [...(projects.get(p.code) ?? []), { id, party, agency, topic }]);
          total.case_projects!++;
        }
        const m = p.level === 'county' ? 0 : 2;
        for (let i = 0; i < m; i++) {
          const held = `${year}-${i === 0 ? '04' : '09'}-15`;
          if (held > today) continue;
          const id = Number(
            addMeeting.run(
              year,
              p.code,
              p.path,
              `${year}年${i === 0 ? '上' : '下'}半年政企座谈会`,
              held,
              '会议室',
              p.staff.id,
              `${held}T09:00:00.000+08:00`,
              `${held}T09:00:00.000+08:00`,
            ).lastInsertRowid,
          );
          meetings.set(p.code, [...(meetings.get(p.code) ?? []), id]);
          total.case_meetings!++;
        }
      }

      // The year's cases, in the order they were opened (ids rise with time as in a live system).
      const drafts: CaseDraft[] = [];
      for (const p of places) {
        const n = Math.round(casesPerYear * shareOf(p) * (0.7 + 0.6 * rnd()));
        for (let i = 0; i < n; i++) {
          const roll = rnd();
          let type: CaseType =
            roll < 0.45 ? 'proposal' : roll < 0.55 ? 'oversight' : roll < 0.85 ? 'appeal' : 'grassroots';
          if (type === 'proposal' && p.orgs.length === 0) type = 'appeal';
          if (type === 'oversight' && !projects.get(p.code)?.length) type = 'appeal';
          if (type === 'grassroots' && !p.parent) type = 'appeal';
          drafts.push(draftOf(type, p, dayIn()));
        }
      }
      drafts.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));

      function draftOf(type: CaseType, p: Place, created: string): CaseDraft {
        const base = { type, created, year, region: p, submitterRegion: p };
        if (type === 'proposal') {
          const org = pick(p.orgs);
          const author =
            demoSubmitter && org[0]!.org === demoSubmitter.unit && rnd() < 0.5
              ? {
                  id: demoSubmitter.id,
                  name: demoSubmitter.name,
                  unit: demoSubmitter.unit,
                  org: demoSubmitter.unit,
                }
              : pick(org);
          const topic = pick(TOPICS);
          const t = proposalText(rnd, topic);
          const others = p.orgs.flat().filter((x) => x.id !== author.id);
          const cosigners =
            rnd() < 0.4
              ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(others)).filter(
                  (x, i, all) => x && all.indexOf(x) === i,
                )
              : [];
          return {
            ...base,
            author,
            title: t.title,
            body: {
              situation: t.situation,
              analysis: t.analysis,
              suggestions: t.suggestions,
              attachmentIds: [],
            },
            subtype: null,
            cosigners,
            lead: p.level === 'province' && ndrc && rnd() < 0.3 ? ndrc : pick(p.handling),
          };
        }
        if (type === 'oversight') {
          const project = pick(projects.get(p.code)!);
          const party = p.orgs.find((o) => o[0]!.org === project.party)!;
          return {
            ...base,
            author: pick(party),
            title: `${project.topic}监督报告（${pick(['一', '二', '三', '四'])}）`,
            body: {
              projectId: project.id,
              findings: pick(APPEAL_TEXTS),
              suggestions: '建议举一反三，建立长效机制。',
              attachmentIds: [],
            },
            subtype: null,
            projectId: project.id,
            cosigners: [],
            lead: project.agency,
          };
        }
        if (type === 'appeal') {
          const k = Math.floor(rnd() * APPEAL_TITLES.length);
          const kind = pick(['complaint', 'coordination', 'coordination', 'policy', 'other'] as const);
          const federation = p.orgs.length > 0 && rnd() < 0.4;
          const held = meetings.get(p.code)?.filter(() => true) ?? [];
          const meetingId = held.length && rnd() < 0.2 ? pick(held) : undefined;
          const channel = meetingId
            ? 'meeting'
            : federation
              ? 'federation'
              : pick(['visit', 'online', 'other'] as const);
          return {
            ...base,
            author: federation ? pick(pick(p.orgs)) : p.staff,
            title: APPEAL_TITLES[k]!,
            body: {
              kind,
              channel,
              enterprise: `${p.code}某${pick(['新材料', '机械', '食品', '电子', '物流'])}有限公司`,
              ...(meetingId ? { meetingId } : {}),
              content: APPEAL_TEXTS[k]!,
              attachmentIds: [],
            },
            subtype: kind,
            meetingId,
            cosigners: [],
            lead: ndrc && p.level === 'province' && rnd() < 0.3 ? ndrc : pick(p.handling),
          };
        }
        const k = Math.floor(rnd() * GRASSROOTS_TITLES.length);
        const need = (['staffing', 'funds', 'coordination', 'other'] as const)[k]!;
        return {
          ...base,
          region: p.parent!,
          author: p.staff,
          title: GRASSROOTS_TITLES[k]!,
          body: { need, content: GRASSROOTS_TEXTS[k]!, attachmentIds: [] },
          subtype: need,
          cosigners: [],
          lead: pick(p.parent!.handling),
        };
      }

      const events: Array<[number, ...unknown[]]> = [];
      const mains = new Map<string, Array<{ id: number; title: string; org: string; after: string }>>();
      for (const d of drafts) {
        const life = new CaseLife(d, CASE_CONFIGS[d.type], today, rnd, {
          staff: d.region.staff,
          answerer: (unit) => answerer.get(unit) ?? d.region.staff,
          unitName: (unit) => unitName.get(unit) ?? '',
          mainFor: (at) => pick((mains.get(`${d.region.code}:${d.type}`) ?? []).filter((m) => m.after < at)),
          letter: () => pick(ANSWER_LETTERS),
          leaderLevel:
            d.region.level === 'province' ? (rnd() < 0.2 ? 'national' : 'province') : d.region.level,
          otherUnit: () => pick(d.region.handling),
        });
        life.play();
        const r = life.row;
        const id = Number(
          addCase.run(
            d.type,
            d.year,
            d.subtype,
            d.region.code,
            d.region.path,
            d.submitterRegion.code,
            d.submitterRegion.path,
            d.author.org,
            d.author.unit,
            d.author.id,
            d.author.name,
            d.title,
            JSON.stringify(d.body),
            r.state,
            r.round,
            r.is_key,
            r.merged_into_id,
            r.lead_unit_id,
            r.due_date,
            d.projectId ?? null,
            d.meetingId ?? null,
            r.adopted,
            r.adoption_note,
            r.adopted_at,
            r.submitted_at,
            r.accepted_at,
            r.forwarded_at,
            r.answered_at,
            r.answered_on_time,
            r.satisfaction,
            r.closed_at,
            life.version,
            life.events[0]!.at,
            life.events.at(-1)!.at,
          ).lastInsertRowid,
        );
        total.cases!++;
        if (['accepted', 'forwarded', 'answered', 'reopened', 'closed'].includes(r.state) && r.accepted_at) {
          const key = `${d.region.code}:${d.type}`;
          mains.set(key, [
            ...(mains.get(key) ?? []),
            { id, title: d.title, org: unitName.get(d.author.org) ?? '', after: r.accepted_at },
          ]);
        }
        for (const e of life.events)
          events.push([
            id,
            e.at,
            e.actor?.id ?? null,
            e.actor?.name ?? '系统',
            e.action,
            e.from,
            e.to,
            e.comment,
            JSON.stringify(e.payload),
          ]);
        for (const m of life.mergedInto)
          events.push([
            m.mainId,
            m.at,
            d.region.staff.id,
            d.region.staff.name,
            'merged_in',
            m.mainState,
            m.mainState,
            null,
            JSON.stringify({ caseId: id, title: d.title, submitter: unitName.get(d.author.org) ?? '' }),
          ]);
        for (const s of life.signers) {
          addSigner.run(id, s.user.id, s.user.name, s.status, s.confirmBy, s.invitedAt, s.respondedAt);
          total.case_signers!++;
        }
        for (const h of life.handlers) {
          addHandler.run(id, h.unit, h.role, h.due, h.at);
          total.case_handlers!++;
        }
        for (const a of life.answers) {
          addAnswer.run(
            id,
            a.unit,
            a.round,
            a.role,
            a.letter,
            a.category,
            a.due,
            a.onTime ? 1 : 0,
            a.by.id,
            a.by.name,
            a.at,
          );
          total.case_answers!++;
        }
        for (const x of life.ratings) {
          addRating.run(id, x.round, x.by.id, x.by.name, x.rating, null, x.at);
          total.case_ratings!++;
        }
        for (const x of life.instructions) {
          addInstruction.run(id, x.leader, x.level, x.givenOn, x.text, d.region.staff.id, x.at);
          total.case_instructions!++;
        }
        if (d.type === 'proposal' && r.submitted_at) {
          const body = d.body as { situation: string; analysis: string; suggestions: string };
          const termsOf = termCounts({
            title: d.title,
            parts: [body.situation, body.analysis, body.suggestions],
          });
          for (const term of termsOf.keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
          indexed++;
          const signature = signatureTerms(
            termsOf,
            { documents: indexed, frequency: (t) => frequencies.get(t) ?? 0 },
            SIGNATURE_TERMS,
          );
          addIndexed.run(id, new Date(Date.parse(r.submitted_at)).toISOString());
          for (const term of signature) addTerm.run(term, id);
        }
      }
      // The timelines in time order: event ids rise with time across cases, as written live.
      events.sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : String(a[1]) > String(b[1]) ? 1 : 0));
      for (const e of events) addEvent.run(...e);
      total.case_events! += events.length;
    })();
    progress('cases, timelines, similarity index', yi + 1, years.length);
  }
  const addFrequency = insert('proposal_term_frequencies', ['term', 'documents']);
  conn.transaction(() => {
    for (const [term, documents] of frequencies) addFrequency.run(term, documents);
  })();
  counts.proposal_index = indexed;
  counts.proposal_term_frequencies = frequencies.size;
  return { ...total, ...counts };
}
