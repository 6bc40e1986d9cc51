import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LANGUAGES, SCENARIO_KINDS, exitsOf, type LocalizedText } from '@ivr/scenario-schema';
import { catalog, componentDefinitions, type AnyComponentDefinition } from './registry.js';

const srcDir = dirname(fileURLToPath(import.meta.url));
const componentsDir = join(srcDir, 'components');
const EXIT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const folders = readdirSync(componentsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function exampleOf(type: string): Promise<unknown> {
  const file = join(componentsDir, type, 'example.ts');
  if (!existsSync(file)) return undefined;
  const module = (await import(`./components/${type}/example.ts`)) as { example: unknown };
  return module.example;
}

/** Params a definition accepts: {} when it has no required params, else its example. */
async function minimalParams(definition: AnyComponentDefinition): Promise<Record<string, unknown>> {
  const example = await exampleOf(definition.type);
  return definition.params.parse(example ?? {}) as Record<string, unknown>;
}

function expectLocalized(text: LocalizedText | undefined, where: string): void {
  expect(text, where).toBeDefined();
  for (const lang of LANGUAGES) {
    expect(typeof text?.[lang], `${where} [${lang}]`).toBe('string');
    expect(text?.[lang].trim().length, `${where} [${lang}] is empty`).toBeGreaterThan(0);
  }
}

interface UiHintInSchema {
  widget: string;
  label: LocalizedText;
  help?: LocalizedText;
  expressionType?: string;
  options?: Record<string, LocalizedText>;
}
interface JsonSchemaNode {
  ui?: UiHintInSchema;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  additionalProperties?: JsonSchemaNode | boolean;
  anyOf?: JsonSchemaNode[];
}

/** Every schema node reachable from the params, by param path (`a.b`, `list[].x`, `map.*`). */
function walk(node: JsonSchemaNode, path: string, visit: (path: string, node: JsonSchemaNode) => void): void {
  visit(path, node);
  const join = (segment: string) => (path ? `${path}.${segment}` : segment);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, join(key), visit);
  if (node.items) walk(node.items, `${path}[]`, visit);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    walk(node.additionalProperties, join('*'), visit);
  }
  for (const alternative of node.anyOf ?? []) walk(alternative, path, visit);
}

function nodesByPath(definition: AnyComponentDefinition): Map<string, JsonSchemaNode[]> {
  const byPath = new Map<string, JsonSchemaNode[]>();
  walk(z.toJSONSchema(definition.params, { io: 'input' }) as JsonSchemaNode, '', (path, node) => {
    byPath.set(path, [...(byPath.get(path) ?? []), node]);
  });
  return byPath;
}

describe('the registry', () => {
  it('lists exactly the component folders, each under its own type', () => {
    const registered = componentDefinitions.map((d) => d.type).sort();
    expect(registered).toEqual(folders);
    for (const folder of folders) expect(existsSync(join(componentsDir, folder, 'definition.ts')), folder).toBe(true);
  });

  it('covers every component of DESIGN.md §4', () => {
    const expected = [
      'end',
      'condition',
      'switch',
      'assign',
      'pause',
      'working-hours',
      'sub-scenario',
      'start-service',
      'message-send',
      'message-wait',
      'log',
      'split',
      'answer',
      'hangup',
      'play',
      'input',
      'menu',
      'switch-call',
      'transfer',
      'record',
      'record-call',
      'park',
      'pickup',
      'conference',
      'conference-to-bridge',
      'callback',
      'dial',
      'sip-headers',
      'send-dtmf',
      'sql',
      'http',
      'excel-read',
      'excel-write',
      'sms',
      'email',
      'payment',
    ];
    expect(componentDefinitions.map((d) => d.type).sort()).toEqual(expected.sort());
  });

  it('builds a catalog that finds every definition by type and version', () => {
    expect(catalog.list()).toHaveLength(componentDefinitions.length);
    for (const definition of componentDefinitions) {
      expect(catalog.get(definition.type, definition.typeVersion)).toBe(definition);
      expect(catalog.versions(definition.type)).toEqual([1]);
    }
  });

  it('keeps definitions browser-safe: no Node-only import outside tests', () => {
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name);
        if (entry.isDirectory()) scan(file);
        else if (file.endsWith('.ts') && !file.endsWith('.spec.ts')) {
          const source = readFileSync(file, 'utf8');
          if (/from\s+'(node:|fs|path|net|child_process|os|crypto)/.test(source))
            offenders.push(relative(srcDir, file));
        }
      }
    };
    scan(srcDir);
    expect(offenders).toEqual([]);
  });
});

describe.each(componentDefinitions.map((d) => [d.type, d] as const))('component %s', (type, definition) => {
  it('has a valid identity, category and kinds', () => {
    expect(type).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(definition.typeVersion).toBe(1);
    expect(definition.icon).toMatch(/^[a-z0-9-]+$/);
    expect(definition.kinds.length).toBeGreaterThan(0);
    for (const kind of definition.kinds) expect(SCENARIO_KINDS).toContain(kind);
  });

  it('has its title and help in English, Russian and Spanish', () => {
    expectLocalized(definition.title, `${type} title`);
    expectLocalized(definition.help, `${type} help`);
    // Real translations, not copies of the English text.
    expect(definition.help.ru).toMatch(/[а-яё]/i);
    expect(definition.help.es).not.toBe(definition.help.en);
  });

  it('parses its defaults, or its example when it has required params', async () => {
    const empty = definition.params.safeParse({});
    const example = await exampleOf(type);
    if (example === undefined) {
      expect(empty.success, `${type}: params.parse({}) fails and there is no example.ts`).toBe(true);
    } else {
      expect(definition.params.safeParse(example).error).toBeUndefined();
      // An example exists only where the empty params are not enough.
      expect(empty.success, `${type}: example.ts is not needed, {} parses`).toBe(false);
    }
    expect(definition.params.safeParse({ noSuchParam: 1, ...(example as object) }).success).toBe(false);
  });

  it('has exits with valid, unique ids and labels in every language', async () => {
    const exits = exitsOf(definition, await minimalParams(definition));
    const ids = exits.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const exit of exits) {
      expect(exit.id).toMatch(EXIT_ID);
      expect(['required', 'error', 'optional']).toContain(exit.wiring);
      expectLocalized(exit.label, `${type} exit ${exit.id}`);
    }
    if (definition.terminal) expect(exits).toEqual([]);
    else expect(exits.length).toBeGreaterThan(0);
    for (const id of definition.establishesCall ?? []) expect(ids).toContain(id);
  });

  it('turns into JSON Schema for the designer, every param labelled in every language', () => {
    expect(() => z.toJSONSchema(definition.params, { io: 'output' })).not.toThrow();
    const byPath = nodesByPath(definition);
    const root = byPath.get('')?.[0];
    for (const [name, node] of Object.entries(root?.properties ?? {})) {
      expect(node.ui, `${type}.${name} has no ui hint`).toBeDefined();
    }
    for (const [path, nodes] of byPath) {
      for (const node of nodes) {
        if (!node.ui) continue;
        expectLocalized(node.ui.label, `${type}.${path} label`);
        if (node.ui.help) expectLocalized(node.ui.help, `${type}.${path} help`);
        for (const [value, label] of Object.entries(node.ui.options ?? {}))
          expectLocalized(label, `${type}.${path}=${value}`);
      }
    }
  });

  it('declares exactly its expression, variable and scenario params', () => {
    const byPath = nodesByPath(definition);
    const widgetsAt = (widgets: string[], suffix = '') =>
      [...byPath.entries()]
        .filter(([, nodes]) => nodes.some((n) => n.ui && widgets.includes(n.ui.widget)))
        .map(([path]) => `${path}${suffix}`);
    const sorted = (paths: readonly string[]) => [...new Set(paths)].sort();

    expect(sorted(Object.keys(definition.expressions ?? {}))).toEqual(
      sorted([...widgetsAt(['expression']), ...widgetsAt(['expression-map'], '.*')]),
    );
    expect(sorted(definition.variableTargets ?? [])).toEqual(
      sorted([...widgetsAt(['variable']), ...widgetsAt(['variable-map'], '.*')]),
    );
    expect(sorted(definition.scenarioRefs ?? [])).toEqual(sorted(widgetsAt(['scenario'])));
    for (const [path, expressionType] of Object.entries(definition.expressions ?? {})) {
      const hinted = byPath.get(path)?.find((n) => n.ui?.widget === 'expression')?.ui?.expressionType;
      if (hinted !== undefined) expect(hinted, `${type}.${path}`).toBe(expressionType);
    }
  });
});
