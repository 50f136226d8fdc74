// How long and how many: every field a case, its draft or one of its actions takes is bounded by these
// (bodies.ts, action-bodies.ts), and the OpenAPI document carries them as maxLength / maxItems.

/** A case's title, a task's name, an enterprise's name. */
export const TITLE_MAX = 200;
/** One part of a case's content (情况, 分析, 建议, 发现的问题, 诉求内容 …) and an answer letter. */
export const TEXT_MAX = 20_000;
/** A comment on an action, a reason (不予立案, 退回 …), an adoption note. */
export const COMMENT_MAX = 2_000;
/** A 批示's text. */
export const INSTRUCTION_MAX = 4_000;
/** The leader who gave a 批示, by name and title. */
export const LEADER_MAX = 60;
/** Co-signers invited at once. */
export const COSIGNERS_MAX = 20;
/** Cooperating units of one forwarding. */
export const COOPERATING_UNITS_MAX = 10;
/** Files of a case's content or of one answer. */
export const ATTACHMENTS_MAX = 20;
