import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code. 干部培训's hours kept on write
// (docs/decisions/training-hours-kept.md): one row per person held to a year's requirement (an approved
// nomination for a course of that year, or credits in it) with the credits of that year summed (integer
// tenths of a 学时) and the person's unit. The per-unit summary, the people short of their hours and the
// shortfall reminder read these rows instead of summing each person's credits again (a province holds
// some 8,000 people a year). Filled here from the nominations and credits already present.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('training_person_hours')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('training_people.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('tenths', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`tenths >= 0`),
    )
    .addPrimaryKeyConstraint('training_person_hours_pk', ['year', 'person_id'])
    .execute();
  // The per-unit summary groups a year's rows by unit from this index alone.
  await db.schema
    .createIndex('training_person_hours_unit')
    .on('training_person_hours')
    .columns(['year', 'unit_id', 'tenths'])
    .execute();
  await sql`
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
      join training_people p on p.id = x.person_id`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('training_person_hours').execute();
}
