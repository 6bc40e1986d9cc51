import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  ScrollArea,
  NativeSelect,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { History, Phone, PhoneOff, Plus, Trash2, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/apiClient';
import { scenarioApi, scenarioKeys } from '../../api/scenarioApi';
import type { Diagnostic } from '../../api/types';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import { bridgeTargets } from './bridgeTargets';
import { traceHighlight, type TraceStep, type TranscriptLine } from './liveCall';
import { ReplayView } from './ReplayView';
import { speak, stopSpeaking } from './speech';
import { testCallApi, type EndpointOutcome } from './testCallApi';
import { useLiveCall } from './useLiveCall';
import { VariablesWatch } from './VariablesWatch';
import { TestCasesSection } from './TestCasesSection';
import classes from './TestCallPanel.module.css';

export const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const keyTestId = (key: string) => `test-call-key-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`;
const OUTCOMES: EndpointOutcome[] = ['answer', 'busy', 'noanswer', 'decline', 'unreachable', 'fail'];
const ACTIVE = new Set(['placing', 'ringing', 'answered', 'bridged']);

interface HeaderRow {
  name: string;
  value: string;
}
interface EndpointRow {
  number: string;
  outcome: EndpointOutcome;
}

export interface ReplaySource {
  callId: string;
  /** Steps already at hand (the call just made); otherwise they are fetched. */
  steps?: TraceStep[];
}

interface TestCallPanelProps {
  scenarioId: string;
  onClose(): void;
  /** Opens straight in replay (from the calls page). */
  replay?: ReplaySource | null;
  /** Shows the problems panel (a draft with errors cannot be called). */
  onShowProblems(): void;
  /** Saves the draft: a draft call runs what is saved, so unsaved edits are saved first. */
  saveDraft?: () => Promise<boolean>;
}

/** Language for speech: the prompt's own script first, then the UI language. */
function speechLanguage(text: string, uiLanguage: string): string {
  if (/[а-яё]/i.test(text)) return 'ru-RU';
  return uiLanguage;
}

export function TestCallPanel({
  scenarioId,
  onClose,
  replay: initialReplay,
  onShowProblems,
  saveDraft,
}: TestCallPanelProps) {
  const { t, i18n } = useTranslation();
  const store = useEditorStoreApi();
  const doc = useEditor((s) => s.doc);
  const live = useLiveCall();
  const { state } = live;
  const [from, setFrom] = useState('79160000001');
  const [to, setTo] = useState('100');
  const [version, setVersion] = useState<string>('draft');
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [sound, setSound] = useState(false);
  const [error, setError] = useState<{ message: string; diagnostics: Diagnostic[] } | null>(null);
  const [endpoints, setEndpoints] = useState<EndpointRow[]>(() =>
    bridgeTargets(store.getState().doc).map((number) => ({ number, outcome: 'answer' })),
  );
  const [endpointNote, setEndpointNote] = useState<string | null>(null);
  const [replay, setReplay] = useState<ReplaySource | null>(initialReplay ?? null);
  const versions = useQuery({
    queryKey: scenarioKeys.versions(scenarioId),
    queryFn: ({ signal }) => scenarioApi.versions(scenarioId, signal),
  });
  const active = ACTIVE.has(state.status);
  const callId = state.callId;

  // The canvas follows the call; replay takes over the highlight while it is open.
  useEffect(() => {
    if (replay) return;
    const live = state.status === 'ringing' || state.status === 'answered' || state.status === 'bridged';
    if (state.steps.length === 0 && !live) {
      store.getState().setTrace(null);
      return;
    }
    store.getState().setTrace(traceHighlight(state.steps, doc, { following: live }));
  }, [store, doc, state.steps, state.status, replay]);
  useEffect(() => () => store.getState().setTrace(null), [store]);

  // Prompts are spoken as they arrive, when sound is on.
  const spoken = useRef(0);
  useEffect(() => {
    const lines = state.transcript;
    if (sound) {
      for (const line of lines.slice(spoken.current)) {
        if (line.kind === 'prompt' && line.media !== 'file' && line.media !== 'tone')
          speak(line.text, speechLanguage(line.text, i18n.language));
      }
    }
    spoken.current = lines.length;
  }, [state.transcript, sound, i18n.language]);
  useEffect(() => {
    if (!sound) stopSpeaking();
  }, [sound]);
  useEffect(() => () => stopSpeaking(), []);

  async function start() {
    setError(null);
    setEndpointNote(null);
    spoken.current = 0;
    const editor = store.getState();
    if (
      version === 'draft' &&
      saveDraft &&
      !editor.readOnly &&
      editor.doc !== editor.savedDoc &&
      !(await saveDraft())
    ) {
      setError({ message: t('testCall.saveFailed'), diagnostics: [] });
      return;
    }
    await live.begin();
    try {
      // Endpoint behaviours first, so the call meets them.
      for (const row of endpoints)
        if (row.number.trim()) await testCallApi.endpoint({ ...row, number: row.number.trim() });
      const result = await testCallApi.place({
        scenarioId,
        version: version === 'draft' ? 'draft' : Number(version),
        from: from.trim(),
        to: to.trim(),
        headers: Object.fromEntries(headers.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])),
      });
      live.placed(result.callId);
    } catch (failure) {
      live.failed();
      const diagnostics =
        failure instanceof ApiError && Array.isArray(failure.body.diagnostics)
          ? (failure.body.diagnostics as Diagnostic[])
          : [];
      setError({ message: errorMessage(failure), diagnostics });
    }
  }

  async function press(key: string) {
    if (!callId) return;
    try {
      await testCallApi.press(callId, key);
    } catch (failure) {
      setError({ message: errorMessage(failure), diagnostics: [] });
    }
  }

  async function hangup() {
    if (!callId) return;
    try {
      await testCallApi.hangup(callId);
    } catch (failure) {
      setError({ message: errorMessage(failure), diagnostics: [] });
    }
  }

  async function applyEndpoint(row: EndpointRow) {
    if (!row.number.trim()) return;
    try {
      await testCallApi.endpoint({ number: row.number.trim(), outcome: row.outcome });
      setEndpointNote(
        t('testCall.endpointSet', { number: row.number.trim(), outcome: t(`testCall.outcomes.${row.outcome}`) }),
      );
    } catch (failure) {
      setError({ message: errorMessage(failure), diagnostics: [] });
    }
  }

  const versionOptions = useMemo(
    () => [
      { value: 'draft', label: t('testCall.draft') },
      ...(versions.data ?? []).map((v) => ({
        value: String(v.version),
        label: `${t('history.version', { version: v.version })}${v.live ? ` (${t('history.live')})` : ''}`,
      })),
    ],
    [versions.data, t],
  );

  if (replay) {
    return (
      <aside className={classes.panel} data-testid="test-call-panel">
        <ReplayView
          source={replay}
          onClose={() => {
            setReplay(null);
            store.getState().setTrace(null);
          }}
          onClosePanel={onClose}
        />
      </aside>
    );
  }

  return (
    <aside className={classes.panel} data-testid="test-call-panel">
      <Group justify="space-between" px="sm" py={6} className={classes.header}>
        <Title order={6}>{t('testCall.title')}</Title>
        <Group gap={4}>
          <Switch
            size="xs"
            label={t('testCall.sound')}
            checked={sound}
            onChange={(e) => setSound(e.currentTarget.checked)}
            data-testid="test-call-sound"
          />
          <ActionIcon variant="subtle" onClick={onClose} aria-label={t('common.close')} data-testid="test-call-close">
            <X size={16} />
          </ActionIcon>
        </Group>
      </Group>
      <ScrollArea className={classes.body} type="auto">
        <Stack gap="xs" p="sm">
          <SimpleGrid cols={2} spacing="xs">
            <TextInput
              size="xs"
              label={t('testCall.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              disabled={active}
              data-testid="test-call-from"
            />
            <TextInput
              size="xs"
              label={t('testCall.to')}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              disabled={active}
              data-testid="test-call-to"
            />
          </SimpleGrid>
          <NativeSelect
            size="xs"
            label={t('testCall.version')}
            data={versionOptions}
            value={version}
            onChange={(e) => setVersion(e.currentTarget.value)}
            disabled={active}
            data-testid="test-call-version"
          />
          <Stack gap={4}>
            <Group justify="space-between">
              <Text size="xs" fw={500}>
                {t('testCall.headers')}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<Plus size={12} />}
                onClick={() => setHeaders([...headers, { name: 'X-', value: '' }])}
                disabled={active}
                data-testid="test-call-header-add"
              >
                {t('common.add')}
              </Button>
            </Group>
            {headers.map((header, i) => (
              <Group key={i} gap={4} wrap="nowrap">
                <TextInput
                  size="xs"
                  placeholder="X-Header"
                  value={header.name}
                  onChange={(e) => {
                    const name = e.currentTarget.value;
                    setHeaders(headers.map((h, j) => (j === i ? { ...h, name } : h)));
                  }}
                  error={
                    header.name && !/^X-[A-Za-z0-9-]{1,64}$/.test(header.name) ? t('testCall.headerName') : undefined
                  }
                  data-testid={`test-call-header-name-${i}`}
                />
                <TextInput
                  size="xs"
                  placeholder={t('inspector.value')}
                  value={header.value}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setHeaders(headers.map((h, j) => (j === i ? { ...h, value } : h)));
                  }}
                  data-testid={`test-call-header-value-${i}`}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => setHeaders(headers.filter((_, j) => j !== i))}
                  aria-label={t('common.remove')}
                  data-testid={`test-call-header-remove-${i}`}
                >
                  <Trash2 size={14} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          <Group gap="xs">
            <Button
              size="xs"
              color="green"
              leftSection={<Phone size={14} />}
              onClick={() => void start()}
              loading={state.status === 'placing'}
              disabled={active}
              data-testid="test-call-start"
            >
              {t('testCall.call')}
            </Button>
            <Button
              size="xs"
              color="red"
              leftSection={<PhoneOff size={14} />}
              onClick={() => void hangup()}
              disabled={!active || !callId}
              data-testid="test-call-hangup"
            >
              {t('testCall.hangup')}
            </Button>
            <Badge
              variant="light"
              color={statusColor(state.status)}
              data-testid="test-call-status"
              data-status={state.status}
            >
              {t(`testCall.status.${state.status}`)}
              {state.hangupCause ? ` · ${state.hangupCause}` : ''}
            </Badge>
          </Group>
          {live.streamFailed && (
            <Alert color="yellow" p="xs" data-testid="test-call-stream-failed">
              {t('testCall.streamFailed')}
            </Alert>
          )}
          {error && (
            <Alert color="red" p="xs" data-testid="test-call-error">
              <Text size="xs">{error.message}</Text>
              {error.diagnostics.length > 0 && (
                <>
                  <ul className={classes.diagnostics}>
                    {error.diagnostics
                      .filter((d) => d.severity === 'error')
                      .slice(0, 8)
                      .map((d, i) => (
                        <li key={i}>
                          {d.nodeId ? <code>{d.nodeId}</code> : null} {d.message}
                        </li>
                      ))}
                  </ul>
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="red"
                    onClick={onShowProblems}
                    data-testid="test-call-show-problems"
                  >
                    {t('testCall.showProblems')}
                  </Button>
                </>
              )}
            </Alert>
          )}
          <div className={classes.keypad}>
            {KEYPAD.map((key) => (
              <Button
                key={key}
                variant="default"
                size="sm"
                onClick={() => void press(key)}
                disabled={!active || !callId}
                data-testid={keyTestId(key)}
              >
                {key}
              </Button>
            ))}
          </div>
          <Divider label={t('testCall.transcript')} labelPosition="left" />
          <Transcript lines={state.transcript} />
          {state.status === 'ended' && callId && (
            <Button
              size="xs"
              variant="light"
              leftSection={<History size={14} />}
              onClick={() => setReplay({ callId, steps: state.steps })}
              data-testid="replay-open"
            >
              {t('replay.open')}
            </Button>
          )}
          <Divider label={t('testCall.variables')} labelPosition="left" />
          <VariablesWatch variables={state.variables} testId="test-call-variables" />
          <Divider label={t('testCall.endpoints')} labelPosition="left" />
          <Text size="xs" c="dimmed">
            {t('testCall.endpointsHelp')}
          </Text>
          {endpoints.map((row, i) => (
            <Group key={i} gap={4} wrap="nowrap" data-testid={`test-call-endpoint-${i}`}>
              <TextInput
                size="xs"
                value={row.number}
                placeholder={t('admin.number')}
                onChange={(e) => {
                  const number = e.currentTarget.value;
                  setEndpoints(endpoints.map((r, j) => (j === i ? { ...r, number } : r)));
                }}
                data-testid={`test-call-endpoint-number-${i}`}
              />
              <NativeSelect
                size="xs"
                w={150}
                data={OUTCOMES.map((o) => ({ value: o, label: t(`testCall.outcomes.${o}`) }))}
                value={row.outcome}
                onChange={(e) => {
                  const outcome = e.currentTarget.value as EndpointOutcome;
                  const next = endpoints.map((r, j) => (j === i ? { ...r, outcome } : r));
                  setEndpoints(next);
                  // During a call a change applies at once: the next ring of that number meets it.
                  if (active) void applyEndpoint(next[i]!);
                }}
                data-testid={`test-call-endpoint-outcome-${i}`}
              />
              <Tooltip label={t('testCall.applyEndpoint')}>
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => void applyEndpoint(row)}
                  data-testid={`test-call-endpoint-apply-${i}`}
                >
                  {t('testCall.apply')}
                </Button>
              </Tooltip>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => setEndpoints(endpoints.filter((_, j) => j !== i))}
                aria-label={t('common.remove')}
              >
                <Trash2 size={14} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<Plus size={12} />}
              onClick={() => setEndpoints([...endpoints, { number: '', outcome: 'answer' }])}
              data-testid="test-call-endpoint-add"
            >
              {t('testCall.addEndpoint')}
            </Button>
          </Group>
          {endpointNote && (
            <Text size="xs" c="teal" data-testid="test-call-endpoint-note">
              {endpointNote}
            </Text>
          )}
          <TestCasesSection scenarioId={scenarioId} />
        </Stack>
      </ScrollArea>
    </aside>
  );
}

function statusColor(status: string): string {
  if (status === 'ended') return 'gray';
  if (status === 'failed') return 'red';
  if (status === 'answered' || status === 'bridged') return 'green';
  return 'blue';
}

export function Transcript({ lines }: { lines: readonly TranscriptLine[] }) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [lines.length]);
  return (
    <div className={classes.transcript} data-testid="test-call-transcript">
      {lines.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('testCall.transcriptEmpty')}
        </Text>
      )}
      {lines.map((line, i) => (
        <div
          key={i}
          className={classes[`line-${line.kind}`]}
          data-testid={`transcript-line-${i}`}
          data-kind={line.kind}
        >
          {line.kind === 'prompt'
            ? line.media === 'file' || line.media === 'tone'
              ? t('testCall.playsFile', { file: line.text })
              : line.text
            : line.kind === 'ended'
              ? t('testCall.lineEnded', { cause: line.cause })
              : line.kind === 'bridge-failed'
                ? t('testCall.lineBridgeFailed', { target: line.target, cause: line.cause })
                : line.kind === 'bridged'
                  ? t('testCall.lineBridged', { target: line.target })
                  : t('testCall.lineDialing', { target: line.target })}
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}
