import { describe, expect, it } from 'vitest';
import {
  USER_CLASSES,
  isValidEmailAddress,
  tokyoDate,
  validateRegistrationInput,
  type RegisterInputValues,
} from '../../../../server/src/modules/registration/registration.validate.js';
import type { FieldIssue } from '../../../../server/src/errors/field-issue.js';
import { summaryCode } from '../../../../server/src/errors/summary-code.js';

/** 2025-06-15 12:00 in Tokyo */
const TODAY = new Date('2025-06-15T03:00:00Z');

const VALID: RegisterInputValues = {
  name: 'HOUMU TARO',
  sex: 'MALE',
  birthYear: '1990',
  birthMonth: '4',
  birthDay: '1',
  residenceCode: '131016',
  residenceAddress: '霞が関１－１－１',
  phone: '03-1234-5678',
  email: 'taro.houmu@example.jp',
  emailConfirmation: 'taro.houmu@example.jp',
  userClass: 'FOREIGN_NATIONAL',
  termsAccepted: true,
};

function validate(overrides: Partial<RegisterInputValues>, today = TODAY) {
  return validateRegistrationInput({ ...VALID, ...overrides }, today);
}
function issuesOf(overrides: Partial<RegisterInputValues>, today = TODAY): FieldIssue[] {
  const r = validate(overrides, today);
  return r.ok ? [] : r.issues;
}
function valueOf(overrides: Partial<RegisterInputValues>) {
  const r = validate(overrides);
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.issues)}`);
  return r.value;
}

describe('validateRegistrationInput: a valid form', () => {
  it('returns the normalized values', () => {
    expect(validateRegistrationInput(VALID, TODAY)).toEqual({
      ok: true,
      value: {
        name: 'HOUMU TARO',
        sex: 'MALE',
        birthDate: '1990-04-01',
        residenceCode: '131016',
        residenceAddress: '霞が関１－１－１',
        phone: '0312345678',
        email: 'taro.houmu@example.jp',
        userClass: 'FOREIGN_NATIONAL',
      },
    });
  });

  it('normalizes full-width and half-width input', () => {
    const v = valueOf({
      name: 'ｈｏｕｍｕ　ｔａｒｏ',
      birthYear: '１９９０',
      birthMonth: '０４',
      birthDay: ' ０１ ',
      residenceAddress: 'ｶｽﾐｶﾞｾｷ 1-1-1',
      phone: '０３（１２３４）５６７８',
      email: ' Ｔａｒｏ@Example.jp ',
      emailConfirmation: 'taro@example.JP',
    });
    expect(v.name).toBe('HOUMU TARO');
    expect(v.birthDate).toBe('1990-04-01');
    expect(v.residenceAddress).toBe('カスミガセキ\u3000１－１－１');
    expect(v.phone).toBe('0312345678');
    expect(v.email).toBe('Taro@Example.jp'); // case kept as entered
  });

  it('accepts each of the five classes and both sexes', () => {
    for (const userClass of USER_CLASSES) expect(validate({ userClass }).ok, userClass).toBe(true);
    expect(USER_CLASSES).toHaveLength(5);
    expect(valueOf({ sex: 'FEMALE' }).sex).toBe('FEMALE');
  });

  it('accepts a designated-city ward', () => {
    expect(valueOf({ residenceCode: '011011' }).residenceCode).toBe('011011');
  });
});

describe('required fields', () => {
  it('an empty form reports every field, in form order, with the residence codes', () => {
    const r = validateRegistrationInput({}, TODAY);
    expect(r).toEqual({
      ok: false,
      issues: [
        { field: 'name', code: 'WZBAM001E' },
        { field: 'sex', code: 'WZBAM001E' },
        { field: 'birthYear', code: 'WZBAM001E' },
        { field: 'birthMonth', code: 'WZBAM001E' },
        { field: 'birthDay', code: 'WZBAM001E' },
        { field: 'residenceCode', code: 'WZBAM103E', item: 'residence' },
        { field: 'residenceAddress', code: 'WZBAM104E', item: 'residence' },
        { field: 'phone', code: 'WZBAM001E' },
        { field: 'email', code: 'WZBAM001E' },
        { field: 'emailConfirmation', code: 'WZBAM001E' },
        { field: 'userClass', code: 'WZBAM001E' },
        { field: 'termsAccepted', code: 'WZBAM256E' },
      ],
    });
    if (!r.ok) expect(summaryCode(r.issues)).toBe('WZBAM001E');
  });

  it('null, empty and whitespace-only (incl. U+3000) values are missing', () => {
    for (const blank of [null, '', '   ', '\u3000\u3000']) {
      expect(issuesOf({ name: blank }), JSON.stringify(blank)).toEqual([{ field: 'name', code: 'WZBAM001E' }]);
      expect(issuesOf({ phone: blank })).toEqual([{ field: 'phone', code: 'WZBAM001E' }]);
      expect(issuesOf({ residenceAddress: blank })).toEqual([
        { field: 'residenceAddress', code: 'WZBAM104E', item: 'residence' },
      ]);
    }
  });

  it('reports only the missing birth part', () => {
    expect(issuesOf({ birthMonth: '' })).toEqual([{ field: 'birthMonth', code: 'WZBAM001E' }]);
    expect(issuesOf({ birthYear: null, birthDay: ' ' })).toEqual([
      { field: 'birthYear', code: 'WZBAM001E' },
      { field: 'birthDay', code: 'WZBAM001E' },
    ]);
  });
});

describe('name', () => {
  it('accepts A–Z with single spaces, up to 104 characters', () => {
    expect(valueOf({ name: 'A' }).name).toBe('A');
    const long = 'A'.repeat(50) + ' ' + 'B'.repeat(53);
    expect(long).toHaveLength(104);
    expect(valueOf({ name: long }).name).toBe(long);
  });
  it('rejects other characters and 105+ characters with WZBAM005E (item name)', () => {
    for (const name of ['HOUMU-TARO', "O'BRIEN", 'HOUMU1', '法務太郎', 'JOSÉ', 'HOUMU.TARO', 'A'.repeat(105)]) {
      expect(issuesOf({ name }), name).toEqual([{ field: 'name', code: 'WZBAM005E', item: 'name' }]);
    }
  });
});

describe('sex', () => {
  it('must be MALE or FEMALE, exactly', () => {
    for (const sex of ['male', 'M', 'OTHER', 'MALE ']) {
      expect(issuesOf({ sex }), sex).toEqual([{ field: 'sex', code: 'WZBAM001E' }]);
    }
  });
});

describe('birth date', () => {
  it('2月30日 is not a real date → WZBAM111E on birthDate', () => {
    expect(issuesOf({ birthYear: '2000', birthMonth: '2', birthDay: '30' })).toEqual([
      { field: 'birthDate', code: 'WZBAM111E' },
    ]);
  });
  it('leap years: 2024-02-29 valid, 2023-02-29 and 1900-02-29 invalid, 2000-02-29 valid', () => {
    expect(valueOf({ birthYear: '2024', birthMonth: '02', birthDay: '29' }).birthDate).toBe('2024-02-29');
    expect(valueOf({ birthYear: '2000', birthMonth: '2', birthDay: '29' }).birthDate).toBe('2000-02-29');
    expect(issuesOf({ birthYear: '2023', birthMonth: '2', birthDay: '29' })).toEqual([
      { field: 'birthDate', code: 'WZBAM111E' },
    ]);
    expect(issuesOf({ birthYear: '1900', birthMonth: '2', birthDay: '29' })).toEqual([
      { field: 'birthDate', code: 'WZBAM111E' },
    ]);
  });
  it('month 13, month 0, day 0, day 32, April 31 are not real dates', () => {
    for (const [m, d] of [['13', '1'], ['0', '1'], ['1', '0'], ['1', '32'], ['4', '31']]) {
      expect(issuesOf({ birthMonth: m, birthDay: d }), `${m}/${d}`).toEqual([{ field: 'birthDate', code: 'WZBAM111E' }]);
    }
  });
  it('year 1899 → WZBAM005E (item birthDate); 1900-01-01 is fine', () => {
    expect(issuesOf({ birthYear: '1899', birthMonth: '12', birthDay: '31' })).toEqual([
      { field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' },
    ]);
    expect(valueOf({ birthYear: '1900', birthMonth: '1', birthDay: '1' }).birthDate).toBe('1900-01-01');
  });
  it('a future date → WZBAM005E; today is fine', () => {
    expect(issuesOf({ birthYear: '2025', birthMonth: '6', birthDay: '16' })).toEqual([
      { field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' },
    ]);
    expect(issuesOf({ birthYear: '2030', birthMonth: '1', birthDay: '1' })).toEqual([
      { field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' },
    ]);
    expect(valueOf({ birthYear: '2025', birthMonth: '6', birthDay: '15' }).birthDate).toBe('2025-06-15');
  });
  it('"today" is the date in Asia/Tokyo, not UTC', () => {
    const birth = { birthYear: '2025', birthMonth: '6', birthDay: '15' };
    // 2025-06-14 15:30 UTC = 2025-06-15 00:30 JST: born today in Tokyo
    expect(validate(birth, new Date('2025-06-14T15:30:00Z')).ok).toBe(true);
    // 2025-06-14 14:59 UTC = 2025-06-14 23:59 JST: the 15th is still in the future
    expect(issuesOf(birth, new Date('2025-06-14T14:59:00Z'))).toEqual([
      { field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' },
    ]);
    expect(tokyoDate(new Date('2025-12-31T15:00:00Z'))).toBe('2026-01-01');
  });
  it('non-numeric or mis-sized parts → WZBAM005E on birthDate', () => {
    for (const p of [
      { birthYear: 'abcd' }, { birthYear: '90' }, { birthYear: '19900' }, { birthMonth: 'April' },
      { birthDay: '1.5' }, { birthDay: '-1' }, { birthMonth: '004' }, { birthYear: '平成2' },
    ]) {
      expect(issuesOf(p), JSON.stringify(p)).toEqual([{ field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' }]);
    }
  });
});

describe('residence', () => {
  it('a designated city with wards (札幌市 011002) is not selectable → WZBAM103E; its ward 011011 is', () => {
    expect(issuesOf({ residenceCode: '011002' })).toEqual([
      { field: 'residenceCode', code: 'WZBAM103E', item: 'residence' },
    ]);
    expect(validate({ residenceCode: '011011' }).ok).toBe(true);
  });
  it('a prefecture code, an unknown code, a malformed code → WZBAM103E', () => {
    for (const residenceCode of ['010006', '130001', '999999', '13101', 'abcdef']) {
      expect(issuesOf({ residenceCode }), residenceCode).toEqual([
        { field: 'residenceCode', code: 'WZBAM103E', item: 'residence' },
      ]);
    }
  });
  it('address: half-width ASCII and katakana become full-width, 1-1-1 → １－１－１', () => {
    expect(valueOf({ residenceAddress: '1-1-1' }).residenceAddress).toBe('１－１－１');
    expect(valueOf({ residenceAddress: 'ﾏﾝｼｮﾝ 101' }).residenceAddress).toBe('マンション\u3000１０１');
  });
  it('address: 80 characters pass, 81 → WZBAM005E (item residenceAddress)', () => {
    expect(validate({ residenceAddress: 'あ'.repeat(80) }).ok).toBe(true);
    expect(validate({ residenceAddress: '1'.repeat(80) }).ok).toBe(true);
    expect(issuesOf({ residenceAddress: 'あ'.repeat(81) })).toEqual([
      { field: 'residenceAddress', code: 'WZBAM005E', item: 'residenceAddress' },
    ]);
  });
  it('address: 外字 (髙, ①, ㈱, 﨑, 𠮷, emoji) → WZBAM011E', () => {
    for (const residenceAddress of ['髙田馬場１－１', '①丁目', '㈱ビル', '川﨑１', '𠮷野１－１', '霞が関😀']) {
      expect(issuesOf({ residenceAddress }), residenceAddress).toEqual([
        { field: 'residenceAddress', code: 'WZBAM011E', item: 'residenceAddress' },
      ]);
    }
  });
  it('address: both forms of the doubly-mapped characters are accepted', () => {
    expect(validate({ residenceAddress: '１〜３番' }).ok).toBe(true);
    expect(validate({ residenceAddress: '１～３番' }).ok).toBe(true);
    expect(validate({ residenceAddress: '１−３' }).ok).toBe(true);
  });
  it('address: too long and 外字 are both reported', () => {
    expect(issuesOf({ residenceAddress: '髙' + 'あ'.repeat(80) })).toEqual([
      { field: 'residenceAddress', code: 'WZBAM005E', item: 'residenceAddress' },
      { field: 'residenceAddress', code: 'WZBAM011E', item: 'residenceAddress' },
    ]);
  });
  it('code and address problems are reported together', () => {
    expect(issuesOf({ residenceCode: '', residenceAddress: '' })).toEqual([
      { field: 'residenceCode', code: 'WZBAM103E', item: 'residence' },
      { field: 'residenceAddress', code: 'WZBAM104E', item: 'residence' },
    ]);
  });
});

describe('phone', () => {
  it('1–12 digits after dropping separators', () => {
    expect(valueOf({ phone: '1' }).phone).toBe('1');
    expect(valueOf({ phone: '090-1234-5678' }).phone).toBe('09012345678');
    expect(valueOf({ phone: '123456789012' }).phone).toBe('123456789012');
    expect(valueOf({ phone: '090−1234−5678' }).phone).toBe('09012345678'); // U+2212
  });
  it('13 digits, letters, + → WZBAM005E (item phone)', () => {
    for (const phone of ['1234567890123', '03-1234-ABCD', '+81312345678', '03.1234.5678']) {
      expect(issuesOf({ phone }), phone).toEqual([{ field: 'phone', code: 'WZBAM005E', item: 'phone' }]);
    }
  });
  it('only separators is missing', () => {
    expect(issuesOf({ phone: '- ()' })).toEqual([{ field: 'phone', code: 'WZBAM001E' }]);
  });
});

describe('email', () => {
  const pair = (email: string, emailConfirmation = email) => issuesOf({ email, emailConfirmation });
  const bad = [{ field: 'email', code: 'WZBAM005E', item: 'email' }];

  it('accepts ordinary addresses, full-width ones normalized', () => {
    expect(pair('a@b.jp')).toEqual([]);
    expect(pair('first.last+tag@mail.example.co.jp')).toEqual([]);
    expect(valueOf({ email: 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', emailConfirmation: 'taro@example.jp' }).email).toBe(
      'taro@example.jp',
    );
  });
  it('60 characters pass, 61 fail', () => {
    const addr60 = 'a'.repeat(50) + '@example.j';
    expect(addr60).toHaveLength(60);
    expect(pair(addr60)).toEqual([]);
    expect(pair('a' + addr60)).toEqual(bad);
  });
  it('no @, two @, empty local part, no dot in the domain, dot first or last, spaces, non-ASCII → WZBAM005E', () => {
    for (const e of [
      'taro.example.jp', 'taro@@example.jp', 'ta@ro@example.jp', '@example.jp', 'taro@examplejp', 'taro@',
      'taro@.example', 'taro@example.', 'ta ro@example.jp', 'taro@exa mple.jp', 'たろう@example.jp', 'taro@例え.jp',
    ]) {
      expect(pair(e), e).toEqual(bad);
    }
  });
  it('markup characters → WZBAM005E (issue 17): the address of the audit and its relatives, in the local part or the domain', () => {
    for (const e of [
      '"><svg/onload=alert(1)>@x.jp', '"><svg/onload=alert(1)>@example.jp', '<script>@example.jp', 'taro>@example.jp',
      'ta"ro@example.jp', '"taro"@example.jp', "o'brien@example.jp", "taro'@example.jp", 'ta`ro@example.jp',
      'taro@exam<ple.jp', 'taro@example.jp>', 'taro@"example.jp', "taro@example.jp'", 'taro@ex`ample.jp',
      'taro(comment)@example.jp', 'ta,ro@example.jp', 'ta;ro@example.jp', 'ta:ro@example.jp', 'ta\\ro@example.jp',
      'ta[ro]@example.jp', 'taro@[127.0.0.1]', 'taro@exa_mple.jp', 'taro@example.jp/x', 'taro@exa&mple.jp',
    ]) {
      expect(pair(e), e).toEqual(bad);
      expect(isValidEmailAddress(e), e).toBe(false);
    }
    // full-width markup becomes half-width (NFKC) before the check
    expect(pair('＂＞＜svg＞@example.jp')).toEqual(bad);
  });
  it('the unquoted characters RFC 5321 allows, and dots anywhere in the local part, stay valid', () => {
    for (const e of [
      'first.last+tag@mail.example.co.jp', "a!#$%&*+-/=?^_{|}~z@example.jp", 'abc..def.@docomo.ne.jp', '.taro@ezweb.ne.jp',
      'TARO@EXAMPLE.JP', 'taro@sub-domain.example.jp', '1234@123.jp',
    ]) {
      expect(pair(e), e).toEqual([]);
    }
  });
  it('isValidEmailAddress agrees', () => {
    expect(isValidEmailAddress('a@b.c')).toBe(true);
    expect(isValidEmailAddress('a@bc')).toBe(false);
    expect(isValidEmailAddress('')).toBe(false);
  });
  it('confirmation missing → WZBAM001E on emailConfirmation', () => {
    expect(issuesOf({ emailConfirmation: '' })).toEqual([{ field: 'emailConfirmation', code: 'WZBAM001E' }]);
  });
  it('confirmation different → WZBAM159E; the comparison ignores case', () => {
    expect(issuesOf({ emailConfirmation: 'other@example.jp' })).toEqual([
      { field: 'emailConfirmation', code: 'WZBAM159E' },
    ]);
    expect(issuesOf({ emailConfirmation: 'TARO.HOUMU@EXAMPLE.JP' })).toEqual([]);
    expect(issuesOf({ emailConfirmation: ' ｔａｒｏ.houmu@example.jp ' })).toEqual([]);
  });
  it('an invalid address with a different confirmation reports both', () => {
    expect(issuesOf({ email: 'bad', emailConfirmation: 'other' })).toEqual([
      ...bad,
      { field: 'emailConfirmation', code: 'WZBAM159E' },
    ]);
  });
});

describe('userClass and termsAccepted', () => {
  it('an unknown class → WZBAM001E', () => {
    for (const userClass of ['ADMIN', 'foreign_national', 'STAFF', '']) {
      expect(issuesOf({ userClass }), userClass).toEqual([{ field: 'userClass', code: 'WZBAM001E' }]);
    }
  });
  it('terms not accepted → WZBAM256E', () => {
    for (const termsAccepted of [false, null, undefined]) {
      expect(issuesOf({ termsAccepted }), String(termsAccepted)).toEqual([{ field: 'termsAccepted', code: 'WZBAM256E' }]);
    }
  });
});

describe('hostile input: control characters and huge values → WZBAM005E, never an exception', () => {
  const STRING_FIELDS = [
    'name', 'sex', 'birthYear', 'birthMonth', 'birthDay', 'residenceCode', 'residenceAddress', 'phone', 'email',
    'emailConfirmation', 'userClass',
  ] as const;
  const FIELD_OF: Record<string, string> = { birthYear: 'birthDate', birthMonth: 'birthDate', birthDay: 'birthDate' };

  for (const [label, value] of [
    ['NUL', 'A\u0000'],
    ['a lone NUL', '\u0000'],
    ['DEL', 'A\u007F'],
    ['a C1 control', 'A\u0085'],
    ['a newline', 'A\nB'],
    ['a lone surrogate', 'A\uD800'],
    ['10,000 characters', 'A'.repeat(10_000)],
  ] as const) {
    it(`${label} in any field`, () => {
      for (const f of STRING_FIELDS) {
        const issues = issuesOf({ [f]: value });
        const field = FIELD_OF[f] ?? f;
        expect(issues.filter((i) => i.field === field).map((i) => i.code), `${f}`).toEqual(['WZBAM005E']);
        // the other fields are unaffected (except the confirmation, which no longer matches a valid email)
        expect(issues.filter((i) => i.field !== field && i.field !== 'emailConfirmation'), `${f}`).toEqual([]);
      }
    });
  }

  it('puts the item on the WZBAM005E issues that name one', () => {
    expect(issuesOf({ name: '\u0000' })).toEqual([{ field: 'name', code: 'WZBAM005E', item: 'name' }]);
    expect(issuesOf({ birthDay: '\u0000' })).toEqual([{ field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' }]);
    expect(issuesOf({ residenceAddress: 'あ'.repeat(10_000) })).toEqual([
      { field: 'residenceAddress', code: 'WZBAM005E', item: 'residenceAddress' },
    ]);
    expect(issuesOf({ residenceCode: '\u0000' })).toEqual([
      { field: 'residenceCode', code: 'WZBAM005E', item: 'residence' },
    ]);
  });

  it('a 10,000-character value is rejected before normalization (a whitespace flood is not "missing")', () => {
    expect(issuesOf({ name: ' '.repeat(10_000) })).toEqual([{ field: 'name', code: 'WZBAM005E', item: 'name' }]);
    expect(issuesOf({ phone: '-'.repeat(10_000) })).toEqual([{ field: 'phone', code: 'WZBAM005E', item: 'phone' }]);
  });

  it('emoji: not a name, 外字 in the address, not an e-mail address', () => {
    expect(issuesOf({ name: 'TARO 😀' })).toEqual([{ field: 'name', code: 'WZBAM005E', item: 'name' }]);
    expect(issuesOf({ residenceAddress: '👨‍👩‍👧' })).toEqual([
      { field: 'residenceAddress', code: 'WZBAM011E', item: 'residenceAddress' },
    ]);
    expect(issuesOf({ email: 'taro😀@example.jp', emailConfirmation: 'taro😀@example.jp' })).toEqual([
      { field: 'email', code: 'WZBAM005E', item: 'email' },
    ]);
  });
});

describe('all issues at once', () => {
  it('reports every invalid field in form order', () => {
    const r = validateRegistrationInput(
      {
        name: '法務',
        sex: 'X',
        birthYear: '2023',
        birthMonth: '2',
        birthDay: '29',
        residenceCode: '011002',
        residenceAddress: '①',
        phone: 'abc',
        email: 'no-at',
        emailConfirmation: 'other',
        userClass: 'NOPE',
        termsAccepted: false,
      },
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'name:WZBAM005E',
      'sex:WZBAM001E',
      'birthDate:WZBAM111E',
      'residenceCode:WZBAM103E',
      'residenceAddress:WZBAM011E',
      'phone:WZBAM005E',
      'email:WZBAM005E',
      'emailConfirmation:WZBAM159E',
      'userClass:WZBAM001E',
      'termsAccepted:WZBAM256E',
    ]);
    expect(summaryCode(r.issues)).toBe('WZBAM001E');
  });

  it('summary is the shared code / WZBAM018E when nothing is missing', () => {
    const same = validate({ name: '法務', phone: 'abc' });
    expect(!same.ok && summaryCode(same.issues)).toBe('WZBAM005E');
    const mixed = validate({ name: '法務', birthYear: '2023', birthMonth: '2', birthDay: '29' });
    expect(!mixed.ok && summaryCode(mixed.issues)).toBe('WZBAM018E');
  });
});
