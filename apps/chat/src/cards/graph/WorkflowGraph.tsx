import { useId, useMemo } from 'react';
import { statusLabel, stepTypeLabel } from '../../lib/format';
import { StepTypeIcon } from '../icons';
import type { PlanView } from '../types';
import { edgePath, layoutWorkflow, NODE_HEIGHT, NODE_WIDTH } from './layout';

export interface WorkflowGraphProps {
  steps: PlanView['steps'];
  /** Colours nodes by status (progress panel, execution page); omitted on a plan. */
  statuses?: Record<string, string>;
  /** Accessible name of the picture. */
  label?: string;
}

const MAX_LABEL = 19;
const truncate = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1).trimEnd()}…` : text);

/** The workflow as a small picture: steps as boxes, dependencies as arrows, coloured by status when given. */
export function WorkflowGraph({ steps, statuses, label = 'Workflow' }: WorkflowGraphProps) {
  const layout = useMemo(() => layoutWorkflow(steps), [steps]);
  const arrowId = `wg-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const names = new Map(steps.map((s) => [s.id, s.name]));
  const statusOf = (id: string) => statuses?.[id];
  const description = `${label}: ${steps.length} ${steps.length === 1 ? 'step' : 'steps'}, ${layout.edges.length} ${layout.edges.length === 1 ? 'connection' : 'connections'}`;

  return (
    <figure className="wg">
      <svg className="wg-svg" role="img" aria-label={description} viewBox={`0 0 ${layout.width} ${layout.height}`} style={{ maxWidth: layout.width }}>
        <defs>
          <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,1 L9,5 L0,9 z" className="wg-arrow" />
          </marker>
        </defs>
        {layout.edges.map((edge) => (
          <path
            key={`${edge.from}->${edge.to}`}
            className={`wg-edge wg-edge-${edgeState(statusOf(edge.from), statusOf(edge.to))}`}
            d={edgePath(edge.points)}
            markerEnd={`url(#${arrowId})`}
          />
        ))}
        {steps.map((step) => {
          const at = layout.nodes.get(step.id) ?? { x: 0, y: 0 };
          const status = statusOf(step.id);
          return (
            <g
              key={step.id}
              className={`wg-node wg-type-${step.type} wg-status-${status ?? 'none'}`}
              data-step-id={step.id}
              data-status={status}
              transform={`translate(${at.x - NODE_WIDTH / 2},${at.y - NODE_HEIGHT / 2})`}
            >
              <title>{`${step.name} (${stepTypeLabel(step.type)}${status ? `, ${statusLabel(status)}` : ''})`}</title>
              <rect className="wg-box" width={NODE_WIDTH} height={NODE_HEIGHT} rx="10" />
              <rect className="wg-chip" x="8" y="10" width="24" height="24" rx="7" />
              <g className="wg-icon">
                <StepTypeIcon type={step.type} size={14} x={13} y={15} />
              </g>
              <text className="wg-label" x="40" y={NODE_HEIGHT / 2} dominantBaseline="central">
                {truncate(step.name)}
              </text>
            </g>
          );
        })}
      </svg>
      <ol className="sr-only">
        {steps.map((step) => (
          <li key={step.id}>
            {`${step.name} (${stepTypeLabel(step.type)}${statusOf(step.id) ? `, ${statusLabel(statusOf(step.id)!)}` : ''}): `}
            {step.dependencies.length === 0 ? 'starts first' : `after ${step.dependencies.map((d) => names.get(d) ?? d).join(', ')}`}
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** Arrows into skipped steps fade; arrows already travelled turn green. */
function edgeState(from: string | undefined, to: string | undefined): string {
  if (to === 'skipped' || from === 'skipped') return 'skipped';
  if (from === 'completed' && to !== undefined && to !== 'pending') return 'done';
  return 'idle';
}
