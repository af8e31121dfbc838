import { describe, expect, it } from 'vitest';
import { ConflictError } from './errors';
import { RUN_STATUSES, STEP_STATUSES } from './status';
import { assertRunTransition, assertStepTransition, canTransitionRun, canTransitionStep } from './transitions';

// Written out independently of transitions.ts: a change to the table must change this list too.
const RUN_ALLOWED = `
pending>running pending>paused pending>cancelled
running>waiting_for_input running>waiting_for_review running>paused running>completed running>failed running>cancelled
waiting_for_input>running waiting_for_input>waiting_for_review waiting_for_input>paused waiting_for_input>cancelled waiting_for_input>completed waiting_for_input>failed
waiting_for_review>running waiting_for_review>waiting_for_input waiting_for_review>paused waiting_for_review>cancelled waiting_for_review>completed waiting_for_review>failed
paused>running paused>cancelled
failed>running failed>cancelled`;

const STEP_ALLOWED = `
pending>running pending>waiting pending>completed pending>failed pending>skipped pending>cancelled
running>waiting running>completed running>failed running>pending running>cancelled
waiting>completed waiting>running waiting>pending waiting>cancelled
completed>pending skipped>pending failed>pending failed>cancelled`;

const pairs = (text: string) => new Set(text.trim().split(/\s+/));

describe('run transitions', () => {
  const allowed = pairs(RUN_ALLOWED);
  for (const from of RUN_STATUSES) {
    for (const to of RUN_STATUSES) {
      if (from === to) continue;
      const ok = allowed.has(`${from}>${to}`);
      it(`${from} -> ${to} is ${ok ? 'allowed' : 'refused'}`, () => {
        expect(canTransitionRun(from, to)).toBe(ok);
        if (ok) expect(() => assertRunTransition(from, to)).not.toThrow();
        else expect(() => assertRunTransition(from, to)).toThrow(ConflictError);
      });
    }
  }

  it('completed and cancelled are final', () => {
    for (const to of RUN_STATUSES) {
      if (to !== 'completed') expect(canTransitionRun('completed', to)).toBe(false);
      if (to !== 'cancelled') expect(canTransitionRun('cancelled', to)).toBe(false);
    }
  });

  it('says in plain words why a transition is refused', () => {
    expect(() => assertRunTransition('completed', 'paused')).toThrow('The run is completed and cannot become paused');
  });
});

describe('step transitions', () => {
  const allowed = pairs(STEP_ALLOWED);
  for (const from of STEP_STATUSES) {
    for (const to of STEP_STATUSES) {
      if (from === to) continue;
      const ok = allowed.has(`${from}>${to}`);
      it(`${from} -> ${to} is ${ok ? 'allowed' : 'refused'}`, () => {
        expect(canTransitionStep(from, to)).toBe(ok);
        if (!ok) expect(() => assertStepTransition('s', from, to)).toThrow(ConflictError);
      });
    }
  }
});
