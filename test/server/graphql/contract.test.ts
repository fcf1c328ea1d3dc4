import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printContract } from '../../../server/src/emit-schemas.js';
import { ERROR_CODES } from '../../../server/src/errors/error-code.js';
import { ERROR_MESSAGES, errorMessage } from '../../../server/src/i18n/error-messages.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * api.md "Schema-driven tests": the committed schema.graphql is the contract, so these tests read it.
 * Then the public reference queries (prefectures, municipalities, notices, passwordPolicy) over real HTTP.
 */

const SCHEMA_FILE = new URL('../../../schema.graphql', import.meta.url);
const sdl = readFileSync(SCHEMA_FILE, 'utf8');
const schema: GraphQLSchema = buildSchema(sdl);

describe('schema.graphql is the generated contract', () => {
  it('printContract() equals the committed schema.graphql byte for byte (run `npm run schema` after a change)', async () => {
    expect(await printContract()).toBe(sdl);
  });
});

describe('error codes and error types', () => {
  const errorCodeEnum = schema.getType('ErrorCode');

  it('ErrorCode holds exactly the codes of the server catalog', () => {
    expect(isEnumType(errorCodeEnum)).toBe(true);
    if (!isEnumType(errorCodeEnum)) return;
    expect(errorCodeEnum.getValues().map((v) => v.name).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('every ErrorCode value has a non-empty Japanese and English text without the code in it', () => {
    if (!isEnumType(errorCodeEnum)) throw new Error('no ErrorCode enum');
    const codes = errorCodeEnum.getValues().map((v) => v.name);
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) {
      const texts = (ERROR_MESSAGES as Record<string, { ja?: string; en?: string }>)[code];
      expect(texts, code).toBeDefined();
      for (const locale of ['ja', 'en'] as const) {
        const template = texts[locale];
        expect(typeof template === 'string' && template.trim().length > 0, `${code} ${locale}`).toBe(true);
        const rendered = errorMessage(code as (typeof ERROR_CODES)[number], locale);
        expect(rendered, `${code} ${locale}`).not.toContain(code);
        expect(rendered, `${code} ${locale}`).not.toMatch(/WZBAM\d{3}E|[A-Z]+_[A-Z_]+/);
        expect(rendered, `${code} ${locale}`).not.toMatch(/[{}]/);
      }
      // Japanese text is Japanese, English text is not
      expect(texts.ja, code).toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/);
      const ascii = [...texts.en!].filter((c) => c <= '\x7E').length;
      expect(ascii / [...texts.en!].length, code).toBeGreaterThan(0.9);
      expect(texts.ja, code).not.toBe(texts.en);
    }
  });

  it('ErrorResult is the interface { code: ErrorCode!, message: String! }', () => {
    const iface = schema.getType('ErrorResult');
    expect(isInterfaceType(iface)).toBe(true);
    if (!isInterfaceType(iface)) return;
    const fields = iface.getFields();
    expect(Object.keys(fields).sort()).toEqual(['code', 'message']);
    expect(String(fields.code.type)).toBe('ErrorCode!');
    expect(String(fields.message.type)).toBe('String!');
  });

  it('every type named …Error implements ErrorResult (FieldError, the element of fieldErrors, is the one exception api.md names)', () => {
    const errorTypes = Object.values(schema.getTypeMap()).filter((t) => t.name.endsWith('Error') && !t.name.startsWith('__'));
    expect(errorTypes.length).toBeGreaterThan(5);
    for (const type of errorTypes) {
      if (type.name === 'FieldError') {
        // api.md: FieldError { field: String!, code: ErrorCode!, message: String! } — a part of InputValidationError;
        // shortMessage is ours (added, not renamed: the error summary's 「利用者氏名：入力してください。」)
        expect(isObjectType(type)).toBe(true);
        if (isObjectType(type)) expect(Object.keys(type.getFields()).sort()).toEqual(['code', 'field', 'message', 'shortMessage']);
        continue;
      }
      expect(isObjectType(type), type.name).toBe(true);
      if (!isObjectType(type)) continue;
      expect(type.getInterfaces().map((i) => i.name), type.name).toContain('ErrorResult');
    }
    // and conversely: every implementation of ErrorResult is named …Error
    for (const impl of schema.getImplementations(schema.getType('ErrorResult') as never).objects) {
      expect(impl.name).toMatch(/Error$/);
    }
  });

  it('every member of a …Result union other than its success type is an ErrorResult', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isUnionType(type)) continue;
      for (const member of type.getTypes()) {
        const isError = member.getInterfaces().some((i) => i.name === 'ErrorResult');
        expect(isError, `${type.name}.${member.name}`).toBe(member.name.endsWith('Error'));
      }
    }
  });
});

describe('root fields and unions named by api.md', () => {
  // Operations api.md names, with their signatures; the first group exists today.
  const QUERIES: Record<string, string> = {
    me: 'me: User',
    prefectures: 'prefectures: [Prefecture!]!',
    municipalities: 'municipalities(prefectureCode: String!, search: String): [Municipality!]!',
    notices: 'notices: [Notice!]!',
    passwordPolicy: 'passwordPolicy: PasswordPolicy!',
    // added (docs/decisions.md, API): the page of an e-mailed link asks whether the link is usable and what for
    passwordLink: 'passwordLink(token: String!): PasswordLinkStatus!',
    // added (issue 17): the strength guide asks whether a password passes the rules that need no account
    passwordCheck: 'passwordCheck(password: String!): [FieldError!]!',
    // added (docs/decisions.md, API): the idle deadline a client's timeout warning follows
    session: 'session: Session',
    // the electronic COE (docs/spec/coe.md): the recipient's COEs, and the public check by number + birth date
    myCoes: 'myCoes: [Coe!]!',
    verifyCoe: 'verifyCoe(input: VerifyCoeInput!): CoeVerification!',
  };
  const MUTATIONS_TODAY = [
    'validateRegistration', 'register', 'setPassword', 'login', 'logout', 'updateUser', 'changePassword', 'requestPasswordReset',
    'registerCoeReceipt', 'resendMyCoeMail',
  ];
  // Named by api.md but built by other modules later; when one appears it must match api.md too.
  const MUTATIONS_PLANNED: string[] = [];
  const RESULT_OF: Record<string, string> = {
    validateRegistration: 'ValidateRegistrationResult',
    register: 'RegisterResult',
    setPassword: 'SetPasswordResult',
    login: 'LoginResult',
    logout: 'LogoutResult',
    updateUser: 'UpdateUserResult',
    changePassword: 'ChangePasswordResult',
    requestPasswordReset: 'RequestPasswordResetResult',
    // coe.md names these two results (and resendMyCoeMail takes the number, as the staff surface's resendCoeMail)
    registerCoeReceipt: 'CoeReceiptResult',
    resendMyCoeMail: 'ResendCoeResult',
  };
  const SIGNATURE_EXCEPTIONS: Record<string, string> = {
    registerCoeReceipt: 'registerCoeReceipt(input: CoeReceiptInput!): CoeReceiptResult!',
    resendMyCoeMail: 'resendMyCoeMail(number: String!): ResendCoeResult!',
  };
  const UNION_MEMBERS: Record<string, string[]> = {
    ValidateRegistrationResult: ['RegistrationValid', 'InputValidationError'],
    RegisterResult: ['RegistrationAccepted', 'InputValidationError'],
    SetPasswordResult: ['PasswordSet', 'InputValidationError', 'InvalidLinkError'],
    LoginResult: [
      'LoginSuccess', 'InputValidationError', 'InvalidCredentialsError', 'AccountLockedError', 'PasswordExpiredError',
      'AccountUnavailableError',
    ],
    LogoutResult: ['LoggedOut'],
    UpdateUserResult: ['UpdateUserSuccess', 'InputValidationError'],
    ChangePasswordResult: ['ChangePasswordSuccess', 'InputValidationError', 'WrongCurrentPasswordError'],
    RequestPasswordResetResult: ['PasswordResetRequested', 'InputValidationError', 'AuthIdEmailMismatchError'],
    CoeReceiptResult: ['CoeReceiptRegistered', 'InvalidLinkError', 'CoeNotYoursError', 'InvalidStateError'],
    ResendCoeResult: ['CoeMailResent', 'CoeNotFoundError', 'InvalidStateError', 'InputValidationError'],
  };

  const signature = (f: GraphQLField<unknown, unknown>) =>
    `${f.name}${f.args.length ? `(${f.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')})` : ''}: ${String(f.type)}`;

  it('Query has exactly me, prefectures, municipalities, notices, passwordPolicy (api.md), passwordLink, passwordCheck, session, myCoes and verifyCoe, with their signatures', () => {
    const fields = schema.getQueryType()!.getFields();
    expect(Object.keys(fields).sort()).toEqual(Object.keys(QUERIES).sort());
    for (const [name, sig] of Object.entries(QUERIES)) expect(signature(fields[name])).toBe(sig);
  });

  it('Mutation has today’s ten operations and nothing that api.md and coe.md do not name', () => {
    const names = Object.keys(schema.getMutationType()!.getFields());
    for (const name of MUTATIONS_TODAY) expect(names).toContain(name);
    for (const name of names) expect([...MUTATIONS_TODAY, ...MUTATIONS_PLANNED], name).toContain(name);
  });

  it('every mutation is name(input: NameInput!): NameResult! (logout takes no input; validateRegistration takes RegisterInput; the COE mutations as coe.md names them)', () => {
    const fields = schema.getMutationType()!.getFields();
    for (const [name, field] of Object.entries(fields)) {
      if (SIGNATURE_EXCEPTIONS[name]) {
        expect(signature(field)).toBe(SIGNATURE_EXCEPTIONS[name]);
        continue;
      }
      const Name = name[0].toUpperCase() + name.slice(1);
      // api.md: validateRegistration(input: RegisterInput!) checks the same form that register submits
      const input = name === 'validateRegistration' ? 'RegisterInput' : `${Name}Input`;
      const expected = name === 'logout' ? `logout: ${RESULT_OF.logout}!` : `${name}(input: ${input}!): ${RESULT_OF[name]}!`;
      expect(RESULT_OF[name], name).toBe(`${Name}Result`);
      expect(signature(field)).toBe(expected);
    }
  });

  it('the result unions have exactly the members api.md lists', () => {
    const mutationNames = Object.keys(schema.getMutationType()!.getFields());
    for (const name of mutationNames) {
      const union = schema.getType(RESULT_OF[name]);
      expect(isUnionType(union), RESULT_OF[name]).toBe(true);
      if (!isUnionType(union)) continue;
      expect(union.getTypes().map((t) => t.name).sort(), union.name).toEqual([...UNION_MEMBERS[union.name]].sort());
    }
    // no other unions
    const unions = Object.values(schema.getTypeMap()).filter(isUnionType).map((u) => u.name).sort();
    expect(unions).toEqual(mutationNames.map((n) => RESULT_OF[n]).sort());
  });

  it('InputValidationError carries fieldErrors: [FieldError!]!', () => {
    const type = schema.getType('InputValidationError');
    if (!isObjectType(type)) throw new Error('no InputValidationError');
    expect(String(type.getFields().fieldErrors.type)).toBe('[FieldError!]!');
    const fieldError = schema.getType('FieldError');
    if (!isObjectType(fieldError)) throw new Error('no FieldError');
    const f = fieldError.getFields();
    expect([String(f.field.type), String(f.code.type), String(f.message.type)]).toEqual(['String!', 'ErrorCode!', 'String!']);
  });

  it('every input field is a String, except RegisterInput.termsAccepted: Boolean', () => {
    const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
    expect(inputs.map((i) => i.name)).toEqual(expect.arrayContaining(['RegisterInput', 'SetPasswordInput', 'LoginInput']));
    for (const input of inputs) {
      for (const field of Object.values(input.getFields())) {
        const where = `${input.name}.${field.name}`;
        const type = isNonNullType(field.type) ? field.type.ofType : field.type;
        expect(isListType(type), where).toBe(false);
        const expected = where === 'RegisterInput.termsAccepted' ? 'Boolean' : 'String';
        expect(getNamedType(field.type).name, where).toBe(expected);
      }
    }
    const register = schema.getType('RegisterInput');
    if (!isInputObjectType(register)) throw new Error('no RegisterInput');
    expect(Object.keys(register.getFields()).sort()).toEqual(
      ['name', 'sex', 'birthYear', 'birthMonth', 'birthDay', 'residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation', 'userClass', 'termsAccepted'].sort(),
    );
    const setPassword = schema.getType('SetPasswordInput');
    if (!isInputObjectType(setPassword)) throw new Error('no SetPasswordInput');
    expect(Object.keys(setPassword.getFields()).sort()).toEqual(['password', 'passwordConfirmation', 'token']);
  });

  it('the self-service inputs have exactly api.md’s fields, all optional (security.md 22: nothing else can be sent)', () => {
    const expected: Record<string, string[]> = {
      UpdateUserInput: ['residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation'],
      ChangePasswordInput: ['currentPassword', 'newPassword', 'newPasswordConfirmation'],
      RequestPasswordResetInput: ['authId', 'email'],
    };
    for (const [name, fields] of Object.entries(expected)) {
      const input = schema.getType(name);
      if (!isInputObjectType(input)) throw new Error(`no ${name}`);
      expect(Object.keys(input.getFields()).sort(), name).toEqual([...fields].sort());
      for (const field of Object.values(input.getFields())) expect(String(field.type), `${name}.${field.name}`).toBe('String');
    }
  });

  it('the self-service success types carry what the completion screens show', () => {
    const fieldsOf = (name: string) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`no ${name}`);
      return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, String(f.type)]));
    };
    expect(fieldsOf('UpdateUserSuccess')).toEqual({ user: 'User!', notifiedEmail: 'String' });
    expect(fieldsOf('ChangePasswordSuccess')).toMatchObject({ token: 'String!' });
    expect(fieldsOf('PasswordResetRequested')).toEqual({ email: 'String!' });
    expect(fieldsOf('WrongCurrentPasswordError')).toMatchObject({ code: 'ErrorCode!', message: 'String!' });
  });
});

describe('reference queries over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  async function query(q: string, variables?: Record<string, unknown>, lang = 'ja') {
    const res = await server.gql(q, variables, { lang });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data;
  }

  it('prefectures: 47 in code order, 北海道 first, 沖縄県 last', async () => {
    const { prefectures } = await query('{ prefectures { code name kana } }');
    expect(prefectures).toHaveLength(47);
    expect(prefectures[0]).toEqual({ code: '010006', name: '北海道', kana: 'ほっかいどう' });
    expect(prefectures[12]).toMatchObject({ code: '130001', name: '東京都' });
    expect(prefectures[46]).toMatchObject({ code: '470007', name: '沖縄県' });
    const codes = prefectures.map((p: { code: string }) => p.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(47);
    for (const p of prefectures) expect(p.code).toMatch(/^\d{6}$/);
  });

  it('prefectures carry their English name (nameEn): Tokyo, Hokkaido, Osaka', async () => {
    const { prefectures } = await query('{ prefectures { code name nameEn } }');
    const byCode = new Map(prefectures.map((p: { code: string }) => [p.code, p]));
    expect(byCode.get('130001')).toEqual({ code: '130001', name: '東京都', nameEn: 'Tokyo' });
    expect(byCode.get('010006')).toEqual({ code: '010006', name: '北海道', nameEn: 'Hokkaido' });
    expect(byCode.get('270008')).toEqual({ code: '270008', name: '大阪府', nameEn: 'Osaka' });
  });

  it('municipalities: a romaji search finds the place and gives its English names (chiyoda, Kita, chūō, Tokyo)', async () => {
    const EN = /* GraphQL */ `
      query M($prefectureCode: String!, $search: String) {
        municipalities(prefectureCode: $prefectureCode, search: $search) { code name nameEn fullNameEn prefecture { nameEn } }
      }`;
    const found = async (search: string) => (await query(EN, { prefectureCode: '130001', search })).municipalities;
    expect(await found('chiyoda')).toEqual([
      { code: '131016', name: '千代田区', nameEn: 'Chiyoda-ku', fullNameEn: 'Chiyoda-ku, Tokyo', prefecture: { nameEn: 'Tokyo' } },
    ]);
    expect((await found('Kita')).map((m: { nameEn: string }) => m.nameEn)).toEqual(['Kita-ku']);
    for (const search of ['chuo', 'chuuo', 'chuou', 'chūō', 'Chuo-ku']) {
      expect((await found(search)).map((m: { code: string }) => m.code), search).toEqual(['131024']);
    }
    expect(await found('Tokyo')).toHaveLength(62);
    const { municipalities: ward } = await query(EN, { prefectureCode: '010006', search: 'sapporo chuo' });
    expect(ward).toEqual([
      {
        code: '011011', name: '札幌市中央区', nameEn: 'Sapporo-shi Chuo-ku', fullNameEn: 'Sapporo-shi Chuo-ku, Hokkaido',
        prefecture: { nameEn: 'Hokkaido' },
      },
    ]);
  });

  const MUNICIPALITIES = /* GraphQL */ `
    query M($prefectureCode: String!, $search: String) {
      municipalities(prefectureCode: $prefectureCode, search: $search) { code name kana fullName prefecture { code name } }
    }`;

  it("municipalities('130001') with search ちよだ / チヨダ / 千代田 finds 千代田区 with its prefecture", async () => {
    for (const search of ['ちよだ', 'チヨダ', '千代田', 'ﾁﾖﾀﾞ']) {
      const { municipalities } = await query(MUNICIPALITIES, { prefectureCode: '130001', search });
      expect(municipalities, search).toEqual([
        { code: '131016', name: '千代田区', kana: 'ちよだく', fullName: '東京都千代田区', prefecture: { code: '130001', name: '東京都' } },
      ]);
    }
  });

  it('municipalities without search list the prefecture in code order; an unknown prefecture gives []', async () => {
    const { municipalities } = await query(MUNICIPALITIES, { prefectureCode: '130001' });
    expect(municipalities.length).toBeGreaterThan(50);
    const codes = municipalities.map((m: { code: string }) => m.code);
    expect(codes).toEqual([...codes].sort());
    for (const m of municipalities) expect(m.prefecture.code).toBe('130001');
    expect((await query(MUNICIPALITIES, { prefectureCode: '999999' })).municipalities).toEqual([]);
    expect((await query(MUNICIPALITIES, { prefectureCode: '130001', search: '存在しない町' })).municipalities).toEqual([]);
  });

  it('a designated city (札幌市 011002) is not listed, but its wards are', async () => {
    const { municipalities } = await query(MUNICIPALITIES, { prefectureCode: '010006' });
    const codes = municipalities.map((m: { code: string }) => m.code);
    expect(codes).not.toContain('011002');
    expect(codes).toContain('011011');
    const sapporo = municipalities.filter((m: { name: string }) => m.name.startsWith('札幌市'));
    expect(sapporo).toHaveLength(10);
    expect(sapporo[0]).toEqual({ code: '011011', name: '札幌市中央区', kana: 'さっぽろしちゅうおうく', fullName: '北海道札幌市中央区', prefecture: { code: '010006', name: '北海道' } });
    const { municipalities: found } = await query(MUNICIPALITIES, { prefectureCode: '010006', search: 'さっぽろ' });
    expect(found.map((m: { code: string }) => m.code)).not.toContain('011002');
    expect(found).toHaveLength(10);
  });

  it('notices: the seeded 2019/07/25 notice, in ja and en', async () => {
    const q = '{ notices { id publishedOn title body } }';
    const ja = (await query(q)).notices;
    expect(ja).toHaveLength(1);
    expect(ja[0]).toMatchObject({
      publishedOn: '2019-07-25',
      title: '2019年7月25日から「入国管理局在留申請オンラインシステム」の運用を開始します。',
    });
    const en = (await query(q, undefined, 'en')).notices;
    expect(en).toHaveLength(1);
    expect(en[0]).toMatchObject({
      id: ja[0].id,
      publishedOn: '2019-07-25',
      title: "Start of the Immigration Bureau's Residence application Online System from July 25, 2019",
    });
    expect(en[0].body).not.toBe(ja[0].body);
  });

  it('passwordCheck: the problems of a password by the rules that need no account, the common list included; none for a good one', async () => {
    const check = async (password: string, lang = 'ja') =>
      (await query('query C($p: String!) { passwordCheck(password: $p) { code message shortMessage } }', { p: password }, lang)).passwordCheck;
    expect(await check('Odawara8#Sakura')).toEqual([]);
    // a long keyboard walk a browser alone would call strong: on the common-password list
    const common = await check('Q1w2e3r4t5y6u7.');
    expect(common.map((e: { code: string }) => e.code)).toEqual(['PASSWORD_TOO_COMMON']);
    expect(common[0].shortMessage).not.toBe('');
    expect((await check('Kasumi7$Seki'))[0].code).toBe('PASSWORD_TOO_COMMON'); // the example on screen
    const short = await check('Ab1!', 'en');
    expect(short).toHaveLength(1);
    expect(short[0].code).toBe('WZBAM005E');
    expect(short[0].message).toMatch(/8/);
    expect((await check(''))[0].code).toBe('WZBAM001E');
  });

  it('passwordPolicy: 8–32 characters, symbols $%&=@_#+.?!', async () => {
    const { passwordPolicy } = await query(
      '{ passwordPolicy { minLength maxLength symbols requiresLetter requiresDigit requiresSymbol forbidsAuthId forbidsCommon maxAgeDays } }',
    );
    expect(passwordPolicy).toEqual({
      minLength: 8,
      maxLength: 32,
      symbols: '$%&=@_#+.?!',
      requiresLetter: true,
      requiresDigit: true,
      requiresSymbol: true,
      forbidsAuthId: true,
      forbidsCommon: true,
      maxAgeDays: 365,
    });
  });
});
