import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, expression, variableName } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';
import { rowMatchSchema, workbookParams } from '../excel-read/definition.js';

export const excelWriteParams = z
  .strictObject({
    ...workbookParams,
    mode: choice(['update', 'append'], 'update', t('Write', 'Запись', 'Escritura'), {
      update: t('Set cells of a row', 'Изменить ячейки строки', 'Cambiar celdas de una fila'),
      append: t('Append a row', 'Добавить строку', 'Añadir una fila'),
    }),
    /** update: the row number, e.g. the variable an Excel read put it in. */
    row: expression('int', t('Row number', 'Номер строки', 'Número de fila'), {
      visibleWhen: { mode: ['update'] },
    }).optional(),
    /** update without a row number: the first row matching. */
    match: rowMatchSchema.optional().meta(
      ui({
        widget: 'object',
        label: t('Or find the row', 'Или найти строку', 'O buscar la fila'),
        visibleWhen: { mode: ['update'] },
      }),
    ),
    /** Column -> template of the value. */
    cells: z
      .record(z.string().min(1).max(256), z.string().max(32_767))
      .refine((cells) => Object.keys(cells).length > 0, { message: 'set at least one cell' })
      .meta(
        ui({
          widget: 'template-map',
          label: t('Cells', 'Ячейки', 'Celdas'),
          keyLabel: t('Column', 'Столбец', 'Columna'),
          valueLabel: t('Value', 'Значение', 'Valor'),
        }),
      ),
    rowInto: variableName(t('Row number into', 'Номер строки в', 'Número de fila en'), { advanced: true }).optional(),
  })
  .refine((p) => p.mode !== 'update' || p.row !== undefined || p.match !== undefined, {
    message: 'update needs a row number or a match',
    path: ['row'],
  });
export type ExcelWriteParams = z.infer<typeof excelWriteParams>;

export const excelWriteDefinition: ComponentDefinition<ExcelWriteParams> = {
  type: 'excel-write',
  typeVersion: 1,
  category: 'data',
  icon: 'file-spreadsheet',
  title: t('Excel write', 'Запись в Excel', 'Escribir Excel'),
  help: t(
    'Sets cells of a row (by number or found by a column value) or appends a row to an uploaded workbook. Writers to one file are serialized.',
    'Изменяет ячейки строки (по номеру или найденной по значению столбца) либо добавляет строку в загруженную книгу. Запись в один файл выполняется по очереди.',
    'Cambia celdas de una fila (por número o buscada por valor de columna) o añade una fila a un libro subido. Las escrituras en un archivo se hacen en orden.',
  ),
  params: excelWriteParams,
  exits: (params) => [
    exit('ok', 'required'),
    ...(params.mode === 'update' ? [exit('empty', 'required')] : []),
    ERROR_EXIT,
  ],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { row: 'int' },
  variableTargets: ['rowInto'],
  waits: true,
  implemented: true,
};
