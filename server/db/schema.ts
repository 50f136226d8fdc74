import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Table types for Kysely. Timestamps are ISO 8601 strings with the +08:00 offset (see core/clock.ts) so
// both dialects store, compare and hash them identically; booleans are 0/1 integers for the same reason.

export interface RegionTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  path: string;
  status: 'active' | 'disabled';
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UnitTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  status: 'active' | 'disabled';
  // JSON list of short names (简称) the unit is also known by, e.g. ["省发展改革委"].
  aliases: Generated<string>;
  // The unit's 负责人 (2026-12-02T16-reminders.ts): an active user of the unit, told at escalation step 2.
  head_user_id: Generated<number | null>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number | null;
  region_code: string | null;
  status: 'active' | 'disabled';
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_pending_secret: Generated<string | null>;
  totp_enabled: number;
  totp_last_step: number | null;
  // The last reset by an administrator (when, and who: a name to show), kept to tell the user.
  password_reset_at: Generated<string | null>;
  password_reset_by: Generated<string | null>;
  // When a one-time password (new account or reset) stops working; null for a password the user chose.
  one_time_password_expires_at: Generated<string | null>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  totp_pending: number;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  request_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
  // The audit key that sealed the row (HMAC-SM3); null for rows from before keyed chaining (plain SM3).
  key_id: string | null;
}

// The keyword → unit map of one region (关键词 → 单位); keywords is JSON [{ keyword, unit }].
export interface UnitKeywordMapTable {
  region_code: string;
  keywords: string;
  version: Generated<number>;
  updated_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
  version: Generated<number>;
  updated_at: string;
}

export interface IdempotencyKeyTable {
  user_id: number;
  key: string;
  method: string;
  url: string;
  status_code: number;
  body: string;
  request_hash: string | null;
  created_at: string;
}

export interface Database {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  unit_keyword_maps: UnitKeywordMapTable;
  idempotency_keys: IdempotencyKeyTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  plan_items: PlanItemTable;
  tasks: TaskTable;
  bulletins: BulletinTable;
  proposal_index: ProposalIndexTable;
  proposal_terms: ProposalTermTable;
  proposal_term_frequencies: ProposalTermFrequencyTable;
  task_cooperators: TaskCooperatorTable;
  task_milestones: TaskMilestoneTable;
  task_indicators: TaskIndicatorTable;
  task_events: TaskEventTable;
  task_adjustments: TaskAdjustmentTable;
  progress_reports: ProgressReportTable;
  report_contributions: ReportContributionTable;
  task_health_history: TaskHealthHistoryTable;
  task_imports: TaskImportTable;
  task_counts: TaskCountTable;
  task_scope_counts: TaskScopeCountTable;
  task_section_counts: TaskSectionCountTable;
  task_review_counts: TaskReviewCountTable;
  report_missing_counts: ReportMissingCountTable;
  report_board_state: ReportBoardStateTable;
  plan_item_rollups: PlanItemRollupTable;
  task_unit_counts: TaskUnitCountTable;
  task_health_months: TaskHealthMonthTable;
  task_health_months_settled: TaskHealthMonthSettledTable;
  jobs: JobTable;
  attachments: AttachmentTable;
  messages: MessageTable;
  calendar_days: CalendarDayTable;
  channel_settings: ChannelSettingsTable;
  webhooks: WebhookTable;
  notification_settings: NotificationSettingsTable;
  deliveries: DeliveryTable;
  notices: NoticeTable;
  notice_copies: NoticeCopyTable;
  notice_events: NoticeEventTable;
  notice_colour_history: NoticeColourHistoryTable;
  reminder_ledger: ReminderLedgerTable;
  instructions: InstructionTable;
  instruction_follow_ups: InstructionFollowUpTable;
  watches: WatchTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_signers: CaseSignerTable;
  case_handlers: CaseHandlerTable;
  case_answers: CaseAnswerTable;
  case_ratings: CaseRatingTable;
  case_instructions: CaseInstructionTable;
  case_projects: CaseProjectTable;
  case_meetings: CaseMeetingTable;
  contact_organisations: ContactOrganisationTable;
  contacts: ContactTable;
  training_plans: TrainingPlanTable;
  training_courses: TrainingCourseTable;
  training_sessions: TrainingSessionTable;
  training_people: TrainingPersonTable;
  training_nominations: TrainingNominationTable;
  training_unit_places: TrainingUnitPlacesTable;
  training_attendance: TrainingAttendanceTable;
  training_credits: TrainingCreditTable;
  pairings: PairingTable;
  pairing_updates: PairingUpdateTable;
  training_person_hours: TrainingPersonHoursTable;
}

export type RegionRow = Selectable<RegionTable>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditRow = Selectable<AuditLogTable>;

// Plans (工作要点): see server/db/migrations/2026-11-27T02-plans.ts. JSON columns are text on both dialects.
export interface PlanTable {
  id: Generated<number>;
  region_code: string;
  year: number;
  title: string;
  status: PlanStatus;
  outline_meta: string;
  source_text: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: number | null;
  // The published plan this draft revises (修订稿), or null (2026-12-01T05-plan-revisions.ts).
  revision_of: Generated<number | null>;
  // JSON PlanNotice: what readers are told about the last revision, withdrawal or repeal; null if none.
  notice: Generated<string | null>;
}

export type PlanStatus = 'draft' | 'published' | 'repealed';

export interface PlanVersionTable {
  plan_id: number;
  version_no: number;
  action: string;
  title: string;
  status: PlanStatus;
  outline: string;
  item_count: number;
  created_by: number | null;
  created_at: string;
}

export interface PlanItemTable {
  id: Generated<number>;
  plan_id: number;
  parent_id: number | null;
  position: number;
  ord: number;
  depth: number;
  number: string | null;
  heading: string;
  body: string;
  lead: string;
  cooperating: string;
  brand_activities: string;
  proposed_tasks: string;
  search_tokens: string;
  aligned_to: number | null;
  aligned_by: number | null;
  aligned_at: string | null;
  // In a revision: the item of the published plan this one was copied from (kept when published).
  source_item_id: Generated<number | null>;
}

export type PlanRow = Selectable<PlanTable>;
export type PlanVersionRow = Selectable<PlanVersionTable>;
export type PlanItemRow = Selectable<PlanItemTable>;
export type NewPlanItem = Insertable<PlanItemTable>;

// Tasks and progress reports: see server/db/migrations/2026-12-02T04-tasks.ts. Dates are 'YYYY-MM-DD'.
export type TaskSource = 'plan' | 'leader' | 'meeting' | 'other';
export type TaskCycle = 'monthly' | 'quarterly' | 'milestone' | 'none';
export type TaskStatus =
  'draft' | 'assigned' | 'accepted' | 'completion_requested' | 'completed' | 'cancelled';
export type Health = 'green' | 'yellow' | 'red' | 'none';
export type ReportStatus = 'due' | 'draft' | 'submitted' | 'returned' | 'accepted';

export interface TaskTable {
  id: Generated<number>;
  year: number;
  // The lead unit's region (who may see the task) and the region whose staff manage it.
  region_code: string;
  region_path: string;
  manager_region_code: string;
  manager_region_path: string;
  plan_id: number | null;
  plan_item_id: number | null;
  plan_section_id: number | null;
  parent_id: number | null;
  depth: Generated<number>;
  source: TaskSource;
  title: string;
  description: Generated<string>;
  lead_unit_id: number;
  responsible_user_id: number | null;
  start_date: string;
  due_date: string;
  weight: Generated<number>;
  cycle: TaskCycle;
  report_day: Generated<number>;
  status: TaskStatus;
  // When the task was assigned (交办); reports are owed for periods due from that day on. Null: a draft,
  // or a task assigned before the column existed (owes every period).
  assigned_at: Generated<string | null>;
  progress: Generated<number>;
  health: Generated<Health>;
  // JSON [{ code, message }]
  health_reasons: Generated<string>;
  health_changed_at: string | null;
  child_count: Generated<number>;
  // How many of its reports await review (status 'submitted'): kept by the report's status changes.
  reports_submitted: Generated<number>;
  completion_summary: string | null;
  // The reason given to cancel the task, or the comment returning a completion request.
  end_reason: string | null;
  ended_at: string | null;
  import_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

// Counters kept on write (2026-12-02T11-task-counters.ts, docs/decisions/task-counters.md).
export interface TaskCountTable {
  region_path: string;
  year: number;
  // 0: no plan section.
  section_id: number;
  status: TaskStatus;
  health: Health;
  // 1: led by a lower region's 统战部 and not yet decomposed into child tasks.
  undecomposed: number;
  n: number;
}

// Counters kept on write (2026-12-02T13-task-speed-counters.ts, docs/decisions/task-scope-counters.md):
// task_counts again, once for every region at or above the task's (its subtree), without the section.
export interface TaskScopeCountTable {
  scope_path: string;
  // The subtree's parent region path; '' for a root.
  parent_path: string;
  year: number;
  status: TaskStatus;
  health: Health;
  undecomposed: number;
  n: number;
}

/** Tasks with a report to review, per subtree that both sees and manages them, by colour. */
export interface TaskReviewCountTable {
  scope_path: string;
  health: Health;
  n: number;
}

/**
 * Tasks per (subtree, year, plan section; 0: none), one column per colour, kept on write for every region
 * at or above the task's region (2026-12-03T02-task-section-counts.ts): the 工作台's colours by section.
 */
export interface TaskSectionCountTable {
  scope_path: string;
  year: number;
  section_id: number;
  green: number;
  yellow: number;
  red: number;
  none: number;
}

/** Tasks per (region, year, lead unit, status, colour), kept on write: the dashboard's "by lead unit". */
export interface TaskUnitCountTable {
  region_path: string;
  year: number;
  lead_unit_id: number;
  status: TaskStatus;
  health: Health;
  n: number;
}

/** Tasks of a plan year of each colour at the end of a month, per region (from the colour history). */
export interface TaskHealthMonthTable {
  year: number;
  month: number;
  region_path: string;
  health: Health;
  n: number;
}

/** The not-yet-reported board's counters per lead unit (docs/decisions/report-board-counters.md). */
export interface ReportMissingCountTable {
  lead_unit_id: number;
  region_path: string;
  // Reports due or in draft whose due date is before the settled day.
  missing: number;
  // Reports returned and not yet resubmitted.
  returned: number;
}

/** One row: the day up to which report_missing_counts.missing has counted the reports falling due. */
export interface ReportBoardStateTable {
  id: number;
  // '' until the first settlement.
  settled_day: string;
}

/** The months of a plan year task_health_months holds (1 … through_month). */
export interface TaskHealthMonthSettledTable {
  year: number;
  through_month: number;
  settled_at: string;
}

/** A plan item's roll-up of its top-level tasks, kept on every task change. */
export interface PlanItemRollupTable {
  plan_item_id: number;
  tasks: number;
  // Tasks that count toward progress (not cancelled), the sums of their weights, of weight × progress
  // (completed counts as 100), and of progress alone (used when every weight is 0).
  counted: number;
  weight_sum: number;
  weighted_sum: number;
  plain_sum: number;
  progress: number | null;
  green: number;
  yellow: number;
  red: number;
  none: number;
}

export interface TaskCooperatorTable {
  task_id: number;
  unit_id: number;
}

export interface TaskMilestoneTable {
  id: Generated<number>;
  task_id: number;
  position: number;
  title: string;
  due_date: string;
  done_date: string | null;
  evidence: Generated<string>;
}

export interface TaskIndicatorTable {
  id: Generated<number>;
  task_id: number;
  position: number;
  name: string;
  measure_unit: Generated<string>;
  baseline: number | null;
  target: number;
  actual: number | null;
  higher_is_better: Generated<number>;
}

export interface TaskEventTable {
  id: Generated<number>;
  task_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  kind: string;
  detail: Generated<string>;
}

export interface TaskAdjustmentTable {
  id: Generated<number>;
  task_id: number;
  kind: 'deadline' | 'lead' | 'scope';
  reason: string;
  proposal: string;
  status: Generated<'pending' | 'approved' | 'refused'>;
  requested_by: number;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface ProgressReportTable {
  id: Generated<number>;
  task_id: number;
  period_key: string;
  period_start: string;
  period_end: string;
  due_date: string;
  region_path: string;
  manager_region_path: string;
  lead_unit_id: number;
  status: ReportStatus;
  percent: number | null;
  narrative: Generated<string>;
  indicator_values: Generated<string>;
  milestones_reached: Generated<string>;
  problems: Generated<string>;
  next_steps: Generated<string>;
  late: Generated<number>;
  submitted_at: string | null;
  submitted_by: number | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  review_comment: string | null;
  returned_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ReportContributionTable {
  task_id: number;
  period_key: string;
  unit_id: number;
  text: string;
  updated_by: number;
  updated_at: string;
  version: Generated<number>;
}

export interface TaskHealthHistoryTable {
  id: Generated<number>;
  task_id: number;
  at: string;
  health: Health;
  reasons: string;
}

export interface TaskImportTable {
  id: Generated<number>;
  plan_id: number;
  file_hash: string;
  file_name: string;
  task_count: number;
  created_by: number | null;
  created_at: string;
}

export type TaskRow = Selectable<TaskTable>;
/** @public Not used yet: kept for the tasks work still landing (knip does not report @public). */
export type NewTask = Insertable<TaskTable>;
/** @public Not used yet: kept for the tasks work still landing (knip does not report @public). */
export type ProgressReportRow = Selectable<ProgressReportTable>;

// The job runner's queue (server/core/jobs/, 2026-12-02T01-jobs.ts). payload is JSON text.
export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'dead';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  // Names one occurrence (dedupe key), unique; null when the job needs no deduplication.
  key: string | null;
  payload: string;
  run_at: string;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: number;
  last_error: Generated<string | null>;
  last_error_at: Generated<string | null>;
  locked_by: Generated<string | null>;
  locked_until: Generated<string | null>;
  finished_at: Generated<string | null>;
  created_at: string;
}

export type JobRow = Selectable<JobTable>;
// Evidence files (附件): see server/db/migrations/2026-12-02T02-attachments.ts.
export interface AttachmentTable {
  id: Generated<number>;
  // SM3 of the content: its name in the file store.
  hash: string;
  file_name: string;
  // Bytes; an integer column (the configured limit is at most 1 GB).
  size: number;
  mime: string;
  uploaded_by: number;
  uploaded_at: string;
  // The record the file belongs to (registered owner types: attachments/attachment.owners.ts); null
  // while unattached.
  owner_type: string | null;
  owner_id: number | null;
  attached_at: string | null;
}

export type AttachmentRow = Selectable<AttachmentTable>;
// The in-app inbox (站内消息): see server/db/migrations/2026-12-02T03-inbox.ts and server/core/notify/.
export interface MessageTable {
  id: Generated<number>;
  recipient_id: number;
  kind: string;
  title: string;
  body: string;
  object_type: string | null;
  object_id: string | null;
  // The web app path the message opens (/tasks/12), or null when it names nothing to open.
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export type MessageRow = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;

// The staff's corrections to the shipped holiday arrangement: see 2026-12-02T10-calendar.ts.
export interface CalendarDayTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  version: number;
  updated_at: string;
  updated_by: number | null;
}

export type CalendarDayRow = Selectable<CalendarDayTable>;

// Channels beyond the inbox: see server/db/migrations/2026-12-02T12-channels.ts.
export interface ChannelSettingsTable {
  id: number;
  email_enabled: number;
  smtp_host: string;
  smtp_port: number;
  smtp_secure: number;
  smtp_user: string;
  // Sealed with the secret key (core/crypto.ts SecretBox), never sent back to a browser.
  smtp_password: string | null;
  mail_from: string;
  // The address people open Luoshi at (https://…), for the links in e-mails and robot messages.
  public_url: string;
  version: number;
  updated_at: string;
}

export type WebhookFormat = 'dingtalk' | 'wecom' | 'json';
export interface WebhookTable {
  id: Generated<number>;
  name: string;
  format: WebhookFormat;
  url: string;
  // 钉钉 加签 secret, sealed; null when the robot is not signed.
  secret: string | null;
  // JSON list of message kinds sent to it; empty: every kind.
  kinds: string;
  // Only messages addressed to people of this unit (a unit's own group); null: every message.
  unit_id: number | null;
  enabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export type DeliveryMode = 'immediate' | 'digest' | 'inapp';
export interface NotificationSettingsTable {
  user_id: number;
  email: string | null;
  // JSON object: message kind → DeliveryMode; a kind not listed is sent immediately.
  modes: string;
  // 'HH:MM' (Asia/Shanghai) when the daily digest goes out.
  digest_time: string;
  // The day ('YYYY-MM-DD', Shanghai) the last digest went out: one a day.
  digest_sent_on: string | null;
  version: number;
  updated_at: string;
}

export interface DeliveryTable {
  id: Generated<number>;
  channel: 'email' | 'webhook';
  user_id: number | null;
  webhook_id: number | null;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  // held: an e-mail waiting for the user's daily digest.
  status: 'held' | 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  // JSON number[]: the units it was sent to, whose people may read it.
  sent_units: Generated<string>;
}

export type ChannelSettingsRow = Selectable<ChannelSettingsTable>;
export type WebhookRow = Selectable<WebhookTable>;
export type NotificationSettingsRow = Selectable<NotificationSettingsTable>;
export type DeliveryRow = Selectable<DeliveryTable>;

// Supervision notices (督办单): see server/db/migrations/2026-12-02T14-notices.ts.
export type NoticeLevel = 'general' | 'key' | 'listed';
export type NoticeStatus =
  | 'issued'
  | 'signed'
  | 'responded'
  | 'rectifying'
  | 'done_reported'
  | 'delist_requested'
  | 'closed'
  | 'withdrawn';
export type NoticeRating = 'good' | 'fair' | 'average' | 'poor';

export interface NoticeTable {
  id: Generated<number>;
  task_id: number;
  report_id: number | null;
  level: NoticeLevel;
  status: NoticeStatus;
  reason: string;
  requirements: string;
  response_due: string;
  fix_due: string | null;
  active_due: string | null;
  region_code: string;
  region_path: string;
  manager_region_code: string;
  manager_region_path: string;
  lead_unit_id: number;
  issued_by: number;
  issuer_name: string;
  issued_at: string;
  signed_at: string | null;
  measures: string | null;
  responded_at: string | null;
  completion: string | null;
  completed_at: string | null;
  review_comment: string | null;
  rating: NoticeRating | null;
  closed_at: string | null;
  // The colour last settled (2026-12-03T03-notice-colour-withdraw.ts); null until first settled.
  colour: Generated<NoticeSettledColour | null>;
  // 撤回 before the unit signed: when and why.
  withdrawn_at: Generated<string | null>;
  withdraw_reason: Generated<string | null>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export type NoticeRow = Selectable<NoticeTable>;
export type NoticeSettledColour = 'green' | 'yellow' | 'red' | 'none';

// Every change of a notice's colour with its reason, like task_health_history.
export interface NoticeColourHistoryTable {
  id: Generated<number>;
  notice_id: number;
  at: string;
  colour: NoticeSettledColour;
  reason: string;
}

export interface NoticeCopyTable {
  notice_id: number;
  unit_id: number;
}

export interface NoticeEventTable {
  id: Generated<number>;
  notice_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  kind: string;
  detail: Generated<string>;
}

// Reminders and escalation sent (2026-12-02T16-reminders.ts): the primary key is what makes each step once.
export interface ReminderLedgerTable {
  object_type: string;
  object_id: string;
  deadline_kind: string;
  due_date: string;
  step: number;
  outcome: 'sent' | 'skipped';
  recipients: number;
  sent_at: string;
}

// 批示 (modules/instructions): act = 批办, guide = 指导, read = 阅知.
export type InstructionKind = 'act' | 'guide' | 'read';
// pending 待反馈, reported 待确认, done 已落实; info: 指导 / 阅知, nothing to follow up.
export type InstructionStatus = 'pending' | 'reported' | 'done' | 'info';
export interface InstructionTable {
  id: Generated<number>;
  target_type: string;
  target_id: number;
  task_id: number | null;
  target_title: string;
  link: string;
  kind: InstructionKind;
  status: InstructionStatus;
  text: string;
  author_id: number;
  author_name: string;
  region_path: string;
  manager_region_path: string;
  unit_id: number;
  follow_up_count: Generated<number>;
  done_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type FollowUpKind = 'report' | 'more' | 'done';
export interface InstructionFollowUpTable {
  id: Generated<number>;
  instruction_id: number;
  kind: FollowUpKind;
  text: string;
  actor_id: number | null;
  actor_name: string;
  unit_name: string | null;
  at: string;
}

export interface WatchTable {
  id: Generated<number>;
  user_id: number;
  target_type: string;
  target_id: number;
  created_at: string;
}

export type InstructionRow = Selectable<InstructionTable>;
export type InstructionFollowUpRow = Selectable<InstructionFollowUpTable>;
export type WatchRow = Selectable<WatchTable>;

// 督办通报 (2026-12-02T18-bulletins.ts): a region's monthly or quarterly bulletin, drafted from the record.
export interface BulletinTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  period_kind: 'month' | 'quarter';
  // '2026-11' or '2026-Q4', the keys progress reports use.
  period_key: string;
  title: string;
  // 发文机关署名: the region's 统战部.
  issuer: string;
  status: 'draft' | 'issued';
  // JSON BulletinSection[] (modules/bulletins/bulletin.sections.ts)
  sections: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  // 成文日期 (yyyy-mm-dd, Asia/Shanghai), set when issued.
  issued_on: string | null;
  issued_by: number | null;
  // When it was last sent to the units' inboxes.
  sent_at: string | null;
  // JSON number[]: the units it was sent to, whose people may read it.
  sent_units: Generated<string>;
}

// Cases (issue 9; server/db/migrations/2026-12-03T04-cases.ts). The type, state, action, rating and
// category names are the engine's (server/modules/cases/engine/types.ts); stored as plain strings here.
export interface CaseTable {
  id: Generated<number>;
  type: string;
  year: number;
  subtype: string | null;
  region_code: string;
  region_path: string;
  submitter_region_code: string;
  submitter_region_path: string;
  submitter_org_id: number;
  submitter_unit_id: number;
  submitter_user_id: number;
  submitter_name: string;
  title: string;
  // JSON: the type's body (proposal: situation/analysis/suggestions …), validated by the type's schema.
  body: string;
  state: string;
  round: Generated<number>;
  is_key: Generated<number>;
  merged_into_id: number | null;
  lead_unit_id: number | null;
  due_date: string | null;
  project_id: number | null;
  meeting_id: number | null;
  contact_id: number | null;
  adopted: Generated<number>;
  adoption_note: string | null;
  adopted_at: string | null;
  task_id: number | null;
  submitted_at: string | null;
  accepted_at: string | null;
  forwarded_at: string | null;
  answered_at: string | null;
  answered_on_time: number | null;
  satisfaction: string | null;
  closed_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export type CaseRow = Selectable<CaseTable>;

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  from_state: string;
  to_state: string;
  comment: string | null;
  payload: Generated<string>;
}

export interface CaseSignerTable {
  case_id: number;
  user_id: number;
  name: string;
  // invited | confirmed | declined
  status: string;
  confirm_by: string;
  invited_at: string;
  responded_at: string | null;
}

export interface CaseHandlerTable {
  case_id: number;
  unit_id: number;
  // lead | cooperating
  role: string;
  due_date: string;
  assigned_at: string;
}

export interface CaseAnswerTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  round: number;
  role: string;
  letter: string;
  category: string | null;
  attachment_ids: Generated<string>;
  due_date: string | null;
  on_time: number;
  answered_by: number;
  answerer_name: string;
  answered_at: string;
}

export interface CaseRatingTable {
  case_id: number;
  round: number;
  rater_id: number;
  rater_name: string;
  rating: string;
  comment: string | null;
  rated_at: string;
}

export interface CaseInstructionTable {
  id: Generated<number>;
  case_id: number;
  leader: string;
  level: string;
  given_on: string;
  text: string;
  recorded_by: number;
  recorded_at: string;
}

export interface CaseProjectTable {
  id: Generated<number>;
  year: number;
  region_code: string;
  region_path: string;
  topic: string;
  scope: string;
  period_from: string;
  period_to: string;
  party_unit_id: number;
  agency_unit_id: number;
  // open | closed
  state: string;
  summary: string | null;
  party_rating: string | null;
  party_comment: string | null;
  agency_rating: string | null;
  agency_comment: string | null;
  closed_at: string | null;
  created_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CaseMeetingTable {
  id: Generated<number>;
  year: number;
  region_code: string;
  region_path: string;
  title: string;
  held_on: string;
  place: Generated<string>;
  attendees: Generated<string>;
  notes: Generated<string>;
  created_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  // 主办单位 (2026-12-04T04-case-meeting-organiser); '' on meetings recorded before it.
  organiser: Generated<string>;
}

// 联系人 (modules/contacts, 2026-12-03T05-contacts.ts). Phone and e-mail only sealed (core/personal-data.ts)
// with a keyed blind index; no column for religion, ethnicity, political views or judgements of a person.
export interface ContactOrganisationTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  kind: 'party' | 'federation' | 'enterprise' | 'other';
  name: string;
  unit_id: number | null;
  federation_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ContactTable {
  id: Generated<number>;
  organisation_id: number;
  region_path: string;
  name: string;
  title: string | null;
  phone_sealed: string | null;
  phone_index: string | null;
  email_sealed: string | null;
  email_index: string | null;
  legal_basis: 'duty' | 'consent';
  consent_on: string | null;
  anonymised_at: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A proposal (case) in the similarity index (docs/decisions/proposal-similarity.md). */
export interface ProposalIndexTable {
  case_id: number;
  indexed_at: string;
}

/** One of an indexed proposal's heaviest features: the postings looked up at review time. */
export interface ProposalTermTable {
  term: string;
  case_id: number;
}

/** How many indexed proposals hold a feature. */
export interface ProposalTermFrequencyTable {
  term: string;
  documents: number;
}

// 万企兴万村 pairings (server/db/migrations/2026-12-04T02-pairings.ts). Money in 分 as bigint: PostgreSQL
// answers int8 as text, SQLite as a number; the pairings repository parses either into a bigint.
export interface PairingTable {
  id: Generated<number>;
  year: number;
  enterprise_id: number;
  federation_id: number;
  federation_unit_id: number | null;
  contact_id: number | null;
  village_code: string;
  village_names: string;
  region_code: string;
  region_path: string;
  project_type: 'industry' | 'employment' | 'consumption' | 'charity' | 'other';
  title: string;
  description: string;
  invested_fen: number | string | bigint;
  income_fen: number | string | bigint;
  people_helped: number;
  jobs_created: number;
  stage: 'planned' | 'ongoing' | 'completed' | 'stopped';
  status: 'submitted' | 'approved' | 'rejected';
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PairingUpdateTable {
  id: Generated<number>;
  pairing_id: number;
  reported_on: string;
  note: string;
  invested_fen: number | string | bigint;
  income_fen: number | string | bigint;
  people_helped: number;
  jobs_created: number;
  stage: 'planned' | 'ongoing' | 'completed' | 'stopped';
  attachment_ids: string;
  created_by: number | null;
  created_at: string;
}

// 品牌活动 (modules/activities, 2026-12-04T01-activities.ts): declared as a second part of Database
// (interface merging) so this block stays apart from the others at a merge.
export interface Database {
  activity_brands: ActivityBrandTable;
  activity_brand_items: { brand_id: number; plan_item_id: number };
  activity_brand_units: { brand_id: number; unit_id: number };
  activity_events: ActivityEventTable;
  activity_event_log: ActivityEventLogTable;
  activity_checklist_items: ActivityChecklistItemTable;
  activity_outcomes: ActivityOutcomeTable;
  activity_followups: ActivityFollowupTable;
  activity_project_history: ActivityProjectHistoryTable;
}

export type ActivityState = 'planned' | 'preparing' | 'held' | 'reviewed' | 'closed';
export type ActivityOutcomeKind =
  'project' | 'talents' | 'enterprises_in' | 'enterprises_out' | 'villages' | 'other';

export interface ActivityBrandTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  name: string;
  source: 'plan' | 'manual';
  description: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityEventTable {
  id: Generated<number>;
  brand_id: number | null;
  name: string;
  year: number;
  plan_item_id: number | null;
  task_id: number | null;
  start_date: string;
  end_date: string;
  place_region_code: string;
  place_region_path: string;
  address: Generated<string>;
  organiser_unit_id: number;
  owner_region_path: string;
  // JSON [unit id]
  co_organisers: string;
  // JSON [{ kind, name, count }]
  participants: string;
  agenda: Generated<string>;
  summary: Generated<string>;
  review: Generated<string>;
  state: ActivityState;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityEventLogTable {
  id: Generated<number>;
  event_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: Generated<string>;
}

export interface ActivityChecklistItemTable {
  id: Generated<number>;
  event_id: number;
  title: string;
  owner_unit_id: number;
  due_date: string;
  done_on: string | null;
}

export interface ActivityOutcomeTable {
  id: Generated<number>;
  event_id: number;
  kind: ActivityOutcomeKind;
  name: string;
  enterprise: string | null;
  amount_fen: number | null;
  stage: string | null;
  status: string | null;
  responsible_unit_id: number | null;
  region_code: string;
  region_path: string;
  quantity: number;
  value: string | null;
  measure_unit: string | null;
  task_indicator_id: number | null;
  indicator_amount: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityFollowupTable {
  id: Generated<number>;
  outcome_id: number;
  kind: 'start' | 'production' | 'funding';
  due_date: string;
  done_on: string | null;
}

export interface ActivityProjectHistoryTable {
  id: Generated<number>;
  outcome_id: number;
  at: string;
  status: string;
  note: Generated<string>;
  actor_name: string | null;
}

// 干部培训 (modules/training, 2026-12-04T03-training.ts). Hours in integer tenths of a 学时.
export interface TrainingPlanTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  year: number;
  title: string;
  status: 'draft' | 'approved';
  approved_by: number | null;
  approved_at: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingCourseTable {
  id: Generated<number>;
  plan_id: number;
  title: string;
  organiser: string;
  place: string;
  starts_on: string;
  ends_on: string;
  places_per_unit: number;
  status: 'open' | 'closed';
  closed_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TrainingSessionTable {
  id: Generated<number>;
  course_id: number;
  starts_at: string;
  hours_tenths: number;
  topic: string;
  version: Generated<number>;
}

/** A person trained: a Luoshi user, or a minimal contact (name, unit, title) and nothing more. */
export interface TrainingPersonTable {
  id: Generated<number>;
  unit_id: number;
  user_id: number | null;
  name: string;
  title: string | null;
  created_at: string;
}

export interface TrainingNominationTable {
  id: Generated<number>;
  course_id: number;
  unit_id: number;
  person_id: number;
  status: 'pending' | 'approved' | 'refused';
  reason: string | null;
  nominated_by: number | null;
  decided_by: number | null;
  decided_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface TrainingUnitPlacesTable {
  course_id: number;
  unit_id: number;
  used: Generated<number>;
}

export interface TrainingAttendanceTable {
  session_id: number;
  person_id: number;
  course_id: number;
  method: 'qr' | 'sheet';
  recorded_by: number | null;
  recorded_at: string;
}

export interface TrainingCreditTable {
  course_id: number;
  person_id: number;
  unit_id: number;
  year: number;
  hours_tenths: number;
  issued_at: string;
}

// 干部培训's hours kept on write (2026-12-06T03-training-person-hours.ts): a person held to a year's
// requirement, with that year's credits summed (tenths) and the person's unit.
export interface TrainingPersonHoursTable {
  year: number;
  person_id: number;
  unit_id: number;
  tenths: Generated<number>;
}
