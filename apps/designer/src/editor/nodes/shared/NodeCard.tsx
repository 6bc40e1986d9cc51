import { Handle, Position } from '@xyflow/react';
import { Lock, Construction, Play } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ExitDefinition } from '@ivr/scenario-schema';
import { ComponentIcon } from '../../../catalog/ComponentIcon';
import { nodeExits, paramsJsonSchema } from '../../../catalog/componentSchemas';
import { useLocalize } from '../../../i18n/useLanguage';
import { useEditor } from '../../store/EditorStoreContext';
import type { ScenarioNodeData } from './nodeData';
import { summarizeParams } from './summarizeParams';
import classes from './NodeCard.module.css';

interface NodeCardProps {
  id: string;
  data: ScenarioNodeData;
  selected: boolean;
  /** The category's colour, so a flow step and a call step are told apart at a glance. */
  accent: string;
}

/** The body every category's node shares: icon, title, summary, one labelled handle per exit. */
export function NodeCard({ id, data, selected, accent }: NodeCardProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const severity = useEditor((s) => s.nodeSeverity.get(id));
  // A test call or replay: the node the call is at, and whether the call went through it.
  const active = useEditor((s) => s.trace?.activeNodeId === id);
  const visited = useEditor((s) => s.trace?.visitedNodes.has(id) ?? false);
  const { node } = data;
  const catalog = useEditor((s) => s.catalog);
  const definition = catalog.get(node.type, node.typeVersion);
  const exits: readonly ExitDefinition[] = definition ? nodeExits(definition, node.params).exits : [];
  const known = new Set(exits.map((e) => e.id));
  // A wire on an exit the component does not have (yet) still needs a handle to hang from.
  const strayExits = Object.keys(node.exits).filter((exit) => !known.has(exit));
  const summary = definition ? summarizeParams(node.params, paramsJsonSchema(definition)) : '';
  const title = definition
    ? localize(definition.title)
    : t('node.unknownType', { type: node.type, version: node.typeVersion });

  const className = [
    classes.card,
    selected && classes.selected,
    severity && classes[severity],
    data.diff && classes[`diff-${data.diff}`],
    visited && classes.visited,
    active && classes.active,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={className}
      style={{ '--accent': accent } as React.CSSProperties}
      data-testid={`node-${id}`}
      data-active={active ? 'true' : undefined}
      data-visited={visited ? 'true' : undefined}
    >
      {active && <span className={classes.activeMarker} data-testid="node-active" />}
      <Handle
        type="target"
        position={Position.Left}
        id="in"
        className={classes.target}
        data-testid={`handle-${id}-in`}
      />
      <div className={classes.header}>
        <ComponentIcon name={definition?.icon ?? 'puzzle'} size={16} />
        <span className={classes.title}>{data.label || title}</span>
        {data.isStart && <Play size={12} className={classes.startBadge} aria-label={t('node.start')} />}
        {definition?.sensitive && (
          <Lock size={12} aria-label={t('node.sensitive')} data-testid={`node-${id}-sensitive`} />
        )}
        {definition && !definition.implemented && (
          <span
            className={classes.badge}
            title={t('palette.notImplemented')}
            data-testid={`node-${id}-not-implemented`}
          >
            <Construction size={11} />
          </span>
        )}
      </div>
      <div className={classes.meta}>
        <span className={classes.nodeId}>{id}</span>
        {data.label && <span> · {title}</span>}
      </div>
      {summary && <div className={classes.summary}>{summary}</div>}
      {data.diff && <div className={classes.diffTag}>{t(`history.${data.diff}`)}</div>}
      <div className={classes.exits}>
        {exits.map((exit) => (
          <div key={exit.id} className={classes.exit}>
            <span
              className={
                node.exits[exit.id] ? undefined : exit.wiring === 'required' ? classes.unwired : classes.optional
              }
            >
              {localize(exit.label)}
            </span>
            <Handle
              type="source"
              position={Position.Right}
              id={exit.id}
              className={classes.source}
              data-testid={`handle-${id}-${exit.id}`}
            />
          </div>
        ))}
        {strayExits.map((exit) => (
          <div key={exit} className={`${classes.exit} ${classes.stray}`}>
            <span>{exit}</span>
            <Handle
              type="source"
              position={Position.Right}
              id={exit}
              className={classes.source}
              data-testid={`handle-${id}-${exit}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
