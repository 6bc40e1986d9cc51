import { useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiClient';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import type { TraceStep } from './liveCall';
import { moveReplay, replayHighlight, replayVariables, seekReplay, startReplay, type ReplayMove } from './replay';
import { testCallApi } from './testCallApi';
import type { ReplaySource } from './TestCallPanel';
import { VariablesWatch } from './VariablesWatch';
import classes from './TestCallPanel.module.css';

/** A finished call's steps on the canvas, one at a time. */
export function ReplayView({
  source,
  onClose,
  onClosePanel,
}: {
  source: ReplaySource;
  onClose(): void;
  onClosePanel(): void;
}) {
  const { t } = useTranslation();
  // The stored trace is the complete one; the steps seen live stand in if it cannot be read.
  const stored = useQuery({
    queryKey: ['call-steps', source.callId],
    queryFn: ({ signal }) => testCallApi.callSteps(source.callId, signal),
    retry: false,
  });
  const steps: TraceStep[] | null =
    stored.data && stored.data.length > 0
      ? stored.data
      : stored.isPending && !source.steps?.length
        ? null
        : (source.steps ?? stored.data ?? []);
  return (
    <>
      <Group justify="space-between" px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={6}>{t('replay.title')}</Title>
        <Group gap={4}>
          <Button size="compact-xs" variant="subtle" onClick={onClose} data-testid="replay-close">
            {t('replay.back')}
          </Button>
          <ActionIcon
            variant="subtle"
            onClick={onClosePanel}
            aria-label={t('common.close')}
            data-testid="test-call-close"
          >
            <X size={16} />
          </ActionIcon>
        </Group>
      </Group>
      {stored.isError && !source.steps?.length && (
        <Alert color="red" m="sm" p="xs">
          {t('errors.loadFailed', { message: errorMessage(stored.error) })}
        </Alert>
      )}
      {steps === null ? (
        <Loader m="md" size="sm" />
      ) : (
        <ReplayStepper key={`${source.callId}:${steps.length}`} steps={steps} callId={source.callId} />
      )}
    </>
  );
}

function ReplayStepper({ steps, callId }: { steps: TraceStep[]; callId: string }) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const doc = useEditor((s) => s.doc);
  const { setCenter, getZoom } = useReactFlow();
  const [state, setState] = useState(() => startReplay(steps));
  const current = state.steps[state.index];
  const highlight = useMemo(() => replayHighlight(state, doc), [state, doc]);
  const variables = useMemo(() => replayVariables(state), [state]);
  const changed = useMemo(() => new Set(Object.keys(current?.changed ?? {})), [current]);

  useEffect(() => {
    store.getState().setTrace(highlight);
  }, [store, highlight]);
  useEffect(() => () => store.getState().setTrace(null), [store]);

  // The step's node is brought into view.
  const activeNodeId = highlight.activeNodeId;
  useEffect(() => {
    if (!activeNodeId) return;
    const { doc: current, measured } = store.getState();
    const position = current.layout[activeNodeId];
    if (!position) return;
    const size = measured[activeNodeId] ?? { width: 200, height: 100 };
    void setCenter(position.x + size.width / 2, position.y + size.height / 2, {
      zoom: Math.max(getZoom(), 0.8),
      duration: 250,
    });
  }, [activeNodeId, store, setCenter, getZoom]);

  const move = (to: ReplayMove) => setState((s) => moveReplay(s, to));
  // Arrow keys step too, when the focus is not in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (event.key === 'ArrowRight') setState((s) => moveReplay(s, 'forward'));
      else if (event.key === 'ArrowLeft') setState((s) => moveReplay(s, 'back'));
      else if (event.key === 'Home') setState((s) => moveReplay(s, 'start'));
      else if (event.key === 'End') setState((s) => moveReplay(s, 'end'));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (steps.length === 0)
    return (
      <Text size="sm" c="dimmed" p="sm" data-testid="replay-empty">
        {t('replay.noSteps')}
      </Text>
    );

  const last = steps.length - 1;
  return (
    <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto">
      <Stack gap="xs" p="sm" data-testid="replay" data-call-id={callId}>
        <Group gap={4} justify="center" wrap="nowrap">
          <Tooltip label={t('replay.toStart')}>
            <ActionIcon
              variant="default"
              onClick={() => move('start')}
              disabled={state.index <= 0}
              data-testid="replay-start"
              aria-label={t('replay.toStart')}
            >
              <ChevronFirst size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('replay.previous')}>
            <ActionIcon
              variant="default"
              onClick={() => move('back')}
              disabled={state.index <= 0}
              data-testid="replay-back"
              aria-label={t('replay.previous')}
            >
              <ChevronLeft size={16} />
            </ActionIcon>
          </Tooltip>
          <Text
            size="sm"
            w={110}
            ta="center"
            data-testid="replay-step"
            data-index={state.index}
            data-node-id={current?.nodeId}
          >
            {t('replay.step', { current: state.index + 1, total: steps.length })}
          </Text>
          <Tooltip label={t('replay.next')}>
            <ActionIcon
              variant="default"
              onClick={() => move('forward')}
              disabled={state.index >= last}
              data-testid="replay-forward"
              aria-label={t('replay.next')}
            >
              <ChevronRight size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('replay.toEnd')}>
            <ActionIcon
              variant="default"
              onClick={() => move('end')}
              disabled={state.index >= last}
              data-testid="replay-end"
              aria-label={t('replay.toEnd')}
            >
              <ChevronLast size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {current && (
          <Stack gap={2} data-testid="replay-current">
            <Group gap={6}>
              <Text size="sm" ff="monospace" fw={600}>
                {current.nodeId}
              </Text>
              {current.component && (
                <Badge variant="light" size="xs">
                  {current.component}
                </Badge>
              )}
              {current.scenarioId !== doc.id && (
                <Badge variant="outline" size="xs" color="gray">
                  {current.scenarioId}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('replay.exit')}: {current.exit ?? '—'}
              {current.durationMs !== undefined ? ` · ${current.durationMs} ms` : ''}
            </Text>
            {current.error && (
              <Text size="xs" c="red">
                {current.error.code}: {current.error.message}
              </Text>
            )}
          </Stack>
        )}
        <Divider label={t('replay.variablesAtStep')} labelPosition="left" />
        <VariablesWatch variables={variables} testId="replay-variables" changed={changed} />
        <Divider label={t('replay.steps')} labelPosition="left" />
        <div className={classes.steps}>
          {steps.map((step, i) => (
            <div
              key={`${step.runId}:${step.seq}`}
              className={`${classes.stepRow} ${i === state.index ? classes.stepCurrent : ''}`}
              onClick={() => setState((s) => seekReplay(s, i))}
              data-testid={`replay-step-${i}`}
            >
              {i + 1}. {step.nodeId}
              {step.exit ? ` → ${step.exit}` : ''}
            </div>
          ))}
        </div>
      </Stack>
    </ScrollArea>
  );
}
