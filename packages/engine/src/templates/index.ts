import type { WorkflowDefinitionInput } from '../definition';
import { investorOnboarding } from './investor-onboarding';
import { monthlyBudgetReview } from './monthly-budget-review';
import { portfolioRebalancing } from './portfolio-rebalancing';
import { retirementPlan } from './retirement-plan';
import { stockResearchChecklist } from './stock-research-checklist';
import { taxLossHarvestingReview } from './tax-loss-harvesting';

export interface TemplateCategory {
  name: string;
  description: string;
  /** Name of the parent category, or null at the top level. */
  parent: string | null;
}

/** A small tree: top-level areas first, so parents are created before their children. */
export const TEMPLATE_CATEGORIES: TemplateCategory[] = [
  { name: 'Investing', description: 'Building, researching and maintaining investment portfolios.', parent: null },
  { name: 'Planning', description: 'Budgets, retirement and tax planning for households.', parent: null },
  { name: 'Onboarding', description: 'Getting to know a new client: details, risk tolerance and suitability.', parent: null },
  { name: 'Portfolio', description: 'Allocation, drift and rebalancing of existing portfolios.', parent: 'Investing' },
  { name: 'Research', description: 'Due diligence on individual securities before buying.', parent: 'Investing' },
  { name: 'Budgeting', description: 'Monthly income, spending and savings reviews.', parent: 'Planning' },
  { name: 'Retirement', description: 'Projecting savings and closing retirement gaps.', parent: 'Planning' },
  { name: 'Tax', description: 'Tax-aware investing: loss harvesting, gains and carry-forwards.', parent: 'Planning' },
];

export interface BuiltinTemplate {
  /** Stable slug; never change it, stored workflows refer to it. */
  key: string;
  category: string;
  categoryParent?: string;
  definition: WorkflowDefinitionInput;
}

function template(definition: WorkflowDefinitionInput): BuiltinTemplate {
  const category = TEMPLATE_CATEGORIES.find((c) => c.name === definition.category);
  if (!category) throw new Error(`Template "${definition.id}" uses unknown category "${definition.category}"`);
  return {
    key: definition.id,
    category: category.name,
    ...(category.parent ? { categoryParent: category.parent } : {}),
    definition,
  };
}

export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  investorOnboarding,
  portfolioRebalancing,
  monthlyBudgetReview,
  retirementPlan,
  stockResearchChecklist,
  taxLossHarvestingReview,
].map(template);
