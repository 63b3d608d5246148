import { z } from 'zod';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    requestId: z.string(),
  }),
});

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const IdParam = z.object({ id: z.coerce.number().int().positive() });

/** Org codes are upper-case letters, digits and dashes: 'GD', 'GD-GZ', 'GD-GZ-TH-T01'. */
export const OrgCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'upper-case letters, digits and dashes');

export const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'lower-case letters, digits, dot, dash, underscore (2-40)');

export const Password = z.string().min(8, 'at least 8 characters').max(200);

export const Locale = z.enum(['zh-CN', 'en']);

/** Instants: Date in handlers, RFC 3339 UTC strings on the wire (the serializer stringifies them). */
export const Timestamp = z.date();
