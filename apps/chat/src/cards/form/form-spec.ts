import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { humanize } from '../../lib/format';

/** What a waiting data_collection step holds in `output`: the form to show. */
export interface FormSpec {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  submitLabel: string;
}

/** The form spec from a step's output, with a label for every field and option, or null if it has none. */
export function readFormSpec(output: unknown): FormSpec | null {
  if (!output || typeof output !== 'object') return null;
  const { schema, ui_schema, submit_label } = output as { schema?: unknown; ui_schema?: unknown; submit_label?: unknown };
  if (!schema || typeof schema !== 'object') return null;
  const uiSchema: UiSchema = {
    ...(ui_schema && typeof ui_schema === 'object' ? (ui_schema as UiSchema) : {}),
    'ui:submitButtonOptions': { norender: true },
  };
  return { schema: labelled(schema as RJSFSchema, uiSchema), uiSchema, submitLabel: typeof submit_label === 'string' ? submit_label : 'Submit' };
}

/** Fields without a title get their humanized key; enum options without names get humanized values. */
function labelled(schema: RJSFSchema, uiSchema: UiSchema): RJSFSchema {
  const properties = schema.properties;
  if (!properties || typeof properties !== 'object') return schema;
  const next: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(properties)) {
    if (!raw || typeof raw !== 'object') {
      next[key] = raw;
      continue;
    }
    const field = raw as RJSFSchema;
    const fieldUi = (uiSchema[key] ??= {}) as UiSchema;
    if (Array.isArray(field.enum) && fieldUi['ui:enumNames'] === undefined) {
      fieldUi['ui:enumNames'] = field.enum.map((v) => (typeof v === 'string' ? humanize(v) : String(v)));
    }
    next[key] = labelled({ ...field, title: field.title ?? humanize(key) }, fieldUi);
  }
  return { ...schema, properties: next as RJSFSchema['properties'] };
}

/**
 * The server's per-field messages (`net_income`, `address.city`; `data.` when the request itself
 * was rejected) as rjsf extraErrors; messages for no field of the form (`_`) come back as `general`.
 */
export function serverErrorsFor(schema: RJSFSchema, fieldErrors: Record<string, string[]>): { extraErrors: ErrorSchema; general: string[] } {
  const fields = new Set(Object.keys(schema.properties ?? {}));
  const extraErrors: Record<string, unknown> = {};
  const general: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const path = key.split('.');
    if (path[0] === 'data' && !fields.has('data')) path.shift();
    if (!fields.has(path[0] ?? '')) {
      general.push(...messages);
      continue;
    }
    let node = extraErrors;
    for (const segment of path) node = (node[segment] ??= {}) as Record<string, unknown>;
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), ...messages];
  }
  return { extraErrors: extraErrors as ErrorSchema, general };
}
