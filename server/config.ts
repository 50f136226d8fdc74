import { isIP } from 'node:net';
import { z } from 'zod';

// Environment → typed configuration, parsed once at start-up. A bad value stops the process with a message
// naming the variable, rather than surfacing later as a confusing runtime error.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('data/luoshi.db'),
  DATA_DIR: z.string().default('data'),
  // Set to true when a TLS-terminating proxy sits in front: cookies become Secure/__Host- and HSTS is sent.
  TRUST_PROXY_HTTPS: z.stringbool().default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1000).default(300_000),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).default(10),
  PASSWORD_EXPIRY_DAYS: z.coerce.number().int().min(0).default(90),
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(30),
  // How long a one-time password (a new account's, or an administrator's reset) signs in.
  ONE_TIME_PASSWORD_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  // Whether business users need a second factor unless the security administrator decides otherwise;
  // unset, true in production and false elsewhere.
  TOTP_REQUIRED_FOR_BUSINESS: z.stringbool().optional(),
  // Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges. Unset, none is
  // (with TRUST_PROXY_HTTPS, the loopback proxy on the same machine).
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every(isAddressOrCidr),
      'TRUSTED_PROXIES: IP addresses or CIDR ranges, comma-separated',
    ),
  // 32 bytes as 64 hex characters; SM4 needs 16, the rest keys the HMAC of searchable secrets.
  // Outside production a key is generated into the data directory on first start.
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'SECRET_KEY must be 64 hexadecimal characters')
    .optional(),
  // Previous SECRET_KEY values (comma-separated), kept after a rotation only so the audit rows and
  // checkpoints they sealed still verify; nothing new is sealed with them.
  SECRET_KEYS_RETIRED: z
    .string()
    .regex(/^[0-9a-f]{64}(,[0-9a-f]{64})*$/i, 'SECRET_KEYS_RETIRED must be 64-hex keys separated by commas')
    .optional(),
  // How often the server records a checkpoint of the audit chain's head (also on start and shutdown).
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).default(600),
  // The job runner (server/core/jobs/): how often the server looks for due jobs, and the backoff of a
  // failed job's retries (the first after the base, doubling, never longer than the cap).
  JOB_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  JOB_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).default(30),
  JOB_RETRY_CAP_SECONDS: z.coerce.number().int().min(1).default(3600),
  // Evidence files (附件): the largest accepted, in MB, and how long an upload may wait to be attached to
  // the record it was uploaded for (a report, a task) before only a new upload will do.
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  ATTACHMENT_ATTACH_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  // Outside production only: the server's clock starts at this instant (ISO 8601 with offset) and runs on
  // from there, so an end-to-end test or a demo can show what time passing does (a due date passing, the
  // daily job recolouring). Refused in production. docs/decisions/clock-start-outside-production.md
  LUOSHI_NOW: z.iso
    .datetime({ offset: true, error: 'LUOSHI_NOW: an ISO 8601 instant, e.g. 2026-12-22T09:00:00+08:00' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  httpsProxy: boolean;
  secretKey: Buffer | null;
  retiredSecretKeys: Buffer[];
  auditCheckpointSeconds: number;
  jobs: { pollSeconds: number; retryBaseSeconds: number; retryCapSeconds: number };
  logLevel: string;
  session: { idleMinutes: number; absoluteHours: number };
  password: { iterations: number; minLength: number; expiryDays: number };
  lockout: { threshold: number; minutes: number };
  loginRatePerMinute: number;
  oneTimePasswordHours: number;
  totpRequiredForBusiness: boolean;
  trustedProxies: string[];
  attachments: { maxBytes: number; attachWithinHours: number };
  /** Where the server's clock starts (LUOSHI_NOW), outside production only; null: the system clock. */
  clockStart: Date | null;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (!family) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SECRET_KEY) {
    throw new ConfigError('Invalid configuration:\n  SECRET_KEY: required in production (64 hex characters)');
  }
  if (e.NODE_ENV === 'production' && e.LUOSHI_NOW) {
    throw new ConfigError(
      'Invalid configuration:\n  LUOSHI_NOW: only for tests and demos; a production server always runs on the system clock',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    httpsProxy: e.TRUST_PROXY_HTTPS,
    secretKey: e.SECRET_KEY ? Buffer.from(e.SECRET_KEY, 'hex') : null,
    retiredSecretKeys: (e.SECRET_KEYS_RETIRED?.split(',') ?? []).map((k) => Buffer.from(k, 'hex')),
    auditCheckpointSeconds: e.AUDIT_CHECKPOINT_SECONDS,
    jobs: {
      pollSeconds: e.JOB_POLL_SECONDS,
      retryBaseSeconds: e.JOB_RETRY_BASE_SECONDS,
      retryCapSeconds: Math.max(e.JOB_RETRY_CAP_SECONDS, e.JOB_RETRY_BASE_SECONDS),
    },
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    password: {
      iterations: e.PASSWORD_ITERATIONS,
      minLength: e.PASSWORD_MIN_LENGTH,
      expiryDays: e.PASSWORD_EXPIRY_DAYS,
    },
    lockout: { threshold: e.LOCKOUT_THRESHOLD, minutes: e.LOCKOUT_MINUTES },
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    oneTimePasswordHours: e.ONE_TIME_PASSWORD_HOURS,
    totpRequiredForBusiness: e.TOTP_REQUIRED_FOR_BUSINESS ?? e.NODE_ENV === 'production',
    trustedProxies:
      e.TRUSTED_PROXIES.length || !e.TRUST_PROXY_HTTPS ? e.TRUSTED_PROXIES : ['127.0.0.1/8', '::1'],
    attachments: {
      maxBytes: Math.floor(e.ATTACHMENT_MAX_MB * 1024 * 1024),
      attachWithinHours: e.ATTACHMENT_ATTACH_HOURS,
    },
    clockStart: e.LUOSHI_NOW ? new Date(e.LUOSHI_NOW) : null,
  };
}
