import type { RouterOutputs } from '@stepwise/server/client';

/** An execution as executions.get returns it: the run, its steps in definition order and every attempt. */
export type ExecutionDetail = RouterOutputs['executions']['get'];
/** An execution as every state-changing procedure and chat tool returns it. */
export type ExecutionView = Omit<ExecutionDetail, 'attempts'>;
export type StepView = ExecutionView['steps'][number];
export type StepType = StepView['type'];
export type RunStatus = ExecutionView['status'];
export type StepStatus = StepView['status'];
export type StepAttempt = ExecutionDetail['attempts'][number];
export type ExecutionListItem = RouterOutputs['executions']['list']['items'][number];
export type User = NonNullable<RouterOutputs['auth']['me']>;

export const STEP_TYPES = ['data_collection', 'decision', 'ai_generated', 'validation', 'calculation'] as const satisfies readonly StepType[];

/** Final runs never change again. */
export const isFinal = (status: RunStatus) => status === 'completed' || status === 'failed' || status === 'cancelled';
