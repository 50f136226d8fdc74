// The kinds of message Luoshi sends, in one place, each with the label a person reads (站内消息类型).
// A new kind is added here first; the inbox shows the label, later channels (e-mail, webhook, digests)
// group and word their messages by it.

export const MESSAGE_KINDS = {
  // A task was assigned to the recipient's unit (任务交办): sign for it or ask for an adjustment.
  'task.assigned': '任务交办',
  // A progress report came back with the reviewer's comment (填报退回): fix and resubmit it.
  'report.returned': '填报退回',
  // A progress report was accepted (填报通过).
  'report.accepted': '填报通过',
  // A request to adjust a task (deadline, lead unit, scope) was approved or refused (调整申请结果).
  'adjustment.decided': '调整申请结果',
  // A reminder from the not-yet-reported board (催报提醒).
  'report.reminder': '催报提醒',
  // Staff confirmed a task complete (办结确认).
  'task.completed': '办结确认',
  // Staff sent a completion request back with a comment (办结退回): the task is in progress again.
  'task.completion_returned': '办结退回',
  // A supervision notice (督办单) reached the recipient's unit, as lead unit or copied to it (督办下发).
  'notice.issued': '督办下发',
  // The lead unit responded to a notice or reported it fixed (督办反馈): staff review it.
  'notice.responded': '督办反馈',
  // Staff accepted the unit's response (督办反馈通过): the unit now fixes the problem by its date.
  'notice.accepted': '督办反馈通过',
  // Staff sent a response back, or a leader refused to delist (督办退回), with a comment.
  'notice.returned': '督办退回',
  // Staff ask a leader to agree that a 挂牌督办 notice be delisted (摘牌申请).
  'notice.delist_requested': '摘牌申请',
  // The notice was closed, with its rating (督办办结).
  'notice.closed': '督办办结',
  // Staff withdrew a notice before the unit signed for it (督办撤回), with the reason: nothing to do.
  'notice.withdrawn': '督办撤回',
  // A deadline is near (到期提醒): a task, milestone, report or notice response due in a few working days.
  'reminder.due': '到期提醒',
  // A deadline was missed and the escalation ladder reached a step (逾期督办): handlers, head, staff, leader.
  'escalation.step': '逾期督办',
  // A leader wrote an instruction (领导批示) on something of the recipient's unit or region.
  'instruction.created': '领导批示',
  // The responsible unit reported back on a 批办 instruction (批示反馈): for its author and the staff.
  'instruction.followed_up': '批示反馈',
  // Staff asked the unit for more on a 批办 instruction (批示补充反馈).
  'instruction.more_requested': '批示补充反馈',
  // Staff confirmed a 批办 instruction carried out (批示落实完毕).
  'instruction.done': '批示落实完毕',
  // A region's staff sent an issued 督办通报 to the units it covers (督办通报): read it, download the .docx.
  'bulletin.issued': '督办通报',
  // A case (提案、民主监督报告、政企诉求、基层诉求) waits for the recipient to act (事项待办): review it,
  // handle it, answer it, decide a return.
  'case.to_act': '事项待办',
  // A case the recipient submitted, co-signed or follows moved on (事项进展): accepted, answered, closed …
  'case.progress': '事项进展',
  // The recipient is invited to co-sign a proposal (联名邀请): confirm or decline before the date.
  'case.cosign_invited': '联名邀请',
  // The task an adopted case was turned into is completed (建议落实完成).
  'case.task_done': '建议落实完成',
  // Staff approved or refused a training nomination (培训报名审核).
  'training.nomination_decided': '培训报名审核',
  // A course closed and its credits were issued (培训学时登记).
  'training.credited': '培训学时登记',
  // Before year's end: the recipient (or people of their unit) is short of the year's training hours (学时提醒).
  'training.shortfall': '培训学时提醒',
} as const satisfies Record<string, string>;

export type MessageKind = keyof typeof MESSAGE_KINDS;

export const MESSAGE_KIND_LIST = Object.keys(MESSAGE_KINDS) as MessageKind[];

export function messageKindLabel(kind: string): string {
  return (MESSAGE_KINDS as Record<string, string>)[kind] ?? kind;
}

// The records a message can be about, and the web app page each opens when the message names no page of
// its own. A report or an adjustment is shown on its task's page, whose id only the caller knows, so
// those messages give their `link` (e.g. /tasks/12?report=40).
const OBJECT_PAGES = {
  task: (id: string) => `/tasks/${id}`,
  notice: (id: string) => `/notices/${id}`,
  report: null,
  adjustment: null,
  // Shown on its object's page (a task's, with ?instruction=): the caller gives the link.
  instruction: null,
  bulletin: (id: string) => `/bulletins/${id}`,
  case: (id: string) => `/cases/${id}`,
  case_project: (id: string) => `/case-projects/${id}`,
  // 品牌活动 (modules/activities): an event's page (its checklist and outcomes' follow-ups remind).
  activity_event: (id: string) => `/activities/events/${id}`,
  training_course: (id: string) => `/training/courses/${id}`,
  // The id is the year: the person's own hours page.
  training_hours: (id: string) => `/training/my-hours?year=${id}`,
} as const satisfies Record<string, ((id: string) => string) | null>;

export type MessageObjectType = keyof typeof OBJECT_PAGES;

export function defaultLink(type: MessageObjectType, id: string): string | null {
  const page = OBJECT_PAGES[type];
  return page ? page(encodeURIComponent(id)) : null;
}

// A message may only open a page of this web app: a path, never another site ("//host", "/\host").
export function isAppPath(link: string): boolean {
  return /^\/(?![/\\])[^\s]*$/.test(link) && link.length <= 500;
}
