// The two ceilings of bench:tasks, in bare Fastify (no authentication, nothing of server/ registered): a
// constant route, and the city staff's task list page read by ONE prepared statement. bench/tasks.server.ts
// serves them beside the app under load; bench/tasks.cpu.ts measures their CPU time per request in-process.
import type SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { SUMMARY_COLUMNS } from '../server/modules/tasks/task.repository.ts';

export function ceilingServer(conn: SQLite.Database, year: number, cityPath: string) {
  // The ceiling reads the page jinan_staff's list reads (this year, the city's subtree, newest first), as
  // the list's own SQL does: the twenty ids from the subtree's index in page order (the city's path and
  // its '/', as task.list.repository.ts spells it), then the columns a list row shows (SUMMARY_COLUMNS in
  // task.repository.ts) and their names.
  const page = conn.prepare(
    `select ${SUMMARY_COLUMNS.map((c) => c.replace('tasks.', 't.')).join(', ')},
            r.name as region_name, u.name as lead_unit_name, u.kind as lead_unit_kind,
            u.region_code as lead_unit_region_code
       from tasks t join units u on u.id = t.lead_unit_id join regions r on r.code = t.region_code
      where t.id in (select id from tasks where year = ? and substr(region_path || '/', 1, 14) = ?
                      order by id desc limit ?)
      order by t.id desc`,
  );
  const ceiling = Fastify({ logger: false });
  ceiling.get('/bare', () => ({ ok: true }));
  ceiling.get('/page', () => ({
    items: page.all(year, `${cityPath}/`, 21).slice(0, 20),
    nextCursor: null,
  }));
  return ceiling;
}
