// The case list as the statistics' figures open it (issue 9: every figure links to its cases), rows of
// `npm run bench:tasks` (bench/tasks.bench.ts) held to the case lists' goal (p95 under 25 ms): the
// province's largest submitting organisation and handling department of the year's proposals, with the
// column filters a figure adds.
import type { Target } from './http.bench.ts';

const CASE_LIST = { p95GoalMs: 25 };

interface TopUnits {
  byOrganisation: { rows: { id: number }[] };
  byDepartment: { rows: { id: number }[] };
}

/** The figure-filtered case lists of the year's largest organisation and department (province staff). */
export async function caseFigureTargets(
  app: string,
  y: number,
  province: string,
): Promise<(Target & { p95GoalMs: number })[]> {
  const res = await fetch(`${app}/api/cases/statistics?type=proposal&year=${y}`, {
    headers: { cookie: province },
  });
  if (!res.ok) throw new Error(`case statistics answered ${res.status}`);
  const stats = (await res.json()) as TopUnits;
  const org = stats.byOrganisation.rows[0]?.id;
  const department = stats.byDepartment.rows[0]?.id;
  if (!org || !department) throw new Error('the benchmark year has no proposals by organisation');
  const list = `${app}/api/cases?type=proposal&year=${y}&submitted=true&limit=20`;
  return [
    {
      name: 'cases: province staff, per organisation',
      url: `${list}&organisationId=${org}`,
      cookie: province,
      ...CASE_LIST,
    },
    {
      name: 'cases: province staff, per department answered',
      url: `${list}&leadUnitId=${department}&answered=yes`,
      cookie: province,
      ...CASE_LIST,
    },
  ];
}
