import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { ComponentIcon } from '../../../catalog/ComponentIcon';
import { useLocalize } from '../../../i18n/useLanguage';
import { useEditor } from '../../store/EditorStoreContext';
import type { ScenarioFlowNode } from '../shared/nodeData';
import classes from '../shared/NodeCard.module.css';

/**
 * A node the compared version has and the draft no longer has: a ghost where it stood, without
 * handles, so it can be neither edited nor wired.
 */
export const RemovedNode = memo(function RemovedNode({ id, data }: NodeProps<ScenarioFlowNode>) {
  const localize = useLocalize();
  const catalog = useEditor((s) => s.catalog);
  const definition = catalog.get(data.node.type, data.node.typeVersion);
  return (
    <div className={`${classes.card} ${classes['diff-removed']}`} data-testid={`removed-node-${data.node.id}`} id={id}>
      <div className={classes.header}>
        <ComponentIcon name={definition?.icon ?? 'puzzle'} size={16} />
        <span className={classes.title}>{definition ? localize(definition.title) : data.node.type}</span>
      </div>
      <div className={classes.meta}>
        <span className={classes.nodeId}>{data.node.id}</span>
      </div>
      <div className={classes.diffTag}>−</div>
    </div>
  );
});
