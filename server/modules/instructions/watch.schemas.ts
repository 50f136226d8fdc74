import { z } from 'zod';
import { targetQuery } from './instruction.schemas.ts';
import { rowId } from '../../core/http/row-id.ts';

export const watchBody = z.strictObject(targetQuery.shape);

export const watchListQuery = z.strictObject({
  targetType: targetQuery.shape.targetType.optional(),
  targetId: targetQuery.shape.targetId.optional(),
});

export const watchSchema = z
  .object({
    id: z.number(),
    targetType: z.string(),
    targetTypeLabel: z.string(),
    targetId: z.number(),
    createdAt: z.string(),
    target: z.object({
      title: z.string(),
      link: z.string(),
      state: z.string(),
      health: z.string().nullable(),
      dueDate: z.string().nullable(),
      unitName: z.string(),
    }),
  })
  .meta({ id: 'Watch' });

export const feedQuery = z.strictObject({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const feedSchema = z.object({
  items: z.array(
    z.object({
      targetType: z.string(),
      targetTypeLabel: z.string(),
      targetId: z.number(),
      targetTitle: z.string(),
      link: z.string(),
      eventId: z.number(),
      at: z.string(),
      label: z.string(),
      actorName: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const watchParams = z.strictObject({ id: rowId });
