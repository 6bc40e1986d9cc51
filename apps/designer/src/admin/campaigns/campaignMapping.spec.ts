import { describe, expect, it } from 'vitest';
import {
  buildMapping,
  choicesFromMapping,
  columnKeys,
  columnLetter,
  guessChoices,
  variableNameFor,
} from './campaignMapping';

describe('campaign column mapping', () => {
  it('names columns by header, or by letter when the header is empty', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnKeys(['Phone', '', ' Name '])).toEqual(['Phone', 'B', 'Name']);
  });

  it('makes variable names from headers', () => {
    expect(variableNameFor('Client name', 0)).toBe('client_name');
    expect(variableNameFor('Сумма долга', 2)).toBe('col_C');
    expect(variableNameFor('2nd phone', 1)).toBe('_2nd_phone');
  });

  it('guesses the phone, id and time zone columns and takes the rest as variables', () => {
    const choices = guessChoices(['ID', 'Телефон', 'Имя', 'Time zone', 'Debt', '']);
    expect(choices).toEqual({
      ID: { role: 'id', variable: 'id' },
      Телефон: { role: 'phone', variable: 'col_B' },
      Имя: { role: 'variable', variable: 'col_C' },
      'Time zone': { role: 'timeZone', variable: 'time_zone' },
      Debt: { role: 'variable', variable: 'debt' },
      F: { role: 'ignore', variable: 'col_F' },
    });
    // Nothing phone-like: the first column is proposed.
    expect(guessChoices(['A1', 'B1']).A1?.role).toBe('phone');
  });

  it('builds the runtime mapping', () => {
    const headers = ['ID', 'Phone', 'Name', 'Debt'];
    const choices = guessChoices(headers);
    choices.Name = { role: 'variable', variable: 'clientName' };
    expect(buildMapping(headers, choices, { headerRow: 2, sheet: 'List' })).toEqual({
      mapping: {
        sheet: 'List',
        headerRow: 2,
        phone: 'Phone',
        id: 'ID',
        variables: { clientName: 'Name', debt: 'Debt' },
      },
      problems: [],
    });
  });

  it('reports a missing phone, two phones, bad and duplicate variable names', () => {
    const headers = ['A', 'B', 'C', 'D'];
    expect(
      buildMapping(
        headers,
        {
          A: { role: 'variable', variable: 'x' },
          B: { role: 'variable', variable: 'x' },
          C: { role: 'variable', variable: '1bad' },
          D: { role: 'ignore', variable: 'd' },
        },
        { headerRow: 1 },
      ),
    ).toEqual({
      mapping: null,
      problems: [
        { code: 'duplicate-variable', variable: 'x' },
        { code: 'bad-variable', column: 'C', variable: '1bad' },
        { code: 'no-phone' },
      ],
    });
    expect(
      buildMapping(
        headers,
        { A: { role: 'phone', variable: 'a' }, B: { role: 'phone', variable: 'b' } },
        { headerRow: 1 },
      ).problems,
    ).toEqual([{ code: 'many', role: 'phone' }]);
  });

  it('restores the choices of a saved mapping', () => {
    const headers = ['id', 'phone', 'name', 'other'];
    expect(
      choicesFromMapping(headers, { headerRow: 1, phone: 'Phone', id: 'id', variables: { client: 'NAME' } }),
    ).toEqual({
      id: { role: 'id', variable: 'id' },
      phone: { role: 'phone', variable: 'phone' },
      name: { role: 'variable', variable: 'client' },
      other: { role: 'ignore', variable: 'other' },
    });
  });
});
