// 民主监督 projects (GET/POST /api/case-projects…), typed from the server's OpenAPI answers.
import { get, newIdempotencyKey, post, request } from '@/api/client';
import type { Answer, Body } from '@/api/types';

export type ProjectSummary = Answer<'listCaseProjects'>[number];
export type ProjectDetail = Answer<'getCaseProject'>;
export type ProjectCreateBody = Body<'createCaseProject'>;
export type ProjectRating = Body<'rateCaseProject'>['rating'];

export const listProjects = () => get<ProjectSummary[]>('/api/case-projects');
export const getProject = (id: number) => get<ProjectDetail>(`/api/case-projects/${id}`);
export const createProject = (body: ProjectCreateBody, idempotencyKey = newIdempotencyKey()) =>
  post<ProjectDetail>('/api/case-projects', body, { idempotencyKey });
export const rateProject = (p: ProjectDetail, body: Body<'rateCaseProject'>) =>
  request<ProjectDetail>('POST', `/api/case-projects/${p.id}/ratings`, { body, ifMatch: p.version });
export const closeProject = (p: ProjectDetail, summary: string) =>
  request<ProjectDetail>('POST', `/api/case-projects/${p.id}/close`, {
    body: { summary },
    ifMatch: p.version,
  });
