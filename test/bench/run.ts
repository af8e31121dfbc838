/** `npm run bench`: one JSON object per line. Never part of `npm test`. */
import { benchStepOverhead } from './engine-memory';
import { benchAi } from './ai';
import { benchAnalytics } from './analytics';
import { benchApi } from './api';
import { benchDurableSteps } from './engine-postgres';

await benchStepOverhead();
await benchDurableSteps();
await benchApi();
await benchAi();
await benchAnalytics();
