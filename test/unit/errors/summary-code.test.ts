import { describe, expect, it } from 'vitest';
import { summaryCode } from '../../../server/src/errors/summary-code.js';
import type { FieldIssue } from '../../../server/src/errors/field-issue.js';

const i = (field: string, code: FieldIssue['code']): FieldIssue => ({ field, code });

describe('summaryCode', () => {
  it('is WZBAM001E when any required field is missing, whatever the others are', () => {
    expect(summaryCode([i('name', 'WZBAM001E')])).toBe('WZBAM001E');
    expect(summaryCode([i('name', 'WZBAM005E'), i('phone', 'WZBAM001E'), i('x', 'WZBAM011E')])).toBe('WZBAM001E');
  });
  it('counts WZBAM103E and WZBAM104E (residence parts) as missing', () => {
    expect(summaryCode([i('residenceCode', 'WZBAM103E')])).toBe('WZBAM001E');
    expect(summaryCode([i('residenceAddress', 'WZBAM104E')])).toBe('WZBAM001E');
    expect(summaryCode([i('email', 'WZBAM005E'), i('residenceCode', 'WZBAM103E')])).toBe('WZBAM001E');
  });
  it('is the shared code when all issues have the same one', () => {
    expect(summaryCode([i('name', 'WZBAM005E'), i('email', 'WZBAM005E')])).toBe('WZBAM005E');
    expect(summaryCode([i('emailConfirmation', 'WZBAM159E')])).toBe('WZBAM159E');
    expect(summaryCode([i('birthDate', 'WZBAM111E')])).toBe('WZBAM111E');
    expect(summaryCode([i('residenceAddress', 'WZBAM011E')])).toBe('WZBAM011E');
    expect(summaryCode([i('termsAccepted', 'WZBAM256E')])).toBe('WZBAM256E');
  });
  it('is WZBAM018E when the codes differ and none is a missing one', () => {
    expect(summaryCode([i('name', 'WZBAM005E'), i('birthDate', 'WZBAM111E')])).toBe('WZBAM018E');
    expect(summaryCode([i('residenceAddress', 'WZBAM011E'), i('emailConfirmation', 'WZBAM159E')])).toBe('WZBAM018E');
  });
});
