/**
 * Where a node card's handles are before the card has been mounted, worked out from NodeCard's
 * fixed layout (NodeCard.module.css: 12 px text at Mantine's line height 1.55, fixed paddings).
 *
 * React Flow renders every node whose handles it has not measured yet, even with
 * onlyRenderVisibleElements, so a 1,000-node scenario would mount all its cards when it opens. Given
 * a size and handles up front, it mounts only the cards on screen; a mounted card is measured and
 * the measured size and handles replace these. The width is the card's largest (max-width), so a
 * card that is partly on screen is never taken for one that is off it.
 *
 * Keep in step with NodeCard.module.css (flowElements.spec.ts checks the numbers against a layout
 * measured in Chromium).
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { CardModel } from './cardModel';

const LINE = 1.55;
const BORDER_TOP = 3;
const BORDER_BOTTOM = 1;
/** .header: 6 px top padding, one 12 px line (taller than the 16 px icon). */
const HEADER = 6 + 12 * LINE;
/** .meta: one 10 px line. */
const META = 10 * LINE;
/** .summary: 2 px padding above and below one 12 px line. */
const SUMMARY = 4 + 12 * LINE;
/** .diffTag: one 10 px line and 2 px below. */
const DIFF_TAG = 2 + 10 * LINE;
/** .exits: 4 px margin, 1 px border, 2 px padding above (and 2 px below the rows). */
const EXITS_TOP = 4 + 1 + 2;
const EXITS_BOTTOM = 2;
/** .exit: 1 px padding above and below one 12 px line. */
const EXIT_ROW = 2 + 12 * LINE;
/** .source / .target: 9 px including the border, moved by half their size by React Flow's CSS. */
const HANDLE = 9;

/** NodeCard.module.css .card max-width. */
export const CARD_MAX_WIDTH = 260;

export interface CardGeometry {
  width: number;
  height: number;
  handles: NodeHandle[];
}

export function cardGeometry(model: CardModel, hasDiffTag: boolean): CardGeometry {
  const width = CARD_MAX_WIDTH;
  const exitIds = [...model.exits.map((e) => e.id), ...model.strayExits];
  const firstRow = BORDER_TOP + HEADER + META + (model.summary ? SUMMARY : 0) + (hasDiffTag ? DIFF_TAG : 0) + EXITS_TOP;
  const height = firstRow + exitIds.length * EXIT_ROW + EXITS_BOTTOM + BORDER_BOTTOM;
  const handles: NodeHandle[] = [
    {
      id: 'in',
      type: 'target',
      position: Position.Left,
      x: -HANDLE / 2,
      y: height / 2 - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    },
  ];
  exitIds.forEach((id, index) =>
    handles.push({
      id,
      type: 'source',
      position: Position.Right,
      // .source sits 5 px past the exit row's right edge, which is 1 px inside the card's border.
      x: width - 1 + 5 - HANDLE + HANDLE / 2,
      y: firstRow + index * EXIT_ROW + EXIT_ROW / 2 - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    }),
  );
  return { width, height, handles };
}
