import type { ScenarioDocument, ScenarioNode } from '@ivr/scenario-schema';

/**
 * The server keeps drafts as they were written, so fields with schema defaults may be missing
 * (`params`, `variables`, `layout`...). The editor works on the filled-in shape; anything else that
 * is wrong stays as it is for the validator to report.
 */
export function normalizeDocument(raw: unknown): ScenarioDocument {
  const doc = (raw && typeof raw === 'object' ? raw : {}) as Partial<ScenarioDocument>;
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  return {
    ...doc,
    params: Array.isArray(doc.params) ? doc.params : [],
    returns: Array.isArray(doc.returns) ? doc.returns : [],
    variables: Array.isArray(doc.variables) ? doc.variables : [],
    layout: doc.layout && typeof doc.layout === 'object' ? doc.layout : {},
    nodes: nodes.map((node): ScenarioNode => ({
      ...node,
      params: node.params && typeof node.params === 'object' ? node.params : {},
      exits: node.exits && typeof node.exits === 'object' ? node.exits : {},
    })),
  } as ScenarioDocument;
}
