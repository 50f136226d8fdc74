// What each channel sends, as pure functions: the e-mail text, the robot messages of 钉钉 and 企业微信,
// the plain JSON, and 钉钉's signed URL (加签). Messages carry the title and a link, not more personal
// data than the in-app message already shows.
import crypto from 'node:crypto';
import type { WebhookFormat } from '../../db/schema.ts';

export interface OutgoingMessage {
  kind: string;
  kindLabel: string;
  subject: string;
  body: string;
  // Absolute (public URL + path), or null when no public URL is set or the message links nowhere.
  url: string | null;
  at: string;
}

export function absoluteLink(publicUrl: string, link: string | null): string | null {
  if (!link || !publicUrl) return null;
  return `${publicUrl.replace(/\/+$/, '')}${link}`;
}

const SIGNATURE = '—— 落实·统战工作落实平台（系统邮件，请勿回复）';

export function emailText(m: OutgoingMessage): string {
  const lines = [m.subject];
  if (m.body) lines.push(m.body);
  if (m.url) lines.push(`查看：${m.url}`);
  return [...lines, '', SIGNATURE].join('\n');
}

/** One e-mail holding the day's messages (每日汇总). */
export function digestText(
  messages: readonly OutgoingMessage[],
  day: string,
): { subject: string; text: string } {
  const lines = messages.map(
    (m, i) => `${i + 1}. 【${m.kindLabel}】${m.subject}${m.url ? `\n   ${m.url}` : ''}`,
  );
  return {
    subject: `落实·${day} 消息汇总（${messages.length} 条）`,
    text: [`${day} 您有 ${messages.length} 条消息：`, '', ...lines, '', SIGNATURE].join('\n'),
  };
}

function markdown(m: OutgoingMessage): string {
  return [`#### 【${m.kindLabel}】${m.subject}`, m.body, m.url ? `[在落实中查看](${m.url})` : '']
    .filter(Boolean)
    .join('\n\n');
}

/** The JSON body a webhook of the given format receives. */
export function webhookBody(format: WebhookFormat, m: OutgoingMessage): object {
  switch (format) {
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: m.subject, text: markdown(m) } };
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: markdown(m) } };
    case 'json':
      return { kind: m.kind, kindLabel: m.kindLabel, title: m.subject, body: m.body, url: m.url, at: m.at };
  }
}

/**
 * 钉钉 加签: the robot's URL with timestamp and sign, where sign = Base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret)), URL-encoded (钉钉开放平台 "自定义机器人安全设置").
 */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}
