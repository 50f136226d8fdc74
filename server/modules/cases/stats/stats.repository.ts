// The statistics of cases as grouped sums in SQL: one query per breakdown, over the reader's visible
// cases (the list's own WHERE) of a type, a year and a region subtree. Drafts are not counted.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { filtered, type CaseFilters, type CaseVisibility } from '../list/list.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

const n = (expr: ReturnType<typeof sql>) => sql<number | string>`sum(case when ${expr} then 1 else 0 end)`;

function figures() {
  return [
    sql<number | string>`count(*)`.as('submitted'),
    n(sql`c.accepted_at is not null or c.forwarded_at is not null`).as('accepted'),
    n(sql`c.answered_at is not null`).as('answered'),
    n(sql`c.answered_on_time = 1`).as('on_time'),
    n(sql`c.satisfaction = 'satisfied'`).as('satisfied'),
    n(sql`c.satisfaction = 'basically_satisfied'`).as('basically'),
    n(sql`c.satisfaction = 'unsatisfied'`).as('unsatisfied'),
    n(sql`c.adopted = 1`).as('adopted'),
    n(sql`c.is_key = 1`).as('key_cases'),
  ] as const;
}

function base(db: Q, v: CaseVisibility, f: CaseFilters) {
  return db
    .selectFrom('cases as c')
    .where((eb) => filtered(eb, v, f, true))
    .where('c.state', '!=', 'draft');
}

export function totals(db: Q, v: CaseVisibility, f: CaseFilters) {
  return base(db, v, f).select(figures()).executeTakeFirstOrThrow();
}

export function byOrganisation(db: Q, v: CaseVisibility, f: CaseFilters) {
  return base(db, v, f)
    .innerJoin('units as o', 'o.id', 'c.submitter_org_id')
    .select(['o.id as id', 'o.name as name', ...figures()])
    .groupBy(['o.id', 'o.name'])
    .orderBy('o.id')
    .execute();
}

export function byDepartment(db: Q, v: CaseVisibility, f: CaseFilters) {
  return base(db, v, f)
    .innerJoin('units as u', 'u.id', 'c.lead_unit_id')
    .select(['u.id as id', 'u.name as name', ...figures()])
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.id')
    .execute();
}

export function bySubtype(db: Q, v: CaseVisibility, f: CaseFilters) {
  return base(db, v, f)
    .where('c.subtype', 'is not', null)
    .select(['c.subtype as subtype', ...figures()])
    .groupBy('c.subtype')
    .orderBy('c.subtype')
    .execute();
}

export function instructionsByLevel(db: Q, v: CaseVisibility, f: CaseFilters) {
  return base(db, v, f)
    .innerJoin('case_instructions as i', 'i.case_id', 'c.id')
    .select(['i.level as level', sql<number | string>`count(*)`.as('count')])
    .groupBy('i.level')
    .execute();
}
