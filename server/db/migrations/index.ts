import type { Migration } from 'kysely';
import * as foundation from './2026-11-27T01-foundation.ts';
import * as plans from './2026-11-27T02-plans.ts';
import * as auditNoTruncate from './2026-11-28T01-audit-no-truncate.ts';
import * as pendingTotp from './2026-11-28T02-pending-totp-and-request-hash.ts';
import * as unitNamesUnique from './2026-12-01T01-unit-names-unique.ts';
import * as auditKeyId from './2026-12-01T02-audit-key-id.ts';
import * as unitKeywordMaps from './2026-12-01T03-unit-keyword-maps.ts';
import * as accountHardening from './2026-12-01T04-account-hardening.ts';
import * as planRevisions from './2026-12-01T05-plan-revisions.ts';
import * as jobs from './2026-12-02T01-jobs.ts';
import * as attachments from './2026-12-02T02-attachments.ts';
import * as inbox from './2026-12-02T03-inbox.ts';
import * as tasks from './2026-12-02T04-tasks.ts';
import * as taskAssignedAt from './2026-12-02T05-task-assigned-at.ts';
import * as taskIndexes from './2026-12-02T06-task-indexes.ts';
import * as calendar from './2026-12-02T10-calendar.ts';
import * as taskCounters from './2026-12-02T11-task-counters.ts';
import * as channels from './2026-12-02T12-channels.ts';
import * as taskScopeOrder from './2026-12-02T13-task-scope-order.ts';
import * as taskSpeedCounters from './2026-12-02T13-task-speed-counters.ts';
import * as taskSpeedReportsBoard from './2026-12-02T13-task-speed-reports-board.ts';
import * as notices from './2026-12-02T14-notices.ts';
import * as instructions from './2026-12-02T15-instructions.ts';
import * as reminders from './2026-12-02T16-reminders.ts';
import * as dashboard from './2026-12-02T17-dashboard.ts';
import * as bulletins from './2026-12-02T18-bulletins.ts';
import * as taskSectionCounts from './2026-12-03T02-task-section-counts.ts';
import * as noticeColourWithdraw from './2026-12-03T03-notice-colour-withdraw.ts';
import * as cases from './2026-12-03T04-cases.ts';
import * as contacts from './2026-12-03T05-contacts.ts';
import * as proposalTerms from './2026-12-03T06-proposal-terms.ts';
import * as activities from './2026-12-04T01-activities.ts';
import * as pairings from './2026-12-04T02-pairings.ts';
import * as training from './2026-12-04T03-training.ts';
import * as caseMeetingOrganiser from './2026-12-04T04-case-meeting-organiser.ts';
import * as proposalIndexKeys from './2026-12-04T04-proposal-index-keys.ts';
import * as caseListCover from './2026-12-04T06-case-list-cover.ts';
import * as reportIndexTrim from './2026-12-04T07-report-index-trim.ts';
import * as watchFeedEvents from './2026-12-04T08-watch-feed-events.ts';
import * as activityReminderLadder from './2026-12-05T03-activity-reminder-ladder.ts';
import * as issue10ListIndexes from './2026-12-05T05-issue10-list-indexes.ts';
import * as caseLeadUnit from './2026-12-06T01-case-lead-unit.ts';
// act-speed (issue 10: 品牌活动 list and totals at province scale)
import * as activityListTotals from './2026-12-06T02-activity-list-totals.ts';
import * as trainingPersonHours from './2026-12-06T03-training-person-hours.ts';

// Listed by hand rather than read from the folder, so the set of migrations is visible in review and a
// stray file can never run. Names sort in the order they must run.
export const migrations: Record<string, Migration> = {
  '2026-11-27T01-foundation': foundation,
  '2026-11-27T02-plans': plans,
  '2026-11-28T01-audit-no-truncate': auditNoTruncate,
  '2026-11-28T02-pending-totp-and-request-hash': pendingTotp,
  '2026-12-01T01-unit-names-unique': unitNamesUnique,
  '2026-12-01T02-audit-key-id': auditKeyId,
  '2026-12-01T03-unit-keyword-maps': unitKeywordMaps,
  '2026-12-01T04-account-hardening': accountHardening,
  '2026-12-01T05-plan-revisions': planRevisions,
  '2026-12-02T01-jobs': jobs,
  '2026-12-02T02-attachments': attachments,
  '2026-12-02T03-inbox': inbox,
  '2026-12-02T04-tasks': tasks,
  '2026-12-02T05-task-assigned-at': taskAssignedAt,
  '2026-12-02T06-task-indexes': taskIndexes,
  '2026-12-02T10-calendar': calendar,
  '2026-12-02T11-task-counters': taskCounters,
  '2026-12-02T12-channels': channels,
  '2026-12-02T13-task-scope-order': taskScopeOrder,
  '2026-12-02T13-task-speed-counters': taskSpeedCounters,
  '2026-12-02T13-task-speed-reports-board': taskSpeedReportsBoard,
  '2026-12-02T14-notices': notices,
  '2026-12-02T15-instructions': instructions,
  '2026-12-02T16-reminders': reminders,
  '2026-12-02T17-dashboard': dashboard,
  '2026-12-02T18-bulletins': bulletins,
  '2026-12-03T02-task-section-counts': taskSectionCounts,
  '2026-12-03T03-notice-colour-withdraw': noticeColourWithdraw,
  '2026-12-03T04-cases': cases,
  '2026-12-03T05-contacts': contacts,
  '2026-12-03T06-proposal-terms': proposalTerms,
  '2026-12-04T01-activities': activities,
  '2026-12-04T02-pairings': pairings,
  '2026-12-04T03-training': training,
  '2026-12-04T04-case-meeting-organiser': caseMeetingOrganiser,
  '2026-12-04T04-proposal-index-keys': proposalIndexKeys,
  '2026-12-04T06-case-list-cover': caseListCover,
  '2026-12-04T07-report-index-trim': reportIndexTrim,
  '2026-12-04T08-watch-feed-events': watchFeedEvents,
  '2026-12-05T03-activity-reminder-ladder': activityReminderLadder,
  '2026-12-05T05-issue10-list-indexes': issue10ListIndexes,
  '2026-12-06T01-case-lead-unit': caseLeadUnit,
  '2026-12-06T02-activity-list-totals': activityListTotals,
  '2026-12-06T03-training-person-hours': trainingPersonHours,
};
