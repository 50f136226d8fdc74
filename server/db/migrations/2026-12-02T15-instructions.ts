import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code. Leaders' instructions (批示) on a task,
// a progress report or a supervision notice, the follow-up of a 批办 instruction (the responsible unit's
// reports back, the staff's requests for more and their confirmation), and each person's watch-list (关注).
//
// An instruction names its target by type and id (the registry in modules/instructions/targets.ts knows
// how to load each type). Every target so far belongs to a task, so `task_id` is kept for the timeline and
// the task page; the scope columns are the target's at the time of writing, used to narrow lists (every
// row read is checked against its live target again, see docs/decisions/instructions.md).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);
  const id = pg ? 'serial' : 'integer';
  const pk = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('instructions')
    .addColumn('id', id, pk)
    .addColumn('target_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('cascade'))
    // What the target was called when the instruction was written (lists show it without loading targets).
    .addColumn('target_title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    // act (批办: to be followed up), guide (指导), read (阅知).
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    // pending (待反馈) → reported (待确认) → done (已落实); info for 指导 / 阅知.
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('manager_region_path', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('follow_up_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_at', 'varchar(40)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('instructions_target')
    .on('instructions')
    .columns(['target_type', 'target_id', 'id'])
    .execute();
  await db.schema
    .createIndex('instructions_author')
    .on('instructions')
    .columns(['author_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('instructions_region')
    .on('instructions')
    .columns(['region_path', 'id'])
    .execute();
  await db.schema.createIndex('instructions_unit').on('instructions').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('instructions_task').on('instructions').columns(['task_id', 'id']).execute();

  // The thread under an instruction: the unit's reports back (反馈), staff asking for more (要求补充) and
  // the staff's confirmation (落实完毕), oldest first.
  await db.schema
    .createTable('instruction_follow_ups')
    .addColumn('id', id, pk)
    .addColumn('instruction_id', 'integer', (c) =>
      c.notNull().references('instructions.id').onDelete('cascade'),
    )
    // report | more | done
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text')
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('instruction_follow_ups_instruction')
    .on('instruction_follow_ups')
    .columns(['instruction_id', 'id'])
    .execute();

  // 关注: what each person follows. One row per person and object.
  await db.schema
    .createTable('watches')
    .addColumn('id', id, pk)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('target_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('watches_one_per_object', ['user_id', 'target_type', 'target_id'])
    .execute();
}
