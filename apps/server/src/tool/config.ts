import { z } from 'zod';

const schema = z.object({
  STEPWISE_URL: z.url().default('http://localhost:3000'),
  STEPWISE_TOKEN: z.string().min(1, 'set STEPWISE_TOKEN to an API token (create one with auth.createApiToken)'),
});

/** The internal tool's settings, from the environment. */
export function loadToolConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}
