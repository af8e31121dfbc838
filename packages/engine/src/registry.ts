import type { AnyStepExecutor } from './executors/types';

/** Step types by name. A new step type is one executor file plus one `register` line. */
export class StepRegistry {
  private readonly executors = new Map<string, AnyStepExecutor>();

  register(executor: AnyStepExecutor): this {
    if (this.executors.has(executor.type)) throw new Error(`Step type "${executor.type}" is already registered`);
    this.executors.set(executor.type, executor);
    return this;
  }

  get(type: string): AnyStepExecutor | undefined {
    return this.executors.get(type);
  }

  require(type: string): AnyStepExecutor {
    const executor = this.executors.get(type);
    if (!executor) throw new Error(`No executor registered for step type "${type}"`);
    return executor;
  }

  types(): string[] {
    return [...this.executors.keys()];
  }

  all(): AnyStepExecutor[] {
    return [...this.executors.values()];
  }
}
