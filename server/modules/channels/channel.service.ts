// The settings behind the outbound channels: the security administrator's (SMTP, webhooks, the failure
// list) and each user's own (e-mail address, how each kind of message reaches them). Secrets (the SMTP
// password, 钉钉 加签 keys) are sealed with the secret key and never sent back.
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { enqueueJob } from '../../core/jobs/job.enqueue.ts';
import { MESSAGE_KIND_LIST, MESSAGE_KINDS, messageKindLabel } from '../../core/notify/kinds.ts';
import type { Services } from '../../core/services.ts';
import type { DeliveryRow, WebhookRow } from '../../db/schema.ts';
import {
  deleteWebhook,
  findChannelSettings,
  findDelivery,
  findNotificationSettings,
  findWebhook,
  insertWebhook,
  listFailedDeliveries,
  listWebhooks,
  markDelivery,
  saveChannelSettings,
  saveNotificationSettings,
  updateWebhook,
} from './channel.repository.ts';
import type { ChannelSettingsBody, NotificationSettingsBody, WebhookBody } from './channel.schemas.ts';
import { channelsSend } from './channel.send.ts';
import { parseKinds, parseModes } from './channel.stored.ts';

export async function getChannelSettings(s: Services) {
  const row = await findChannelSettings(s.db.kysely);
  return {
    emailEnabled: row?.email_enabled === 1,
    smtpHost: row?.smtp_host ?? '',
    smtpPort: row?.smtp_port ?? 25,
    smtpSecure: row?.smtp_secure === 1,
    smtpUser: row?.smtp_user ?? '',
    passwordSet: !!row?.smtp_password,
    mailFrom: row?.mail_from ?? '',
    publicUrl: row?.public_url ?? '',
    version: row?.version ?? 0,
  };
}

export async function updateChannelSettings(
  s: Services,
  ctx: RequestContext,
  version: number,
  input: ChannelSettingsBody,
) {
  if (input.emailEnabled && (!input.smtpHost || !input.mailFrom))
    throw appError('VALIDATION_FAILED', '启用邮件发送前，请填写邮件服务器地址和发件人');
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await findChannelSettings(trx);
    const password =
      input.smtpPassword === undefined
        ? (before?.smtp_password ?? null)
        : input.smtpPassword === null || input.smtpPassword === ''
          ? null
          : s.secrets.seal(input.smtpPassword);
    const saved = await saveChannelSettings(
      trx,
      {
        id: 1,
        email_enabled: input.emailEnabled ? 1 : 0,
        smtp_host: input.smtpHost,
        smtp_port: input.smtpPort,
        smtp_secure: input.smtpSecure ? 1 : 0,
        smtp_user: input.smtpUser,
        smtp_password: password,
        mail_from: input.mailFrom,
        public_url: input.publicUrl,
        version: version + 1,
        updated_at: toTimestamp(s.clock.now()),
      },
      version,
    );
    if (!saved) throw appError('VERSION_CONFLICT');
    const { smtpPassword: _secret, ...shown } = input;
    await s.audit.record(trx, ctx, {
      action: 'channel.update',
      objectType: 'setting',
      objectId: 'channels',
      after: { ...shown, passwordChanged: input.smtpPassword !== undefined },
    });
  });
  return getChannelSettings(s);
}

function presentWebhook(row: WebhookRow & { unit_name: string | null }) {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    url: row.url,
    secretSet: !!row.secret,
    kinds: parseKinds(row.kinds),
    unitId: row.unit_id,
    unitName: row.unit_name,
    enabled: row.enabled === 1,
    version: row.version,
  };
}

export async function getWebhooks(s: Services) {
  return (await listWebhooks(s.db.kysely)).map(presentWebhook);
}

// The URL can carry the robot's access token: the audit log keeps only its host.
const hostOf = (url: string) => new URL(url).host;

export async function createWebhook(s: Services, ctx: RequestContext, input: WebhookBody) {
  const now = toTimestamp(s.clock.now());
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const newId = await insertWebhook(trx, {
      name: input.name,
      format: input.format,
      url: input.url,
      secret: input.secret ? s.secrets.seal(input.secret) : null,
      kinds: JSON.stringify(input.kinds),
      unit_id: input.unitId,
      enabled: input.enabled ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await s.audit.record(trx, ctx, {
      action: 'webhook.create',
      objectType: 'webhook',
      objectId: newId,
      after: {
        name: input.name,
        format: input.format,
        host: hostOf(input.url),
        kinds: input.kinds,
        enabled: input.enabled,
      },
    });
    return newId;
  });
  return presentWebhook((await listWebhooks(s.db.kysely, id))[0]!);
}

export async function changeWebhook(
  s: Services,
  ctx: RequestContext,
  id: number,
  version: number,
  input: WebhookBody,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await findWebhook(trx, id);
    if (!before) throw appError('NOT_FOUND', 'Webhook 不存在');
    const secret =
      input.secret === undefined ? before.secret : input.secret ? s.secrets.seal(input.secret) : null;
    const saved = await updateWebhook(trx, id, version, {
      name: input.name,
      format: input.format,
      url: input.url,
      secret,
      kinds: JSON.stringify(input.kinds),
      unit_id: input.unitId,
      enabled: input.enabled ? 1 : 0,
      version: version + 1,
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!saved) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'webhook.update',
      objectType: 'webhook',
      objectId: id,
      after: {
        name: input.name,
        format: input.format,
        host: hostOf(input.url),
        kinds: input.kinds,
        enabled: input.enabled,
      },
    });
  });
  return presentWebhook((await listWebhooks(s.db.kysely, id))[0]!);
}

export async function removeWebhook(s: Services, ctx: RequestContext, id: number, version: number) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await findWebhook(trx, id);
    if (!before) throw appError('NOT_FOUND', 'Webhook 不存在');
    if (!(await deleteWebhook(trx, id, version))) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'webhook.delete',
      objectType: 'webhook',
      objectId: id,
      before: { name: before.name },
    });
  });
}

// 张**@example.com: enough for an administrator to recognise a person, no more (personal data masked).
function maskEmail(email: string): string {
  const [name = '', domain = ''] = email.split('@');
  return `${name.slice(0, 1)}${'*'.repeat(Math.max(1, Math.min(name.length - 1, 4)))}@${domain}`;
}

export async function getFailures(s: Services) {
  const rows = await listFailedDeliveries(s.db.kysely, 200);
  const out = [];
  for (const d of rows) out.push({ ...(await targetOf(s, d)), ...presentFailure(d) });
  return out;
}

async function targetOf(s: Services, d: DeliveryRow) {
  if (d.channel === 'webhook')
    return { target: (await findWebhook(s.db.kysely, d.webhook_id!))?.name ?? '（已删除）' };
  const person = await findNotificationSettings(s.db.kysely, d.user_id!);
  return { target: person?.email ? maskEmail(person.email) : '（未设置邮箱）' };
}

const presentFailure = (d: DeliveryRow) => ({
  id: d.id,
  channel: d.channel,
  kindLabel: messageKindLabel(d.kind),
  subject: d.subject,
  attempts: d.attempts,
  lastError: d.last_error,
  createdAt: d.created_at,
});

/** Sends a failed delivery again (a fresh series of attempts). */
export async function retryDelivery(s: Services, ctx: RequestContext, id: number) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const d = await findDelivery(trx, id);
    if (!d) throw appError('NOT_FOUND', '该发送记录不存在');
    if (d.status !== 'failed') throw appError('CONFLICT', '只能重发发送失败的记录');
    await markDelivery(trx, id, { status: 'pending' });
    await enqueueJob(trx, { kind: channelsSend, payload: { deliveryId: id }, runAt: s.clock.now() }, s.clock);
    await s.audit.record(trx, ctx, { action: 'delivery.retry', objectType: 'delivery', objectId: id });
  });
  return { retried: true };
}

const KINDS = MESSAGE_KIND_LIST.map((kind) => ({ kind, label: MESSAGE_KINDS[kind] }));

export async function getMyNotificationSettings(s: Services, ctx: RequestContext) {
  const row = await findNotificationSettings(s.db.kysely, ctx.actor!.userId);
  return {
    email: row?.email ?? '',
    modes: row ? parseModes(row.modes) : {},
    digestTime: row?.digest_time ?? '08:30',
    version: row?.version ?? 0,
    kinds: KINDS,
  };
}

export async function updateMyNotificationSettings(
  s: Services,
  ctx: RequestContext,
  version: number,
  input: NotificationSettingsBody,
) {
  const userId = ctx.actor!.userId;
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await findNotificationSettings(trx, userId);
    const saved = await saveNotificationSettings(
      trx,
      {
        user_id: userId,
        email: input.email || null,
        modes: JSON.stringify(input.modes),
        digest_time: input.digestTime,
        digest_sent_on: before?.digest_sent_on ?? null,
        version: version + 1,
        updated_at: toTimestamp(s.clock.now()),
      },
      version,
    );
    if (!saved) throw appError('VERSION_CONFLICT');
    // The address itself stays out of the audit log (personal data): only that it changed.
    await s.audit.record(trx, ctx, {
      action: 'notification_settings.update',
      objectType: 'user',
      objectId: userId,
      after: {
        emailChanged: (before?.email ?? '') !== input.email,
        modes: input.modes,
        digestTime: input.digestTime,
      },
    });
  });
  return getMyNotificationSettings(s, ctx);
}
