// Parse workers for the import preview: parsing a document is CPU-bound (seconds for a large one), so
// it never runs on the thread that answers requests. A small pool (PARSE_WORKERS) takes one job each;
// more wait in a bounded queue (then 503). A job that passes its time limit has its worker terminated
// (that is the only way to stop a synchronous parse), and a worker that dies (heap limit) fails only
// its own job. Workers are started on first use and do not keep the process alive.
import { Worker } from 'node:worker_threads';
import { AppError, appError, type ErrorCode } from '../../../core/errors.ts';
import type { UnitKeyword } from './parser/index.ts';
import type { ImportSource, ParsedSource } from './import.parse.ts';
import {
  PARSE_QUEUE,
  PARSE_TIMEOUT_MS,
  PARSE_WORKERS,
  WORKER_HEAP_MB,
  type ImportLimits,
} from './import.limits.ts';

export interface ParseRequest {
  id: number;
  source: ImportSource;
  unitKeywords: readonly UnitKeyword[];
  limits: ImportLimits;
}

export type ParseReply =
  | { id: number; ok: true; result: ParsedSource }
  | {
      id: number;
      ok: false;
      error: {
        code: ErrorCode;
        message: string | undefined;
        details: Record<string, unknown> | undefined;
        cause: string | undefined;
      };
    };

export interface ParsePoolOptions {
  workers?: number;
  queue?: number;
  timeoutMs?: number;
  heapMb?: number;
}

interface Job {
  request: ParseRequest;
  resolve: (result: ParsedSource) => void;
  reject: (error: Error) => void;
}

// Under tsx (development, tests) the worker is the .ts file and needs tsx's loader registered in its
// own thread; a compiled server has the .js file beside this one.
function startWorker(heapMb: number): Worker {
  const here = import.meta.url;
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 } };
  if (!here.endsWith('.ts')) return new Worker(new URL('./import.worker.js', here), options);
  const entry = new URL('./import.worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, { job: Job; timer: NodeJS.Timeout | undefined }>();
  // Workers that have loaded their code: a job's clock starts when its worker is ready, so starting a
  // worker (a second under tsx) never counts against the parse.
  private readonly ready = new WeakSet<Worker>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly workers: number;
  private readonly queue: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;

  constructor(options: ParsePoolOptions = {}) {
    this.workers = options.workers ?? PARSE_WORKERS;
    this.queue = options.queue ?? PARSE_QUEUE;
    this.timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
  }

  parse(source: ImportSource, unitKeywords: readonly UnitKeyword[], limits: ImportLimits) {
    return new Promise<ParsedSource>((resolve, reject) => {
      if (this.closed) return reject(appError('SERVER_BUSY', '服务器正在关闭，请稍后再试'));
      const busy = this.running.size >= this.workers && this.idle.length === 0;
      if (busy && this.waiting.length >= this.queue) return reject(appError('SERVER_BUSY'));
      this.waiting.push({ request: { id: this.nextId++, source, unitKeywords, limits }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(appError('SERVER_BUSY', '服务器正在关闭'));
    const all = [...this.idle.splice(0), ...this.running.keys()];
    for (const [, { job, timer }] of this.running) {
      clearTimeout(timer);
      job.reject(appError('SERVER_BUSY', '服务器正在关闭'));
    }
    this.running.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.running.size < this.workers ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.waiting.shift()!;
      this.running.set(worker, { job, timer: this.ready.has(worker) ? this.startClock(worker) : undefined });
      // Copied, not transferred: an upload's Buffer may share Node's buffer pool.
      worker.postMessage(job.request);
    }
  }

  private spawn(): Worker {
    const worker = startWorker(this.heapMb);
    worker.unref();
    worker.on('message', (reply: ParseReply | 'ready') => {
      if (reply !== 'ready') return this.settle(worker, reply);
      this.ready.add(worker);
      const current = this.running.get(worker);
      if (current) current.timer = this.startClock(worker);
    });
    worker.on('error', (error) => this.fail(worker, this.crashed(error)));
    worker.on('exit', () => this.fail(worker, this.crashed(new Error('parse worker exited'))));
    return worker;
  }

  private startClock(worker: Worker): NodeJS.Timeout {
    return setTimeout(() => this.fail(worker, this.timeout()), this.timeoutMs);
  }

  private settle(worker: Worker, reply: ParseReply): void {
    const current = this.running.get(worker);
    if (!current || current.job.request.id !== reply.id) return;
    clearTimeout(current.timer);
    this.running.delete(worker);
    if (reply.ok) current.job.resolve(reply.result);
    else {
      const { code, message, details, cause } = reply.error;
      const error = new AppError(code, message, details);
      if (cause !== undefined) error.cause = cause;
      current.job.reject(error);
    }
    if (!this.closed) this.idle.push(worker);
    this.dispatch();
  }

  /** Ends a worker (timeout, crash): its job fails, the pool starts another worker when needed. */
  private fail(worker: Worker, error: Error): void {
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    const current = this.running.get(worker);
    this.running.delete(worker);
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(error);
      void worker.terminate();
    }
    if (!this.closed) this.dispatch();
  }

  private timeout(): AppError {
    return appError(
      'PLAN_PARSE_TIMEOUT',
      `文件过于复杂，${this.timeoutMs / 1000} 秒内未能解析完成，已停止；请检查文件内容或拆分后再导入`,
      { limitSeconds: this.timeoutMs / 1000 },
    );
  }

  private crashed(cause: Error): AppError {
    const outOfMemory = (cause as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    const error = outOfMemory
      ? appError(
          'PLAN_SOURCE_TOO_LARGE',
          '文件过于复杂，解析所需内存超过上限；请检查文件内容或拆分后再导入',
          {
            problem: 'OUT_OF_MEMORY',
            limitMb: this.heapMb,
          },
        )
      : appError('INTERNAL');
    error.cause = cause;
    return error;
  }
}
