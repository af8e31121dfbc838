import type { ReactNode } from 'react';

/** Small line icons (16×16, currentColor) so every step type is recognisable at a glance. */
const STEP_TYPE_PATHS: Record<string, ReactNode> = {
  data_collection: (
    <>
      <rect x="2.5" y="2" width="11" height="12" rx="2" />
      <path d="M5 5.5h6M5 8h6M5 10.5h3.5" />
    </>
  ),
  decision: (
    <>
      <path d="M8 14V9.5M8 9.5 4 5.5M8 9.5l4-4" />
      <path d="M2.5 5.5V2.5h3M13.5 5.5V2.5h-3" />
    </>
  ),
  ai_generated: (
    <>
      <path d="M7 2.5 8.3 6 11.5 7.2 8.3 8.5 7 12 5.7 8.5 2.5 7.2 5.7 6z" />
      <path d="M12 10.5l.6 1.4 1.4.6-1.4.6-.6 1.4-.6-1.4-1.4-.6 1.4-.6z" />
    </>
  ),
  validation: (
    <>
      <path d="M8 1.8 13 3.8v4c0 3-2.2 5.2-5 6.4-2.8-1.2-5-3.4-5-6.4v-4z" />
      <path d="m5.6 8 1.7 1.7 3.2-3.3" />
    </>
  ),
  calculation: (
    <>
      <rect x="2.5" y="2" width="11" height="12" rx="2" />
      <path d="M5 5h6M5.5 8.5h1M9.5 8.5h1M5.5 11h1M9.5 11h1" />
    </>
  ),
};

const OTHER_PATHS: Record<string, ReactNode> = {
  plan: <path d="M3 4h1M3 8h1M3 12h1M6.5 4H13M6.5 8H13M6.5 12H13" />,
  completed: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="m5.5 8.2 1.8 1.8 3.3-3.6" />
    </>
  ),
  failed: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.8v3.8M8 11v.2" />
    </>
  ),
  cancelled: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="m4 12 8-8" />
    </>
  ),
};

export function Icon({ name, size = 16, x, y }: { name: string; size?: number; x?: number; y?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      x={x}
      y={y}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {STEP_TYPE_PATHS[name] ?? OTHER_PATHS[name] ?? <circle cx="8" cy="8" r="5" />}
    </svg>
  );
}

export const StepTypeIcon = ({ type, size, x, y }: { type: string; size?: number; x?: number; y?: number }) => <Icon name={type} size={size} x={x} y={y} />;
