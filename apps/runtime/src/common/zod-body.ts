import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';

/** One line per problem, naming where it is: `priority: expected number, received string`. */
export function describeZodIssues(error: z.ZodError): {
  message: string;
  details: { path: string; message: string }[];
} {
  const details = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  return { message: details.map((d) => `${d.path}: ${d.message}`).join('; '), details };
}

/** Validates a body, query or param against a zod schema; refuses with 400 and the reasons. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) {
      const { message, details } = describeZodIssues(parsed.error);
      throw new BadRequestException({ message: `Invalid input: ${message}`, details });
    }
    return parsed.data;
  }
}

export const zodPipe = <T extends z.ZodType>(schema: T) => new ZodPipe(schema);

/** An OpenAPI body description generated from the same zod schema that validates it. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'openapi-3.0',
  }) as Record<string, unknown>;
  return rest;
}

/** Names of things operators type (connections, prompts, users): no quotes, spaces or SQL punctuation. */
export const safeName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'must be 1-64 letters, digits, _ . or - and start with a letter or digit',
  );

/** Display names: free text, but single-line and bounded. */
export const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .refine((text) => !/[\p{Cc}<>'";\\]/u.test(text), 'must not contain control characters, quotes, ; \\ < or >');

export const phoneNumber = z.string().regex(/^\+?[0-9*#]{1,32}$/, 'must be 1-32 digits, * or #, optionally after +');
