import { describe, expect, it } from 'vitest';
import { menuFor } from '../../../../server/src/modules/account/menu.js';

/** The menu's COE tile (docs/spec/api.md MenuKey, docs/spec/coe.md "Screens"): the counter class's, nobody else's. */
describe('menuFor: the COE tile', () => {
  it('is listed, available, for COUNTER_COE_RECIPIENT, after the application functions and before USER_INFO', () => {
    const menu = menuFor('COUNTER_COE_RECIPIENT', 'ja');
    expect(menu.map((m) => m.key)).toEqual(['APPLICATION_ENTRY', 'APPLICATION_BULK_ENTRY', 'APPLICATION_SEARCH', 'COE', 'USER_INFO']);
    expect(menu.find((m) => m.key === 'COE')).toEqual({ key: 'COE', available: true, unavailableReason: null, unavailableMessage: null });
  });

  it('is not listed for the other classes', () => {
    for (const userClass of ['LAWYER_OR_SCRIVENER', 'FOREIGN_NATIONAL', 'LEGAL_REPRESENTATIVE', 'RELATIVE'] as const) {
      expect(menuFor(userClass, 'en').map((m) => m.key)).not.toContain('COE');
    }
  });

  it('is unavailable (WZBAM158E) to the restricted session after an expired password', () => {
    const coe = menuFor('COUNTER_COE_RECIPIENT', 'en', true).find((m) => m.key === 'COE');
    expect(coe).toMatchObject({ available: false, unavailableReason: 'WZBAM158E' });
    expect(coe?.unavailableMessage).toBeTruthy();
  });
});
