import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { VALID_REGISTRATION } from '../../support/fixtures.js';

/**
 * validateRegistration through real HTTP + GraphQL (rules.md §1, §2; api.md "Conventions"): normalization shown back
 * in the preview, every field rule and code, all problems at once in form order, the summary code, ja/en messages,
 * and that nothing is created.
 */

const VALIDATE = /* GraphQL */ `
  mutation Validate($input: RegisterInput!) {
    validateRegistration(input: $input) {
      __typename
      ... on RegistrationValid {
        preview {
          name sex birthDate residenceAddress phone email userClass
          residence { code name kana fullName prefecture { code name } }
        }
      }
      ... on InputValidationError { code message fieldErrors { field code message } }
    }
  }`;

type Input = Partial<Record<keyof typeof VALID_REGISTRATION, unknown>>;
interface FieldErr { field: string; code: string; message: string }
interface Invalid { __typename: 'InputValidationError'; code: string; message: string; fieldErrors: FieldErr[] }

let server: TestServer;
// The test server's clock: 2026-04-01T00:00Z = 2026-04-01 09:00 in Tokyo.
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function validate(input: Input, lang = 'ja') {
  const res = await server.gql(VALIDATE, { input }, { lang });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data.validateRegistration;
}

/** Validates VALID_REGISTRATION with `overrides` and expects an InputValidationError. */
async function invalid(overrides: Input, lang = 'ja'): Promise<Invalid> {
  const result = await validate({ ...VALID_REGISTRATION, ...overrides }, lang);
  expect(result.__typename, JSON.stringify(result)).toBe('InputValidationError');
  return result as Invalid;
}

const pairs = (r: Invalid) => r.fieldErrors.map((f) => [f.field, f.code]);

const JA = {
  WZBAM001E: '「！」がついている項目を入力してください。',
  WZBAM018E: '「！」がついている項目に誤りがあります。入力内容および形式を確認し、再度入力してください。',
  WZBAM111E: '年月日は実在日を指定してください。',
  WZBAM159E: 'メールアドレスとメールアドレス（確認）には同じ値を入力してください。',
  WZBAM256E: '利用規約へ同意をしてください。',
};

describe('a valid form', () => {
  it('answers RegistrationValid with the values as given when they are already normal', async () => {
    const result = await validate(VALID_REGISTRATION);
    expect(result).toEqual({
      __typename: 'RegistrationValid',
      preview: {
        name: 'HOUMU TARO',
        sex: 'MALE',
        birthDate: '1990-04-01',
        residenceAddress: '霞が関１－１－１',
        phone: '0312345678',
        email: VALID_REGISTRATION.email,
        userClass: 'COUNTER_COE_RECIPIENT',
        residence: {
          code: '131016',
          name: '千代田区',
          kana: 'ちよだく',
          fullName: '東京都千代田区',
          prefecture: { code: '130001', name: '東京都' },
        },
      },
    });
  });

  it('the preview shows the normalized values (full-width, half-width, dashes, case)', async () => {
    const result = await validate({
      ...VALID_REGISTRATION,
      name: '　ｈｏｕｍｕ 　ｔａｒｏ　',
      birthYear: '１９９０',
      birthMonth: ' ０４ ',
      birthDay: '１',
      residenceCode: '011011',
      residenceAddress: 'ｶｽﾐｶﾞｾｷ 1-1-1',
      phone: '０３（１２３４）５６７８',
      email: ' ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ ',
      emailConfirmation: 'TARO@EXAMPLE.JP',
      sex: 'FEMALE',
      userClass: 'FOREIGN_NATIONAL',
    });
    expect(result.__typename, JSON.stringify(result)).toBe('RegistrationValid');
    expect(result.preview).toEqual({
      name: 'HOUMU TARO',
      sex: 'FEMALE',
      birthDate: '1990-04-01',
      residenceAddress: 'カスミガセキ　１－１－１',
      phone: '0312345678',
      email: 'taro@example.jp',
      userClass: 'FOREIGN_NATIONAL',
      residence: {
        code: '011011',
        name: '札幌市中央区',
        kana: 'さっぽろしちゅうおうく',
        fullName: '北海道札幌市中央区',
        prefecture: { code: '010006', name: '北海道' },
      },
    });
  });

  it('1-1-1 becomes １－１－１ and phone dashes are dropped', async () => {
    const result = await validate({ ...VALID_REGISTRATION, residenceAddress: '霞が関1-1-1', phone: '03-1234-5678' });
    expect(result.preview.residenceAddress).toBe('霞が関１－１－１');
    expect(result.preview.phone).toBe('0312345678');
  });

  it('accepts every self-registering class and both sexes', async () => {
    for (const userClass of ['LAWYER_OR_SCRIVENER', 'FOREIGN_NATIONAL', 'LEGAL_REPRESENTATIVE', 'RELATIVE', 'COUNTER_COE_RECIPIENT']) {
      for (const sex of ['MALE', 'FEMALE']) {
        const result = await validate({ ...VALID_REGISTRATION, userClass, sex });
        expect(result.__typename).toBe('RegistrationValid');
        expect(result.preview).toMatchObject({ userClass, sex });
      }
    }
  });

  it('boundaries pass: 104-character name, 80-character address, 12-digit phone, 60-character e-mail, today as birth date', async () => {
    const email = `${'a'.repeat(60 - '@example.jp'.length)}@example.jp`;
    const result = await validate({
      ...VALID_REGISTRATION,
      name: `${'A'.repeat(50)} ${'B'.repeat(53)}`,
      residenceAddress: '霞'.repeat(80),
      phone: '012345678901',
      email,
      emailConfirmation: email,
      // the server's clock says 2026-04-01 09:00 in Tokyo
      birthYear: '2026',
      birthMonth: '4',
      birthDay: '1',
    });
    expect(result.__typename, JSON.stringify(result)).toBe('RegistrationValid');
    expect(result.preview.birthDate).toBe('2026-04-01');
  });
});

describe('creates nothing', () => {
  it('valid and invalid validations leave every table as it was', async () => {
    const tables = ['user_account', 'email_link', 'mail_outbox', 'auth_event', 'session', 'rate_limit', 'graphile_worker.jobs'];
    const count = async () => {
      const out: Record<string, number> = {};
      for (const t of tables) out[t] = Number((await server.db.query(`select count(*)::int as n from ${t}`)).rows[0].n);
      return out;
    };
    const before = await count();
    for (let i = 0; i < 3; i++) {
      expect((await validate(VALID_REGISTRATION)).__typename).toBe('RegistrationValid');
      expect((await validate({})).__typename).toBe('InputValidationError');
    }
    expect(await count()).toEqual(before);
  });
});

describe('every field rule and code (rules.md §1)', () => {
  it('an empty form: every field missing, in form order, summary WZBAM001E; the residence gets WZBAM103E/WZBAM104E', async () => {
    const result = (await validate({})) as Invalid;
    expect(result.__typename).toBe('InputValidationError');
    expect(result.code).toBe('WZBAM001E');
    expect(result.message).toBe(JA.WZBAM001E);
    expect(pairs(result)).toEqual([
      ['name', 'WZBAM001E'],
      ['sex', 'WZBAM001E'],
      ['birthYear', 'WZBAM001E'],
      ['birthMonth', 'WZBAM001E'],
      ['birthDay', 'WZBAM001E'],
      ['residenceCode', 'WZBAM103E'],
      ['residenceAddress', 'WZBAM104E'],
      ['phone', 'WZBAM001E'],
      ['email', 'WZBAM001E'],
      ['emailConfirmation', 'WZBAM001E'],
      ['userClass', 'WZBAM001E'],
      ['termsAccepted', 'WZBAM256E'],
    ]);
    const byField = Object.fromEntries(result.fieldErrors.map((f) => [f.field, f.message]));
    expect(byField.name).toBe(JA.WZBAM001E);
    expect(byField.residenceCode).toBe('住居地（都道府県市区町村）コードを入力してください。');
    expect(byField.residenceAddress).toBe('住居地（町名丁目番地号等）を入力してください。');
    expect(byField.termsAccepted).toBe(JA.WZBAM256E);
  });

  it('empty strings and whitespace (incl. U+3000) count as missing, like absent values', async () => {
    const result = await invalid({ name: '　 ', phone: ' - ', email: '', birthDay: '  ' });
    expect(pairs(result)).toEqual([
      ['name', 'WZBAM001E'],
      ['birthDay', 'WZBAM001E'],
      ['phone', 'WZBAM001E'],
      ['email', 'WZBAM001E'],
      // the confirmation is compared only with a present address
    ]);
    expect(result.code).toBe('WZBAM001E');
  });

  // One invalid field at a time; the rest of the form is valid, so the summary is the field's own code (or 001E).
  const cases: { label: string; overrides: Input; errors: [string, string][]; summary: string; message?: string }[] = [
    { label: 'name with digits → WZBAM005E', overrides: { name: 'HOUMU TARO2' }, errors: [['name', 'WZBAM005E']], summary: 'WZBAM005E', message: '利用者氏名の入力内容に誤りがあります。再度入力してください。' },
    { label: 'name in kanji → WZBAM005E', overrides: { name: '法務 太郎' }, errors: [['name', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'name of 105 characters → WZBAM005E', overrides: { name: `${'A'.repeat(52)} ${'B'.repeat(52)}` }, errors: [['name', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'sex in lower case → WZBAM001E', overrides: { sex: 'male' }, errors: [['sex', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: 'sex OTHER → WZBAM001E', overrides: { sex: 'OTHER' }, errors: [['sex', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: 'birth month missing → WZBAM001E on birthMonth', overrides: { birthMonth: null }, errors: [['birthMonth', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: '2月30日 → WZBAM111E on birthDate', overrides: { birthYear: '2000', birthMonth: '2', birthDay: '30' }, errors: [['birthDate', 'WZBAM111E']], summary: 'WZBAM111E', message: JA.WZBAM111E },
    { label: '2023-02-29 (no leap year) → WZBAM111E', overrides: { birthYear: '2023', birthMonth: '2', birthDay: '29' }, errors: [['birthDate', 'WZBAM111E']], summary: 'WZBAM111E' },
    { label: 'month 13 → WZBAM111E', overrides: { birthMonth: '13' }, errors: [['birthDate', 'WZBAM111E']], summary: 'WZBAM111E' },
    { label: 'year 1899 → WZBAM005E on birthDate', overrides: { birthYear: '1899' }, errors: [['birthDate', 'WZBAM005E']], summary: 'WZBAM005E', message: '生年月日の入力内容に誤りがあります。再度入力してください。' },
    { label: 'tomorrow in Tokyo → WZBAM005E on birthDate', overrides: { birthYear: '2026', birthMonth: '4', birthDay: '2' }, errors: [['birthDate', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'a non-numeric year → WZBAM005E on birthDate', overrides: { birthYear: '19x0' }, errors: [['birthDate', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'a designated city with wards (札幌市 011002) → WZBAM103E', overrides: { residenceCode: '011002' }, errors: [['residenceCode', 'WZBAM103E']], summary: 'WZBAM001E', message: '住居地（都道府県市区町村）コードを入力してください。' },
    { label: 'a prefecture code (東京都 130001) → WZBAM103E', overrides: { residenceCode: '130001' }, errors: [['residenceCode', 'WZBAM103E']], summary: 'WZBAM001E' },
    { label: 'an unknown code → WZBAM103E', overrides: { residenceCode: '999999' }, errors: [['residenceCode', 'WZBAM103E']], summary: 'WZBAM001E' },
    { label: 'a malformed code → WZBAM103E', overrides: { residenceCode: '13101' }, errors: [['residenceCode', 'WZBAM103E']], summary: 'WZBAM001E' },
    { label: 'address missing → WZBAM104E', overrides: { residenceAddress: '' }, errors: [['residenceAddress', 'WZBAM104E']], summary: 'WZBAM001E' },
    { label: 'address of 81 characters → WZBAM005E', overrides: { residenceAddress: '霞'.repeat(81) }, errors: [['residenceAddress', 'WZBAM005E']], summary: 'WZBAM005E', message: '住居地(町名丁目番地号等)の入力内容に誤りがあります。再度入力してください。' },
    { label: 'address with 外字 髙 → WZBAM011E', overrides: { residenceAddress: '髙島１－１' }, errors: [['residenceAddress', 'WZBAM011E']], summary: 'WZBAM011E', message: '住居地(町名丁目番地号等)には外字を入力しないでください。' },
    { label: 'address with 外字 ① → WZBAM011E', overrides: { residenceAddress: '霞が関①' }, errors: [['residenceAddress', 'WZBAM011E']], summary: 'WZBAM011E' },
    { label: 'address too long and with 外字 → both', overrides: { residenceAddress: '髙'.repeat(81) }, errors: [['residenceAddress', 'WZBAM005E'], ['residenceAddress', 'WZBAM011E']], summary: 'WZBAM018E' },
    { label: 'phone of 13 digits → WZBAM005E', overrides: { phone: '03-1234-5678901' }, errors: [['phone', 'WZBAM005E']], summary: 'WZBAM005E', message: '利用者連絡先の入力内容に誤りがあります。再度入力してください。' },
    { label: 'phone with + → WZBAM005E', overrides: { phone: '+81312345678' }, errors: [['phone', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'e-mail without a dot in the domain → WZBAM005E (and the confirmation differs)', overrides: { email: 'taro@example', emailConfirmation: 'taro@example' }, errors: [['email', 'WZBAM005E']], summary: 'WZBAM005E', message: 'メールアドレスの入力内容に誤りがあります。再度入力してください。' },
    { label: 'e-mail with two @ → WZBAM005E', overrides: { email: 'ta@ro@example.jp', emailConfirmation: 'ta@ro@example.jp' }, errors: [['email', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'e-mail of 61 characters → WZBAM005E', overrides: { email: `${'a'.repeat(50)}@example.jp`, emailConfirmation: `${'a'.repeat(50)}@example.jp` }, errors: [['email', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'e-mail with markup ("><svg/onload=…>@x.jp, issue 17) → WZBAM005E', overrides: { email: '"><svg/onload=alert(1)>@x.jp', emailConfirmation: '"><svg/onload=alert(1)>@x.jp' }, errors: [['email', 'WZBAM005E']], summary: 'WZBAM005E', message: 'メールアドレスの入力内容に誤りがあります。再度入力してください。' },
    { label: "e-mail with ' or ` → WZBAM005E", overrides: { email: "o'brien@example.jp", emailConfirmation: 'ta`ro@example.jp' }, errors: [['email', 'WZBAM005E'], ['emailConfirmation', 'WZBAM159E']], summary: 'WZBAM018E' },
    { label: 'confirmation missing → WZBAM001E', overrides: { emailConfirmation: '' }, errors: [['emailConfirmation', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: 'confirmation different → WZBAM159E', overrides: { emailConfirmation: 'jiro@example.jp' }, errors: [['emailConfirmation', 'WZBAM159E']], summary: 'WZBAM159E', message: JA.WZBAM159E },
    { label: 'an unknown class → WZBAM001E', overrides: { userClass: 'ADMINISTRATOR' }, errors: [['userClass', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: 'a class in lower case → WZBAM001E', overrides: { userClass: 'foreign_national' }, errors: [['userClass', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: 'terms not accepted → WZBAM256E', overrides: { termsAccepted: false }, errors: [['termsAccepted', 'WZBAM256E']], summary: 'WZBAM256E', message: JA.WZBAM256E },
    { label: 'terms missing → WZBAM256E', overrides: { termsAccepted: null }, errors: [['termsAccepted', 'WZBAM256E']], summary: 'WZBAM256E' },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const result = await invalid(c.overrides);
      expect(pairs(result)).toEqual(c.errors);
      expect(result.code).toBe(c.summary);
      if (c.message) expect(result.fieldErrors[0].message).toBe(c.message);
    });
  }

  it('the e-mail confirmation ignores case; a different address with an invalid e-mail reports both', async () => {
    expect((await validate({ ...VALID_REGISTRATION, emailConfirmation: VALID_REGISTRATION.email.toUpperCase() })).__typename).toBe('RegistrationValid');
    const result = await invalid({ email: 'taro@example', emailConfirmation: 'jiro@example.jp' });
    expect(pairs(result)).toEqual([
      ['email', 'WZBAM005E'],
      ['emailConfirmation', 'WZBAM159E'],
    ]);
    expect(result.code).toBe('WZBAM018E');
  });
});

describe('summary code and all problems at once', () => {
  it('the shared code when every problem has it', async () => {
    const result = await invalid({ name: 'TARO1', phone: 'abc', residenceAddress: '霞'.repeat(81) });
    expect(pairs(result)).toEqual([
      ['name', 'WZBAM005E'],
      ['residenceAddress', 'WZBAM005E'],
      ['phone', 'WZBAM005E'],
    ]);
    expect(result.code).toBe('WZBAM005E');
    // the summary names the items (never 「入力項目」, the manual's unfilled placeholder)
    expect(result.message).toBe('利用者氏名、住居地(町名丁目番地号等)、利用者連絡先の入力内容に誤りがあります。再度入力してください。');
    const en = await invalid({ name: 'TARO1', phone: 'abc', residenceAddress: '霞'.repeat(81) }, 'en');
    expect(en.message).toBe('The name, residence (town, block, number) and phone number you entered are not valid. Please enter them again.');
  });

  it('WZBAM018E when the codes differ and nothing is missing', async () => {
    const result = await invalid({ name: 'TARO1', termsAccepted: false });
    expect(result.code).toBe('WZBAM018E');
    expect(result.message).toBe(JA.WZBAM018E);
    expect(pairs(result)).toEqual([
      ['name', 'WZBAM005E'],
      ['termsAccepted', 'WZBAM256E'],
    ]);
  });

  it('WZBAM001E as soon as one field is missing, however many others are wrong', async () => {
    const result = await invalid({ name: 'TARO1', phone: '', termsAccepted: false });
    expect(result.code).toBe('WZBAM001E');
    expect(result.message).toBe(JA.WZBAM001E);
  });

  it('every field wrong: all reported at once, in form order', async () => {
    const result = await invalid({
      name: 'TARO1',
      sex: 'X',
      birthYear: '2023',
      birthMonth: '2',
      birthDay: '30',
      residenceCode: '000000',
      residenceAddress: '髙',
      phone: 'abc',
      email: 'bad',
      emailConfirmation: 'other@example.jp',
      userClass: 'ADMIN',
      termsAccepted: false,
    });
    expect(pairs(result)).toEqual([
      ['name', 'WZBAM005E'],
      ['sex', 'WZBAM001E'],
      ['birthDate', 'WZBAM111E'],
      ['residenceCode', 'WZBAM103E'],
      ['residenceAddress', 'WZBAM011E'],
      ['phone', 'WZBAM005E'],
      ['email', 'WZBAM005E'],
      ['emailConfirmation', 'WZBAM159E'],
      ['userClass', 'WZBAM001E'],
      ['termsAccepted', 'WZBAM256E'],
    ]);
    expect(result.code).toBe('WZBAM001E');
  });
});

describe('messages in the request language, without the code', () => {
  const bad: Input = {
    name: 'TARO1',
    birthYear: '1899',
    residenceCode: '',
    residenceAddress: '髙',
    emailConfirmation: 'jiro@example.jp',
    termsAccepted: false,
  };

  it('Japanese by default (no Accept-Language)', async () => {
    const res = await server.gql(VALIDATE, { input: { ...VALID_REGISTRATION, ...bad } }, { lang: '' });
    const result = res.data.validateRegistration as Invalid;
    expect(result.message).toBe(JA.WZBAM001E);
    expect(result.fieldErrors.map((f) => f.message)).toEqual([
      '利用者氏名の入力内容に誤りがあります。再度入力してください。',
      '生年月日の入力内容に誤りがあります。再度入力してください。',
      '住居地（都道府県市区町村）コードを入力してください。',
      '住居地(町名丁目番地号等)には外字を入力しないでください。',
      JA.WZBAM159E,
      JA.WZBAM256E,
    ]);
  });

  it('English with Accept-Language: en', async () => {
    const result = await invalid(bad, 'en');
    expect(result.message).toBe('Please fill in the items marked "!".');
    expect(pairs(result)).toEqual([
      ['name', 'WZBAM005E'],
      ['birthDate', 'WZBAM005E'],
      ['residenceCode', 'WZBAM103E'],
      ['residenceAddress', 'WZBAM011E'],
      ['emailConfirmation', 'WZBAM159E'],
      ['termsAccepted', 'WZBAM256E'],
    ]);
    expect(result.fieldErrors.map((f) => f.message)).toEqual([
      'The name you entered is not valid. Please enter it again.',
      'The date of birth you entered is not valid. Please enter it again.',
      'Please choose the prefecture and municipality of the residence (the code is set by the search).',
      'Please do not use non-standard characters (外字) in the residence (town, block, number).',
      'Enter the same value in E-mail address and E-mail address (confirmation).',
      'Please agree to the terms of use.',
    ]);
  });

  it('en summaries: WZBAM018E, WZBAM111E, WZBAM104E', async () => {
    expect((await invalid({ name: 'TARO1', termsAccepted: false }, 'en')).message).toBe(
      'The items marked "!" contain errors. Check the content and format, and enter them again.',
    );
    const date = await invalid({ birthMonth: '2', birthDay: '31' }, 'en');
    expect(date.message).toBe('Please enter a date that exists.');
    const address = await invalid({ residenceAddress: null }, 'en');
    expect(address.fieldErrors[0].message).toBe('Please enter the rest of the address (town, block, number) of the residence.');
  });

  it('Accept-Language q-values pick the language', async () => {
    expect((await invalid({ termsAccepted: false }, 'fr, en;q=0.8, ja;q=0.5')).message).toBe('Please agree to the terms of use.');
    expect((await invalid({ termsAccepted: false }, 'en;q=0.3, ja')).message).toBe(JA.WZBAM256E);
  });

  it('no message carries an error code', async () => {
    for (const lang of ['ja', 'en']) {
      const result = await invalid({ ...bad, sex: 'X', phone: 'x', userClass: 'X', email: 'x' }, lang);
      for (const m of [result.message, ...result.fieldErrors.map((f) => f.message)]) {
        expect(m).not.toMatch(/WZBAM\d{3}E|PASSWORD_|LINK_INVALID/);
        expect(m).not.toMatch(/\{item\}/);
        expect(m.length).toBeGreaterThan(5);
      }
    }
  });
});
