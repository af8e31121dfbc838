/** `npm run bench:load`: load on real server processes, one JSON object per line. Never part of `npm test`. */
import { startTestCluster } from '@stepwise/db';
import { testEnv } from '../../env';
import { print } from '../workloads';
import { benchChat } from './chat';
import { benchWaitingRunsMemory } from './memory';
import { benchRuns } from './runs';
import { benchScaleOut } from './scale-out';
import { killAllServers } from './servers';

const sizes = testEnv.load();
const MINUTE = 60_000;

/** Runs one part; past its deadline the bench stops (its server processes killed) rather than hang. */
async function part(name: string, deadlineMs: number, body: () => Promise<void>): Promise<void> {
  if (!sizes.parts.includes(name)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} took longer than ${deadlineMs / 1000} s`)), deadlineMs);
  });
  const t0 = performance.now();
  try {
    await Promise.race([body(), deadline]);
    print({ name: `load.${name}_part_s`, value: (performance.now() - t0) / 1000, unit: 's' });
  } finally {
    clearTimeout(timer);
  }
}

const cluster = await startTestCluster();
let failed = false;
try {
  await part('chat', 3 * MINUTE, () => benchChat(cluster, sizes.chatSessions));
  await part('runs', 4 * MINUTE, () => benchRuns(cluster, sizes.runs));
  await part('scale_out', 3 * MINUTE, () => benchScaleOut(cluster, sizes.throughputSeconds));
  await part('memory', 6 * MINUTE, () => benchWaitingRunsMemory(cluster, sizes.waitingRuns));
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
  killAllServers();
} finally {
  await cluster.stop().catch(() => undefined);
}
process.exit(failed ? 1 : 0);
