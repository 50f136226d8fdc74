import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. 干部培训 (issue 10 §3): a region's yearly training plan
// (approved by a leader), its courses and their sessions, the people trained (a Luoshi user, or a minimal
// contact: name, unit, title — no other profile field), nominations within each unit's places, attendance
// per session, and the credits (学时) issued when a course closes. Hours are integer tenths of a 学时, so
// sums are exact.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const stamp = 'varchar(40)';
  await db.schema
    .createTable('training_plans')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region_code', 'varchar(20)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('draft', 'approved')`))
    .addColumn('approved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approved_at', stamp)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_plans_region_year')
    .on('training_plans')
    .columns(['region_code', 'year'])
    .unique()
    .execute();

  await db.schema
    .createTable('training_courses')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('training_plans.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('organiser', 'varchar(200)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('places_per_unit', 'integer', (c) => c.notNull().check(sql`places_per_unit > 0`))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('closed_at', stamp)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_courses_plan')
    .on('training_courses')
    .columns(['plan_id', 'id'])
    .execute();

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    // Local Asia/Shanghai date and time ('2026-03-10T09:00').
    .addColumn('starts_at', 'varchar(16)', (c) => c.notNull())
    .addColumn('hours_tenths', 'integer', (c) => c.notNull().check(sql`hours_tenths > 0`))
    .addColumn('topic', 'varchar(200)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('training_sessions_course')
    .on('training_sessions')
    .columns(['course_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('training_people')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').unique())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)')
    .addColumn('created_at', stamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_people_unit')
    .on('training_people')
    .columns(['unit_id', 'name'])
    .execute();

  await db.schema
    .createTable('training_nominations')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('training_people.id'))
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'refused')`),
    )
    .addColumn('reason', 'varchar(500)')
    .addColumn('nominated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', stamp)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', stamp, (c) => c.notNull())
    .addColumn('updated_at', stamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_nominations_course_person')
    .on('training_nominations')
    .columns(['course_id', 'person_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('training_nominations_person')
    .on('training_nominations')
    .columns(['person_id'])
    .execute();

  // The places a unit has used on a course: a conditional increment (used < places) is the quota check,
  // atomic on both databases, so two nominations at once cannot both take the last place.
  await db.schema
    .createTable('training_unit_places')
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('training_unit_places_pk', ['course_id', 'unit_id'])
    .execute();

  // One row per person and session: a replayed scan or a second tick inserts nothing.
  await db.schema
    .createTable('training_attendance')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('training_people.id'))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('method', 'varchar(10)', (c) => c.notNull().check(sql`method in ('qr', 'sheet')`))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', stamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_attendance_pk', ['session_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('training_attendance_course')
    .on('training_attendance')
    .columns(['course_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('training_credits')
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('training_people.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('hours_tenths', 'integer', (c) => c.notNull().check(sql`hours_tenths > 0`))
    .addColumn('issued_at', stamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_credits_pk', ['course_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('training_credits_year_person')
    .on('training_credits')
    .columns(['year', 'person_id'])
    .execute();
}
