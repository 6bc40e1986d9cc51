import { useMemo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import '../../i18n/i18n';
import type { CampaignMapping, SheetPreview } from './campaignApi';
import { buildMapping, guessChoices } from './campaignMapping';
import { MappingForm } from './MappingForm';

const preview: SheetPreview = {
  sheets: ['Contacts'],
  sheet: 'Contacts',
  headers: ['Phone', 'Name', 'Debt'],
  rows: [
    { number: 2, cells: ['+79160000001', 'Anna', 120] },
    { number: 3, cells: ['+79160000002', 'Boris', null] },
  ],
};

function Harness({ onMapping }: { onMapping(mapping: CampaignMapping | null): void }) {
  const [choices, setChoices] = useState(() => guessChoices(preview.headers));
  const [headerRow, setHeaderRow] = useState(1);
  const built = useMemo(() => buildMapping(preview.headers, choices, { headerRow }), [choices, headerRow]);
  onMapping(built.mapping);
  return (
    <MappingForm
      preview={preview}
      choices={choices}
      onChange={setChoices}
      headerRow={headerRow}
      onHeaderRow={setHeaderRow}
      onSheet={() => undefined}
      problems={built.problems}
    />
  );
}

describe('campaign mapping form', () => {
  it('shows the preview, proposes roles and builds the mapping as they change', () => {
    let mapping: CampaignMapping | null = null;
    render(
      <MantineProvider>
        <Harness onMapping={(m) => (mapping = m)} />
      </MantineProvider>,
    );
    expect(screen.getByText('Anna')).toBeTruthy();
    const phone = screen.getByTestId('campaign-mapping-Phone') as HTMLSelectElement;
    expect(phone.value).toBe('phone');
    expect((screen.getByTestId('campaign-mapping-Name') as HTMLSelectElement).value).toBe('variable');
    expect(mapping).toEqual({ headerRow: 1, phone: 'Phone', variables: { name: 'Name', debt: 'Debt' } });

    // Rename a variable, drop a column, make Name the contact id.
    fireEvent.change(screen.getByTestId('campaign-variable-Debt'), { target: { value: 'amount' } });
    fireEvent.change(screen.getByTestId('campaign-mapping-Name'), { target: { value: 'id' } });
    expect(mapping).toEqual({ headerRow: 1, phone: 'Phone', id: 'Name', variables: { amount: 'Debt' } });

    // No phone column: the problem is shown and nothing can be sent.
    fireEvent.change(phone, { target: { value: 'ignore' } });
    expect(mapping).toBeNull();
    expect(screen.getByTestId('campaign-mapping-problems').textContent).toContain('phone numbers');
  });
});
