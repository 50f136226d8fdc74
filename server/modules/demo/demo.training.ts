// The demo year's 干部培训: the province's plan of two courses at the 社会主义学院, approved by the leader;
// 省发展改革委 nominates two people (both Luoshi users) and staff a contact of 济南市委统战部; the first course
// is attended (one person misses a session), closed and credited; the second is open for nominations.
import type { Services } from '../../core/services.ts';
import {
  addCourseById,
  approveNominationById,
  approvePlanById,
  attendanceById,
  closeCourseById,
  createTrainingPlan,
  nominateById,
} from '../training/index.ts';
import type { DemoPeople } from './demo.people.ts';

export async function seedDemoTraining(s: Services, people: DemoPeople, year: number): Promise<void> {
  const staff = people.ctx('staff');
  const leader = people.ctx('leader');
  const handler = people.ctx('handler');
  const plan = await createTrainingPlan(s, staff, { year, title: `${year}年全省统战干部培训计划` });
  const course = (
    await addCourseById(s, staff, plan.id, {
      title: '党外干部履职能力专题培训班',
      organiser: '山东社会主义学院',
      place: '济南市历城区',
      startsOn: `${year}-03-16`,
      endsOn: `${year}-03-18`,
      placesPerUnit: 3,
      sessions: [
        { startsAt: `${year}-03-16T09:00`, hours: 3.5, topic: '新时代爱国统一战线' },
        { startsAt: `${year}-03-17T09:00`, hours: 3.5, topic: '民营经济统战工作' },
        { startsAt: `${year}-03-18T09:00`, hours: 3, topic: '现场教学' },
      ],
    })
  ).id;
  await addCourseById(s, staff, plan.id, {
    title: '统战干部网络培训班',
    organiser: '山东社会主义学院',
    place: '线上',
    startsOn: `${year}-11-10`,
    endsOn: `${year}-11-12`,
    placesPerUnit: 2,
    sessions: [
      { startsAt: `${year}-11-10T14:00`, hours: 4, topic: '统战政策法规' },
      { startsAt: `${year}-11-12T14:00`, hours: 4, topic: '案例研讨' },
    ],
  });
  await approvePlanById(s, leader, plan.id);
  const ndrc = people.unitId('山东省发展和改革委员会');
  await nominateById(s, handler, course, { unitId: ndrc, userId: people.ctx('handler').actor!.userId });
  await nominateById(s, handler, course, { unitId: ndrc, userId: people.ctx('ndrc_head').actor!.userId });
  let c = await nominateById(s, staff, course, {
    unitId: people.unitId('中共济南市委统战部'),
    name: '王建国',
    title: '干部科科长',
  });
  for (const n of c.course.nominations) c = { ...c, course: await approveNominationById(s, staff, n.id) };
  const everyone = c.course.nominations.map((n) => n.personId);
  const [first, second, third] = c.course.sessions;
  await attendanceById(s, staff, first!.id, everyone);
  await attendanceById(s, staff, second!.id, everyone);
  // 王建国 missed the field trip: he is credited with the first two sessions only.
  await attendanceById(s, staff, third!.id, everyone.slice(0, 2));
  await closeCourseById(s, staff, course);
}
