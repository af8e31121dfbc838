import { aiGeneratedExecutor } from './executors/ai-generated';
import { calculationExecutor } from './executors/calculation';
import { dataCollectionExecutor } from './executors/data-collection';
import { decisionExecutor } from './executors/decision';
import { validationExecutor } from './executors/validation';
import { StepRegistry } from './registry';

/** Every built-in step type. A new step type is one executor file plus one line here. */
export function createDefaultRegistry(): StepRegistry {
  return new StepRegistry()
    .register(dataCollectionExecutor)
    .register(decisionExecutor)
    .register(aiGeneratedExecutor)
    .register(validationExecutor)
    .register(calculationExecutor);
}
