// The statistics of cases as grouped sums in SQL: one query per breakdown, over the reader's visible
// cases (the list's own WHERE) of a type, a year and a region subtree. Drafts are not counted.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { FIGURE } from '../list/list.figures.ts';
import { filtered, type CaseFilters, type CaseVisibility } from '../list/list.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

const n = (expr: ReturnType<typeof sql>) => sql<number | string>`sum(case when ${expr} then 1 else 0 end)`;

// Each figure is the list's own condition (list/list.figures.ts): the list a figure opens holds as many.
function figures() {
  return [
    sql<number | string>`count(*)`.as('submitted'),
    n(FIGURE.accepted).as('accepted'),
    n(FIGURE.answered).as('answered'),
    n(FIGURE.onTime).as('on_time'),
    n(FIGURE.satisfied).as('satisfied'),
    n(FIGURE.basicallySatisfied).as('basically'),
    n(FIGURE.unsatisfied).as('unsatisfied'),
    n(FIGURE.adopted).as('adopted'),
    n(FIGURE.key).as('key_cases'),
  ] as const;
}

function base(db: Q, v: CaseVisibility, f: CaseFilters) {
  return db
    .selectFrom('cases as c')
    .where((eb) => filtered(eb, v, f, true))
    .where(FIGURE.submitted);
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
  return (
    base(db, v, f)
      .innerJoin('case_instructions as i', 'i.case_id', 'c.id')
      // Cases with a 批示 of the level (two of one level on a case count once): the list filtered by the
      // level holds as many.
      .select(['i.level as level', sql<number | string>`count(distinct c.id)`.as('count')])
      .groupBy('i.level')
      .execute()
  );
}
