/**
 * Validator: validate(doc, catalog) on generated scenarios of 10 to 5,000 nodes, against a plain
 * zod parse of the same document (scenarioDocumentSchema.safeParse): the ratio is the cost of the
 * semantic checks (catalog params, expressions type-checked, graph rules).
 */
import { catalog } from '../../packages/components/src/index.js';
import { scenarioDocumentSchema, validate } from '../../packages/scenario-schema/src/index.js';
import { generatedScenario } from '../lib/scenarios.js';
import { emit, round, row, timeSync, type Row } from '../lib/report.js';

const SIZES = [10, 100, 1_000, 5_000];
const TARGET_MS = 50;

const rows: Row[] = [];
for (const size of SIZES) {
  const doc = generatedScenario(size);
  const errors = validate(doc, catalog).filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`generated ${size}-node scenario is invalid: ${JSON.stringify(errors[0])}`);
  // Neither call mutates or caches on the document, so the same object is given every time.
  const budget = size >= 1_000 ? { warmup: 2, minRuns: 5, minMs: 1_500 } : { warmup: 5, minRuns: 20, minMs: 500 };
  const ours = timeSync(() => void validate(doc, catalog), budget);
  const baseline = timeSync(() => void scenarioDocumentSchema.safeParse(doc), budget);
  const atTarget = size === 1_000;
  rows.push(
    row({
      group: 'Validator',
      metric: `validate, ${size.toLocaleString('en')} nodes`,
      unit: 'ms',
      ours: round(ours, 3),
      baselineName: 'zod safeParse of the same document',
      baseline: round(baseline, 3),
      ...(atTarget ? { target: `< ${TARGET_MS} ms`, status: ours < TARGET_MS ? 'pass' : 'miss' } : {}),
    }),
  );
}

emit({
  suite: 'validator',
  rows,
  notes: [
    'Generated main scenarios: answer, then assign / condition / play (template) / input / sql / log in turn, then end; all valid against the real catalog. Median of repeated runs after warm-up, same process.',
  ],
});
