/**
 * The internal tool, built on the typed client:
 *   npm run tool -- executions list [--status failed] [--workflow <id>] [--json]
 *   npm run tool -- executions cancel <id> [--json]
 *   npm run tool -- workflows export <id> [--version <n>]
 * Needs STEPWISE_TOKEN (an API token) and STEPWISE_URL (default http://localhost:3000).
 */
import { parseArgs } from 'node:util';
import { TRPCClientError } from '@trpc/client';
import { RUN_STATUSES } from '@stepwise/engine';
import { createStepwiseClient, type RouterOutputs } from '../client';
import { loadToolConfig } from './config';
import { table } from './table';

const USAGE = `Usage:
  npm run tool -- executions list [--status <${RUN_STATUSES.join('|')}>] [--workflow <id>] [--json]
  npm run tool -- executions cancel <execution id> [--json]
  npm run tool -- workflows export <workflow id> [--version <n>]`;

export async function runTool(argv: string[], out: (text: string) => void, env?: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { status: { type: 'string' }, workflow: { type: 'string' }, version: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  const [area, command, id] = positionals;
  if (values.help || !area) return out(USAGE), values.help ? 0 : 2;
  const config = loadToolConfig(env);
  const api = createStepwiseClient(config.STEPWISE_URL, config.STEPWISE_TOKEN);
  const print = (data: unknown, text: () => string) => out(values.json ? JSON.stringify(data, null, 2) : text());

  if (area === 'executions' && command === 'list') {
    const status = values.status as (typeof RUN_STATUSES)[number] | undefined;
    if (status && !RUN_STATUSES.includes(status)) throw new Error(`--status must be one of: ${RUN_STATUSES.join(', ')}`);
    const items: RouterOutputs['executions']['list']['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await api.executions.list.query({ status, workflowId: values.workflow, cursor, limit: 100 });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < 1000);
    print(items, () => table(items, ['id', 'status', 'workflowName', 'startedAt', 'completedAt', 'error']));
    return 0;
  }
  if (area === 'executions' && command === 'cancel' && id) {
    const run = await api.executions.cancel.mutate({ id });
    print(run, () => `Execution ${run.id} (${run.workflowName}) is ${run.status}.`);
    return 0;
  }
  if (area === 'workflows' && command === 'export' && id) {
    const version = values.version === undefined ? undefined : Number(values.version);
    if (version !== undefined && !Number.isInteger(version)) throw new Error('--version must be a whole number');
    out(JSON.stringify(await api.workflows.exportJson.query({ id, version }), null, 2));
    return 0;
  }
  out(USAGE);
  return 2;
}

/** Plain words for failures: the API's message, not a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error && /fetch failed|ECONNREFUSED|ENOTFOUND/.test(`${error.message} ${String(error.cause)}`)) {
    return 'Could not reach the server: is it running, and is STEPWISE_URL right?';
  }
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === 'UNAUTHORIZED') return 'The API token was not accepted: check STEPWISE_TOKEN.';
    return `${code ? `${code}: ` : ''}${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runTool(process.argv.slice(2), (t) => console.log(t)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`Error: ${describeError(error)}`);
      process.exit(1);
    },
  );
}
