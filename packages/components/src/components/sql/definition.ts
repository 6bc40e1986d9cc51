import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, connectionName, count, seconds, variableMap, variableName } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const sqlParams = z.strictObject({
  connection: connectionName('sql'),
  /**
   * `@Name` binds the variable Name as a parameter; values are never spliced into the text. On MSSQL
   * `SELECT @Count = COUNT(*) ...` fills the variable Count (T-SQL output parameter).
   */
  query: z
    .string()
    .min(1)
    .max(100_000)
    .meta(
      ui({
        widget: 'code-sql',
        label: t('Query', 'Запрос', 'Consulta'),
        literal: true,
        help: t(
          'Use @Name for the value of the variable Name. It is passed as a parameter, never pasted into the text.',
          '@Имя подставляет значение переменной Имя как параметр запроса, а не вклеивает его в текст.',
          '@Nombre usa el valor de la variable Nombre como parámetro, nunca pegado en el texto.',
        ),
      }),
    ),
  mode: choice(['first-row', 'all-rows', 'row-count'], 'first-row', t('Result', 'Результат', 'Resultado'), {
    'first-row': t('First row into variables', 'Первая строка в переменные', 'Primera fila a variables'),
    'all-rows': t('All rows as a list', 'Все строки списком', 'Todas las filas como lista'),
    'row-count': t('Number of rows (affected)', 'Число строк (затронутых)', 'Número de filas (afectadas)'),
  }),
  /** Column of the first row -> variable. */
  map: variableMap(
    t('Columns to variables', 'Столбцы в переменные', 'Columnas a variables'),
    t('Column', 'Столбец', 'Columna'),
    {
      visibleWhen: { mode: ['first-row'] },
    },
  ),
  /** all-rows: the list of rows (each a map by column); row-count: the count. */
  into: variableName(t('Result into', 'Результат в', 'Resultado en'), {
    visibleWhen: { mode: ['all-rows', 'row-count'] },
  }).optional(),
  maxRows: count(
    1000,
    t('Max rows', 'Макс. строк', 'Máx. filas'),
    { min: 1, max: 100_000 },
    {
      advanced: true,
      visibleWhen: { mode: ['all-rows'] },
    },
  ),
  timeout: seconds(30, t('Timeout', 'Тайм-аут', 'Tiempo de espera'), { min: 1, max: 600 }, { advanced: true }),
});
export type SqlParams = z.infer<typeof sqlParams>;

export const sqlDefinition: ComponentDefinition<SqlParams> = {
  type: 'sql',
  typeVersion: 1,
  category: 'data',
  icon: 'database',
  title: t('SQL query', 'SQL-запрос', 'Consulta SQL'),
  help: t(
    'Runs a query on a named database connection with variables bound as @Name parameters, and puts the first row, all rows or the row count into variables. "Nothing found" when no row came back.',
    'Выполняет запрос к именованному подключению БД, передавая переменные как параметры @Имя, и помещает первую строку, все строки или число строк в переменные. «Ничего не найдено», если строк нет.',
    'Ejecuta una consulta en una conexión con nombre, con variables como parámetros @Nombre, y guarda la primera fila, todas las filas o el número de filas en variables. «Sin resultados» si no vuelve ninguna fila.',
  ),
  params: sqlParams,
  exits: (params) => [
    exit('ok', 'required'),
    // A count of 0 is a result like any other (an UPDATE that touched nothing); an empty lookup is a branch.
    ...(params.mode === 'row-count' ? [] : [exit('empty', 'required')]),
    ERROR_EXIT,
  ],
  kinds: ALL_KINDS,
  precondition: 'none',
  // The query binds @Name parameters; a `{{ }}` in it would splice values into SQL, so it is never a template.
  literals: ['query'],
  variableTargets: ['map.*', 'into'],
  waits: true,
  implemented: true,
};

// The parameter scanner is pure: the runtime binds with it and the designer may flag unknown @Names with it.
export * from './query-parameters.js';
