// Sending, after the commit, by the job runner: one job per delivery (e-mail or webhook), retried with
// the runner's backoff; when the last attempt fails the delivery is marked failed and shows on the
// security administrator's failure list with its error (nothing is lost silently). The daily digest
// gathers a user's held e-mails into one.
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { toTimestamp } from '../../core/clock.ts';
import { defineJob, defineSchedule } from '../../core/jobs/job.define.ts';
import { messageKindLabel } from '../../core/notify/kinds.ts';
import type { Services } from '../../core/services.ts';
import type { ChannelSettingsRow, DeliveryRow } from '../../db/schema.ts';
import {
  absoluteLink,
  digestText,
  dingtalkSignedUrl,
  emailText,
  webhookBody,
  type OutgoingMessage,
} from './channel.formats.ts';
import {
  findChannelSettings,
  findDelivery,
  findNotificationSettings,
  findWebhook,
  listHeldDigests,
  listHeldFor,
  markDelivery,
  markDigestSent,
} from './channel.repository.ts';
import { parseRobotAnswer } from './channel.stored.ts';

const SEND_TIMEOUT_MS = 15_000;
const DIGEST_ATTEMPTS = 6;
// A robot's answer is a few bytes; more is not read.
const MAX_ANSWER_BYTES = 64 * 1024;

function messageOf(d: DeliveryRow, settings: ChannelSettingsRow | undefined): OutgoingMessage {
  return {
    kind: d.kind,
    kindLabel: messageKindLabel(d.kind),
    subject: d.subject,
    body: d.body,
    url: absoluteLink(settings?.public_url ?? '', d.link),
    at: d.created_at,
  };
}

function mailTransport(s: Services, settings: ChannelSettingsRow) {
  return nodemailer.createTransport({
    host: settings.smtp_host,
    port: settings.smtp_port,
    secure: settings.smtp_secure === 1,
    ...(settings.smtp_user
      ? {
          auth: {
            user: settings.smtp_user,
            pass: settings.smtp_password ? s.secrets.open(settings.smtp_password) : '',
          },
        }
      : {}),
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
}

async function sendEmail(
  s: Services,
  settings: ChannelSettingsRow,
  to: string,
  subject: string,
  text: string,
) {
  if (!settings.email_enabled || !settings.smtp_host) throw new Error('未启用邮件发送或未设置邮件服务器');
  const transport = mailTransport(s, settings);
  try {
    await transport.sendMail({ from: settings.mail_from, to, subject, text });
  } finally {
    transport.close();
  }
}

async function postWebhook(s: Services, d: DeliveryRow, settings: ChannelSettingsRow | undefined) {
  const hook = await findWebhook(s.db.kysely, d.webhook_id!);
  if (!hook) throw new Error('Webhook 已被删除');
  const url =
    hook.format === 'dingtalk' && hook.secret
      ? dingtalkSignedUrl(hook.url, s.secrets.open(hook.secret), s.clock.now().getTime())
      : hook.url;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(webhookBody(hook.format, messageOf(d, settings))),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    redirect: 'error',
  });
  const answer = (await response.text()).slice(0, MAX_ANSWER_BYTES);
  if (!response.ok) throw new Error(`HTTP ${response.status}：${answer.slice(0, 200)}`);
  // 钉钉 and 企业微信 answer 200 with an error code in the body.
  if (hook.format !== 'json') {
    const parsed = parseRobotAnswer(answer);
    if (parsed?.errcode !== 0)
      throw new Error(`机器人返回错误 ${parsed?.errcode ?? '?'}：${parsed?.errmsg ?? answer.slice(0, 200)}`);
  }
}

export const channelsSend = defineJob({
  kind: 'channels.send',
  payload: z.object({ deliveryId: z.number().int() }).strict(),
  maxAttempts: 6,
  run: async (s, { deliveryId }, ctx) => {
    const d = await findDelivery(s.db.kysely, deliveryId);
    if (!d || d.status === 'sent') return;
    const settings = await findChannelSettings(s.db.kysely);
    try {
      if (d.channel === 'email') {
        const person = await findNotificationSettings(s.db.kysely, d.user_id!);
        if (!person?.email) throw new Error('收件人未设置邮箱');
        const m = messageOf(d, settings);
        await sendEmail(s, settings!, person.email, `【${m.kindLabel}】${m.subject}`, emailText(m));
      } else await postWebhook(s, d, settings);
      await markDelivery(s.db.kysely, d.id, {
        status: 'sent',
        attempts: ctx.attempt,
        sent_at: toTimestamp(s.clock.now()),
        last_error: null,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await markDelivery(s.db.kysely, d.id, {
        status: ctx.attempt >= ctx.maxAttempts ? 'failed' : 'pending',
        attempts: ctx.attempt,
        last_error: message.slice(0, 1000),
      });
      throw error;
    }
  },
});

// HH:MM in Shanghai, now.
function shanghaiClock(now: Date): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Sends each user whose digest time has come the e-mails held for them, as one. */
export const channelsDigest = defineJob({
  kind: 'channels.digest',
  payload: z.object({}).strict(),
  run: async (s) => {
    const { day, time } = shanghaiClock(s.clock.now());
    const settings = await findChannelSettings(s.db.kysely);
    if (!settings?.email_enabled) return;
    for (const due of await listHeldDigests(s.db.kysely)) {
      if (due.digest_time > time || due.digest_sent_on === day || due.user_id === null) continue;
      const person = await findNotificationSettings(s.db.kysely, due.user_id);
      const held = await listHeldFor(s.db.kysely, due.user_id);
      if (!person?.email || held.length === 0) continue;
      const { subject, text } = digestText(
        held.map((d) => messageOf(d, settings)),
        day,
      );
      const now = toTimestamp(s.clock.now());
      try {
        await sendEmail(s, settings, person.email, subject, text);
        for (const d of held)
          await markDelivery(s.db.kysely, d.id, { status: 'sent', sent_at: now, attempts: d.attempts + 1 });
        await markDigestSent(s.db.kysely, due.user_id, day);
      } catch (error) {
        // Held rows stay held and the next run (5 minutes on) tries again; after the last attempt they go
        // to the failure list with the error.
        const message = error instanceof Error ? error.message : String(error);
        for (const d of held)
          await markDelivery(s.db.kysely, d.id, {
            status: d.attempts + 1 >= DIGEST_ATTEMPTS ? 'failed' : 'held',
            attempts: d.attempts + 1,
            last_error: message.slice(0, 1000),
          });
      }
    }
  },
});

export const channelsDigestSchedule = defineSchedule({
  job: channelsDigest,
  cron: '*/5 * * * *',
  timezone: 'Asia/Shanghai',
  payload: () => ({}),
  key: (occurrence) => `channels.digest:${occurrence.toISOString()}`,
});
