// The one request client. Every feature's api.ts calls `request` (or the verb helpers); nothing else in
// the web app calls fetch. It sends the session cookie, the CSRF token on every non-GET request, JSON
// bodies, If-Match / Idempotency-Key when asked, and turns the server's error shape into an ApiError.

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// A page of a list endpoint.
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  // A multipart body (file upload); the browser sets its Content-Type with the boundary.
  form?: FormData;
  // The record's version; sent as If-Match: "<version>" (412 VERSION_CONFLICT when stale).
  ifMatch?: number;
  // Sent as Idempotency-Key on creates; use one key per form submission.
  idempotencyKey?: string;
  // The answer is a file (an export): resolve to a Download instead of parsing JSON.
  download?: boolean;
}

// A file the server sent, with the name from its Content-Disposition.
export interface Download {
  blob: Blob;
  filename: string;
}

function filenameOf(response: Response): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? 'download';
}

interface ClientHooks {
  csrfToken: () => string | null;
  // Called on 401 from a non-auth route (the session has ended).
  onUnauthenticated: () => void;
  // Called when the server says a password change is required first.
  onPasswordChangeRequired: () => void;
}

let hooks: ClientHooks = {
  csrfToken: () => null,
  onUnauthenticated: () => undefined,
  onPasswordChangeRequired: () => undefined,
};

export function configureClient(next: ClientHooks): void {
  hooks = next;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function fallbackMessage(status: number): string {
  if (status === 404) return '请求的资源不存在';
  if (status === 413) return '上传内容过大';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status >= 500) return '服务器暂时无法处理请求，请稍后再试';
  return `请求失败（${status}）`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    return body;
  } catch {
    return text;
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  } else if (options.form) {
    init.body = options.form;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = hooks.csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }

  if (response.ok && options.download) {
    return { blob: await response.blob(), filename: filenameOf(response) } satisfies Download as T;
  }
  const body = await readBody(response);
  if (response.ok) return body as T;

  const error = isErrorBody(body)
    ? new ApiError(response.status, body.code, body.message, body.details)
    : new ApiError(response.status, 'HTTP_' + response.status, fallbackMessage(response.status));

  const isAuthRoute = path.startsWith('/api/auth/');
  if (response.status === 401 && !isAuthRoute) hooks.onUnauthenticated();
  if (error.code === 'PASSWORD_CHANGE_REQUIRED' && !isAuthRoute) hooks.onPasswordChangeRequired();
  throw error;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
export const post = <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  request<T>('POST', path, { ...options, body });
export const patch = <T>(path: string, body: unknown, ifMatch: number) =>
  request<T>('PATCH', path, { body, ifMatch });
export const put = <T>(path: string, body: unknown, ifMatch: number) =>
  request<T>('PUT', path, { body, ifMatch });

// A random key per form submission. crypto.randomUUID exists only in secure contexts; the fallback
// builds a v4 UUID from getRandomValues, which works over plain HTTP on an intranet too.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
