import { Handle, Position } from '@xyflow/react';
import { Lock, Construction, Play } from 'lucide-react';
import { localize } from '@ivr/scenario-schema';
import { useEditor } from '../../store/EditorStoreContext';
import type { EditorState } from '../../store/editorStore';
import { SpriteIcon } from '../../../catalog/IconSprite';
import type { ScenarioNodeData } from './nodeData';
import { cardModel } from './cardModel';
import { useCardContext } from './CardContext';
import classes from './NodeCard.module.css';

interface NodeCardProps {
  id: string;
  data: ScenarioNodeData;
  selected: boolean;
  /** The category's colour, so a flow step and a call step are told apart at a glance. */
  accent: string;
}

const ACTIVE = 1;
const VISITED = 2;
const WARNING = 4;
const ERROR = 8;

/**
 * What the store says about one node, as one number: the card subscribes once, and a store change
 * that leaves it the same (most of them, for most cards) does not render the card.
 */
function nodeStatus(state: EditorState, id: string): number {
  const severity = state.nodeSeverity.get(id);
  const trace = state.trace;
  return (
    (severity === 'error' ? ERROR : severity === 'warning' ? WARNING : 0) |
    // A test call or replay: the node the call is at, and whether the call went through it.
    (trace?.activeNodeId === id ? ACTIVE : 0) |
    (trace?.visitedNodes.has(id) ? VISITED : 0)
  );
}

/** The body every category's node shares: icon, title, summary, one labelled handle per exit. */
export function NodeCard({ id, data, selected, accent }: NodeCardProps) {
  const { t, language, catalog } = useCardContext();
  const status = useEditor((s) => nodeStatus(s, id));
  const severity = status & ERROR ? 'error' : status & WARNING ? 'warning' : undefined;
  const active = (status & ACTIVE) !== 0;
  const visited = (status & VISITED) !== 0;
  const { node } = data;
  // Exits, stray exits and summary: worked out once per node object (cardModel.ts).
  const { definition, exits, strayExits, summary } = cardModel(catalog, node);
  const title = definition
    ? localize(definition.title, language)
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
        <SpriteIcon name={definition?.icon ?? 'puzzle'} size={16} />
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
              {exit.label ? localize(exit.label, language) : ''}
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
