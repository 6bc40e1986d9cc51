import { useState } from 'react';
import { Badge, Button, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiClient';
import { testCallApi, type TestCasesResult } from './testCallApi';

function starter(scenarioId: string): string {
  return [
    `scenarios: [${scenarioId}]`,
    'cases:',
    '  - name: the caller hears the greeting',
    "    call: { from: '79160000001', to: '100' }",
    '    script: []',
    '    expect: { status: completed }',
    '',
  ].join('\n');
}

/** Runs the scenario's test cases (pnpm ivr test's format) against the drafts on a private simulated switch. */
export function TestCasesSection({ scenarioId }: { scenarioId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => starter(scenarioId));
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<TestCasesResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    try {
      setResult(await testCallApi.runCases(text));
    } catch (failure) {
      setResult(null);
      setError(errorMessage(failure));
    } finally {
      setRunning(false);
    }
  }

  const passed = result?.cases.filter((c) => c.passed).length ?? 0;
  const failed = (result?.cases.length ?? 0) - passed + (result?.error ? 1 : 0);
  return (
    <Stack gap={6} data-testid="test-cases">
      <Text size="sm" fw={600}>
        {t('testCall.cases.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('testCall.cases.help')}
      </Text>
      <Textarea
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autosize
        minRows={6}
        maxRows={16}
        styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        data-testid="test-cases-text"
      />
      <Button size="xs" onClick={() => void run()} loading={running} data-testid="test-cases-run">
        {running ? t('testCall.cases.running') : t('testCall.cases.run')}
      </Button>
      {error && (
        <Text size="xs" c="red" data-testid="test-cases-error">
          {error}
        </Text>
      )}
      {result && (
        <Stack gap={4} data-testid="test-cases-result">
          <Text size="xs" fw={600}>
            {t('testCall.cases.summary', { passed, failed })}
          </Text>
          {result.error && (
            <Text size="xs" c="red">
              {result.error}
            </Text>
          )}
          {result.cases.map((c, i) => (
            <Stack key={i} gap={2} data-testid={`test-case-${i}`} data-passed={c.passed}>
              <Badge color={c.passed ? 'teal' : 'red'} variant="light" size="sm">
                {c.passed ? '✓' : '✗'} {c.name}
              </Badge>
              {c.failures.map((f, j) => (
                <Text key={j} size="xs" c="red">
                  {f}
                </Text>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
