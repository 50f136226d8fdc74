import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appError } from '../../../core/errors.ts';
import { perUser } from '../../../core/http/rate-limit.ts';
import { router } from '../../../core/http/route.ts';
import type { Services } from '../../../core/services.ts';
import { exportLedger, exportTaskTable } from './excel.export.ts';
import { importTaskSheet } from './excel.import.ts';
import { taskExportQuery, taskImportQuery, taskImportReportSchema, unitMapping } from './excel.schemas.ts';
import { templateBook } from './excel.write.ts';

const tags = ['任务分解'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORTS_PER_MINUTE = 20;

function sendXlsx(reply: FastifyReply, name: string, bytes: Buffer) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
    .send(bytes);
}

/** The uploaded .xlsx and the review answers (form field `mapping`, JSON) of an import request. */
async function importForm(req: FastifyRequest) {
  if (!req.isMultipart()) throw appError('BAD_REQUEST', '请以 multipart/form-data 上传一个 .xlsx 文件');
  let file: { filename: string; bytes: Buffer } | null = null;
  let mapping: Record<string, number> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') file = { filename: part.filename, bytes: await part.toBuffer() };
      else if (part.fieldname === 'mapping') {
        const parsed = unitMapping.safeParse(JSON.parse(String(part.value)));
        if (!parsed.success) throw appError('BAD_REQUEST', 'mapping 应为 {"单位名称": 单位编号} 形式的 JSON');
        mapping = parsed.data;
      }
    }
  } catch (error) {
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    if (error instanceof SyntaxError) throw appError('BAD_REQUEST', 'mapping 不是有效的 JSON');
    throw error;
  }
  if (!file) throw appError('BAD_REQUEST', '请上传一个 .xlsx 文件');
  return { file, mapping };
}

/** The Excel 任务分解表: template, import (preview, review, confirm), export and the 进度台账. */
export function taskExcelRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/tasks/excel/template', {
    config: { access: { permission: 'work.read', scope: 'none' } },
    schema: { tags, operationId: 'getTaskTemplate', summary: '下载任务分解表模板（.xlsx，含填表说明）' },
    handler: async (_req, reply) => sendXlsx(reply, '任务分解表模板', await templateBook()),
  });

  r.post('/api/tasks/excel/import', {
    config: {
      access: { permission: 'work.manage', scope: 'data' },
      rateLimit: perUser(IMPORTS_PER_MINUTE),
    },
    schema: {
      tags,
      operationId: 'importTaskSheet',
      summary:
        '导入任务分解表（multipart：文件 + 可选字段 mapping = {"单位名称": 单位编号}）。dryRun=true（默认）只检查：返回逐行错误和待核对的单位（含候选）；dryRun=false 在整个文件无误时一次建立全部任务（草稿），否则 422 不保存任何任务。同一文件重复导入 409；文件过大 413；解压后过大、超过 5000 行或超时 422',
      consumes: ['multipart/form-data'],
      querystring: taskImportQuery,
      response: { 200: taskImportReportSchema },
    },
    handler: async (req) => {
      const { file, mapping } = await importForm(req);
      const dryRun = req.query.dryRun === 'true';
      const report = await importTaskSheet(s, req.ctx, {
        planId: req.query.planId,
        filename: file.filename,
        bytes: file.bytes,
        mapping,
        dryRun,
      });
      if (!dryRun && !report.saved)
        throw appError('TASK_IMPORT_INVALID', undefined, {
          rows: report.errors,
          unmatchedUnits: report.unmatchedUnits,
        });
      return report;
    },
  });

  r.get('/api/tasks/excel/export', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'exportTaskSheet',
      summary: '导出任务分解表（.xlsx，筛选条件同任务列表，限可见范围，至多 5000 项）；可再导入',
      querystring: taskExportQuery,
    },
    handler: async (req, reply) =>
      sendXlsx(reply, '任务分解表', await exportTaskTable(s, req.ctx, req.query)),
  });

  r.get('/api/tasks/excel/ledger', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'exportTaskLedger',
      summary: '导出进度台账（.xlsx）：筛选出的任务及其各报告期的报告',
      querystring: taskExportQuery,
    },
    handler: async (req, reply) => sendXlsx(reply, '进度台账', await exportLedger(s, req.ctx, req.query)),
  });
}
