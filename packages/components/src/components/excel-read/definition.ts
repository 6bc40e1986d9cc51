import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, count, template, variableMap, variableName } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

const COLUMN_HELP = t(
  'A column is its header text, or its letter such as C.',
  'Столбец задаётся текстом заголовка или буквой, например C.',
  'Una columna es el texto de su cabecera o su letra, como C.',
);

/** Params shared with excel-write: which workbook, sheet and header row. */
export const workbookParams = {
  /** A name in the runtime's file store; paths are refused. */
  file: template(t('File', 'Файл', 'Archivo'), { placeholder: 'debtors.xlsx' }, 1),
  sheet: z
    .string()
    .min(1)
    .max(31)
    .optional()
    .meta(
      ui({ widget: 'text', label: t('Sheet (empty: the first)', 'Лист (пусто — первый)', 'Hoja (vacío: la primera)') }),
    ),
  headerRow: count(
    1,
    t('Header row', 'Строка заголовков', 'Fila de cabecera'),
    { min: 0, max: 100 },
    {
      advanced: true,
      help: t(
        '0: no header row, columns by letter.',
        '0 — без заголовков, столбцы по буквам.',
        '0: sin cabecera, columnas por letra.',
      ),
    },
  ),
};

export const columnParam = () =>
  z
    .string()
    .min(1)
    .max(256)
    .meta(ui({ widget: 'text', label: t('Column', 'Столбец', 'Columna'), help: COLUMN_HELP }));

export const rowMatchSchema = z.strictObject({
  column: columnParam(),
  value: template(t('Equals', 'Равно', 'Igual a')),
});

export const excelReadParams = z
  .strictObject({
    ...workbookParams,
    mode: choice(['find', 'next-unprocessed'], 'find', t('Row', 'Строка', 'Fila'), {
      find: t('Find by a column value', 'Найти по значению столбца', 'Buscar por valor de columna'),
      'next-unprocessed': t('Next unprocessed row', 'Следующая необработанная', 'Siguiente fila sin procesar'),
    }),
    match: rowMatchSchema
      .optional()
      .meta(ui({ widget: 'object', label: t('Find', 'Найти', 'Buscar'), visibleWhen: { mode: ['find'] } })),
    /** next-unprocessed: the first row whose cell in this column is empty. */
    resultColumn: columnParam()
      .optional()
      .meta(
        ui({
          widget: 'text',
          label: t('Result column', 'Столбец результата', 'Columna de resultado'),
          help: COLUMN_HELP,
          visibleWhen: { mode: ['next-unprocessed'] },
        }),
      ),
    /** Written to the result column when the row is taken, so that parallel runs never take the same row. */
    claimWith: template(t('Mark the taken row with', 'Пометить взятую строку', 'Marcar la fila tomada con'), {
      visibleWhen: { mode: ['next-unprocessed'] },
    }).default('in progress'),
    /** Column -> variable. */
    map: variableMap(
      t('Columns to variables', 'Столбцы в переменные', 'Columnas a variables'),
      t('Column', 'Столбец', 'Columna'),
    ),
    rowInto: variableName(t('Row number into', 'Номер строки в', 'Número de fila en'), {
      help: t(
        'Lets an Excel write update the same row.',
        'Позволяет записи в Excel обновить ту же строку.',
        'Permite que una escritura Excel actualice la misma fila.',
      ),
    }).optional(),
  })
  .refine((p) => p.mode !== 'find' || p.match !== undefined, { message: 'find needs a match', path: ['match'] })
  .refine((p) => p.mode !== 'next-unprocessed' || p.resultColumn !== undefined, {
    message: 'next-unprocessed needs a result column',
    path: ['resultColumn'],
  });
export type ExcelReadParams = z.infer<typeof excelReadParams>;

export const excelReadDefinition: ComponentDefinition<ExcelReadParams> = {
  type: 'excel-read',
  typeVersion: 1,
  category: 'data',
  icon: 'sheet',
  title: t('Excel read', 'Чтение Excel', 'Leer Excel'),
  help: t(
    'Finds a row of an uploaded workbook by a column value, or takes the next row whose result column is empty, and copies its cells into variables.',
    'Находит строку загруженной книги по значению столбца или берёт следующую строку с пустым столбцом результата и копирует её ячейки в переменные.',
    'Busca una fila de un libro subido por el valor de una columna, o toma la siguiente fila con la columna de resultado vacía, y copia sus celdas en variables.',
  ),
  params: excelReadParams,
  exits: [exit('ok', 'required'), exit('empty', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  variableTargets: ['map.*', 'rowInto'],
  waits: true,
  implemented: true,
};
