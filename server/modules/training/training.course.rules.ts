// What a course's dates must satisfy, when it is added to a draft plan and when it is edited there: within
// the plan's year, ends after it starts, every session on a day of the course. Each refusal names its
// field (details.problems), so the form shows it there.
import { appError } from '../../core/errors.ts';

const invalid = (message: string, path: string) =>
  appError('TRAINING_INVALID', message, {
    problems: [{ in: 'body', path, code: 'TRAINING_INVALID', message }],
  });

export function checkCourseDates(
  year: number,
  course: { startsOn: string; endsOn: string; sessions: ReadonlyArray<{ startsAt: string }> },
): void {
  if (course.endsOn < course.startsOn) throw invalid('结束日期不能早于开始日期', 'endsOn');
  const yearOf = (d: string) => Number(d.slice(0, 4));
  if (yearOf(course.startsOn) !== year) throw invalid(`课程日期应在计划年度 ${year} 年内`, 'startsOn');
  if (yearOf(course.endsOn) !== year) throw invalid(`课程日期应在计划年度 ${year} 年内`, 'endsOn');
  for (const [i, x] of course.sessions.entries()) {
    const day = x.startsAt.slice(0, 10);
    if (day < course.startsOn || day > course.endsOn)
      throw invalid(`第 ${i + 1} 个课次的日期不在课程起止日期内`, `sessions.${i}.startsAt`);
  }
}
