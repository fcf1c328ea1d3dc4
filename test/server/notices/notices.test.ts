import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../server/src/modules/audit/audit-chain.js';
import { auditEvents, enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * staff.md "Notices": the editor's staffNotices / saveNotice / withdrawNotice (NOTICE_EDITOR; validation with every
 * field error, ja and en; audited in the same transaction), and the applicant side — `notices` and the top page show
 * only what is inside its window now and not withdrawn, in the request language, as the clock moves.
 */
const SAVE = /* GraphQL */ `
  mutation Save($input: NoticeInput!) {
    saveNotice(input: $input) {
      __typename
      ... on NoticeSaved { notice { id state titleJa bodyJa titleEn bodyEn publishFrom publishUntil withdrawnAt publishedOn createdBy { id name bureau } updatedBy { id } } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }`;
const WITHDRAW = /* GraphQL */ `
  mutation W($id: ID!) { withdrawNotice(id: $id) { __typename ... on NoticeSaved { notice { id state withdrawnAt } } ... on ErrorResult { code message } } }`;
const LIST = /* GraphQL */ `query { staffNotices { id state titleJa publishFrom publishUntil } }`;
const PUBLIC = /* GraphQL */ `query { notices { id publishedOn title body } }`;

let server: TestServer;
let token: string;
let editor: { id: string };

const T0 = new Date('2026-04-01T00:00:00Z'); // 09:00 in Japan
const at = (iso: string) => server.clock.set(new Date(iso));

beforeAll(async () => {
  server = await startTestServer({ now: T0 });
  editor = await enrolledStaff(server, { roles: ['NOTICE_EDITOR'], bureau: 'OSAKA', name: '告知 太郎' });
  token = await staffLoginToken(server, editor as never);
});
afterAll(async () => server?.stop());

/** Staff requests keep the session alive: each call is activity, and tests move the clock by hours. */
async function save(input: Record<string, unknown>, lang = 'ja') {
  token = await freshToken();
  return (await server.staffGql(SAVE, { input }, { token, lang })).data!.saveNotice;
}
async function freshToken(): Promise<string> {
  const me = await server.staffGql('{ staffMe { id } }', {}, { token });
  if (me.data?.staffMe) return token;
  return staffLoginToken(server, editor as never);
}
const texts = { titleJa: '年末年始の休止', bodyJa: '12月29日から1月3日まで\nヘルプデスクは休みます。', titleEn: 'New Year closure', bodyEn: 'The help desk is closed\nfrom 29 December to 3 January.' };

async function publicTitles(lang = 'ja'): Promise<string[]> {
  return (await server.gql(PUBLIC, {}, { lang })).data.notices.map((n: { title: string }) => n.title);
}
async function topPage(lang = 'ja'): Promise<string> {
  const res = await fetch(`${server.url}/`, { headers: { 'accept-language': lang, cookie: `lang=${lang}` } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('the applicant side follows the window as the clock moves', () => {
  it('scheduled → published (at publishFrom, in Japan time) → expired (at publishUntil), in notices and on the top page', async () => {
    at('2026-04-01T00:00:00Z');
    const saved = await save({ ...texts, publishFrom: '2026-04-02T09:00', publishUntil: '2026-04-03' });
    expect(saved.__typename).toBe('NoticeSaved');
    expect(saved.notice).toMatchObject({
      state: 'SCHEDULED',
      publishFrom: '2026-04-02T00:00:00.000Z', // 09:00 Japan time
      publishUntil: '2026-04-02T15:00:00.000Z', // 2026-04-03 00:00 Japan time
      publishedOn: '2026-04-02',
      bodyJa: texts.bodyJa,
      createdBy: { id: editor.id, name: '告知 太郎', bureau: 'OSAKA' },
    });
    expect(await publicTitles()).not.toContain(texts.titleJa);
    expect(await topPage()).not.toContain(texts.titleJa);

    at('2026-04-01T23:59:59.999Z');
    expect(await publicTitles()).not.toContain(texts.titleJa);

    at('2026-04-02T00:00:00Z');
    expect(await publicTitles()).toContain(texts.titleJa);
    expect(await publicTitles('en')).toContain(texts.titleEn);
    const notices = (await server.gql(PUBLIC, {}, { lang: 'en' })).data.notices;
    expect(notices[0]).toEqual({ id: saved.notice.id, publishedOn: '2026-04-02', title: texts.titleEn, body: texts.bodyEn });
    const page = await topPage();
    expect(page).toContain(`[2026/04/02] ${texts.titleJa}`);
    expect(page).toContain('ヘルプデスクは休みます。');
    expect(await topPage('en')).toContain(`[2026/04/02] ${texts.titleEn}`);
    expect((await server.staffGql(LIST, {}, { token: await freshToken() })).data.staffNotices.find((n: { id: string }) => n.id === saved.notice.id).state).toBe('PUBLISHED');

    at('2026-04-02T14:59:59.999Z');
    expect(await publicTitles()).toContain(texts.titleJa);
    at('2026-04-02T15:00:00Z');
    expect(await publicTitles()).not.toContain(texts.titleJa);
    expect(await topPage()).not.toContain(texts.titleJa);
    expect((await server.staffGql(LIST, {}, { token: await freshToken() })).data.staffNotices.find((n: { id: string }) => n.id === saved.notice.id).state).toBe('EXPIRED');
  });

  it('a withdrawn notice disappears at once, from notices and the top page; the seeded notice stays published', async () => {
    at('2026-05-01T00:00:00Z');
    const saved = await save({ ...texts, titleJa: '取り下げるお知らせ', titleEn: 'To be withdrawn', publishFrom: '2026-05-01' });
    expect(saved.notice.state).toBe('PUBLISHED');
    expect(await publicTitles()).toContain('取り下げるお知らせ');
    expect(await topPage()).toContain('取り下げるお知らせ');

    const withdrawn = (await server.staffGql(WITHDRAW, { id: saved.notice.id }, { token: await freshToken() })).data.withdrawNotice;
    expect(withdrawn).toMatchObject({ __typename: 'NoticeSaved', notice: { state: 'WITHDRAWN', withdrawnAt: expect.stringMatching(/^2026-05-01T00:0/) } });
    expect(await publicTitles()).not.toContain('取り下げるお知らせ');
    expect(await topPage()).not.toContain('取り下げるお知らせ');
    // the notice of 2019/07/25 came with the system: its publishFrom is that day in Japan, open-ended
    const seeded = (await server.staffGql(LIST, {}, { token: await freshToken() })).data.staffNotices.find((n: { id: string }) => n.id === '1');
    expect(seeded).toMatchObject({ state: 'PUBLISHED', publishFrom: '2019-07-24T15:00:00.000Z', publishUntil: null });
    expect((await server.gql(PUBLIC)).data.notices.at(-1)).toMatchObject({ id: '1', publishedOn: '2019-07-25' });
  });
});

describe('saveNotice and withdrawNotice', () => {
  it('a draft (no publishFrom) is not public; an update publishes it; both audited with before/after in the trail', async () => {
    at('2026-06-01T00:00:00Z');
    const draft = await save({ ...texts, titleJa: '下書き', publishFrom: '' });
    expect(draft.notice).toMatchObject({ state: 'DRAFT', publishFrom: null, publishedOn: null });
    expect(await publicTitles()).not.toContain('下書き');
    const id = draft.notice.id;
    const published = await save({ ...texts, id, titleJa: '公開した下書き', publishFrom: '2026-05-31T23:00:00Z' });
    expect(published.notice).toMatchObject({ id, state: 'PUBLISHED', updatedBy: { id: editor.id } });
    expect(await publicTitles()).toContain('公開した下書き');

    const events = (await auditEvents(server, 'NOTICE_SAVED')).filter((e) => e.target === id);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ staff_id: editor.id, bureau: 'OSAKA', details: { created: true, before: null, after: { titleJa: '下書き', state: 'DRAFT', publishFrom: null } } });
    expect(events[1].details).toMatchObject({
      created: false,
      before: { titleJa: '下書き', state: 'DRAFT' },
      after: { titleJa: '公開した下書き', state: 'PUBLISHED', publishFrom: '2026-05-31T23:00:00.000Z', publishUntil: null },
    });
    expect(events[1].request_id).toBeTruthy();

    const w = (await server.staffGql(WITHDRAW, { id }, { token: await freshToken() })).data.withdrawNotice;
    expect(w.notice.state).toBe('WITHDRAWN');
    const [withdrawal] = (await auditEvents(server, 'NOTICE_WITHDRAWN')).filter((e) => e.target === id);
    expect(withdrawal).toMatchObject({ staff_id: editor.id, details: { before: { state: 'PUBLISHED' }, after: { state: 'WITHDRAWN' } } });

    // withdrawal is final: neither changed nor withdrawn again
    expect(await save({ ...texts, id })).toMatchObject({ __typename: 'InvalidStateError', code: 'INVALID_STATE' });
    expect((await server.staffGql(WITHDRAW, { id }, { token })).data.withdrawNotice).toMatchObject({ __typename: 'InvalidStateError', code: 'INVALID_STATE' });
    expect((await verifyAuditChain(server.app.deps.orm.em.fork())).ok).toBe(true);
  });

  it('an unknown or malformed id: NoticeNotFoundError (ja/en), nothing written', async () => {
    const before = (await auditEvents(server)).length;
    expect(await save({ ...texts, id: '999999' })).toEqual({ __typename: 'NoticeNotFoundError', code: 'NOTICE_NOT_FOUND', message: '指定されたお知らせは存在しません。' });
    expect(await save({ ...texts, id: 'abc' }, 'en')).toEqual({ __typename: 'NoticeNotFoundError', code: 'NOTICE_NOT_FOUND', message: 'There is no such notice.' });
    for (const id of ['999999', '0', '-1', 'x'.repeat(50)]) {
      expect((await server.staffGql(WITHDRAW, { id }, { token })).data.withdrawNotice.code).toBe('NOTICE_NOT_FOUND');
    }
    expect((await auditEvents(server)).length).toBe(before);
  });

  it('every field error at once: required texts, lengths, control characters, dates, the window', async () => {
    const res = await save({ titleJa: ' ', bodyJa: 'x'.repeat(4001), titleEn: 'a'.repeat(101), bodyEn: 'ok', publishFrom: '2026-02-30', publishUntil: 'tomorrow' });
    expect(res.__typename).toBe('InputValidationError');
    expect(res.code).toBe('WZBAM001E');
    expect(res.fieldErrors.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual([
      'titleJa:WZBAM001E',
      'bodyJa:NOTICE_BODY_TOO_LONG',
      'titleEn:NOTICE_TITLE_TOO_LONG',
      'publishFrom:WZBAM005E',
      'publishUntil:WZBAM005E',
    ]);
    expect(res.fieldErrors[1].message).toBe('本文（日本語）は4,000文字以内で入力してください。');
    expect(res.fieldErrors[3].message).toBe('掲載開始日時の入力内容に誤りがあります。再度入力してください。');

    const window = await save({ ...texts, titleJa: 'タイ\u0007トル', publishFrom: '2026-07-01T10:00+09:00', publishUntil: '2026-07-01T01:00:00Z' }, 'en');
    expect(window.fieldErrors.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(['titleJa:WZBAM005E', 'publishUntil:NOTICE_WINDOW_INVALID']);
    expect(window.fieldErrors[1].message).toBe('The end of publication must be after the start of publication (a draft, without a start, cannot have an end).');
    const noStart = await save({ ...texts, publishUntil: '2026-07-02' });
    expect(noStart.fieldErrors).toEqual([expect.objectContaining({ field: 'publishUntil', code: 'NOTICE_WINDOW_INVALID' })]);
    // exactly 100 / 4,000 characters (code points: an emoji is one), CR LF kept as a line break
    const limits = await save({ ...texts, titleJa: '😀'.repeat(100), bodyJa: `${'あ'.repeat(3998)}\r\nい` });
    expect(limits.__typename).toBe('NoticeSaved');
    expect(limits.notice.bodyJa).toBe(`${'あ'.repeat(3998)}\nい`);
  });

  it('staffNotices lists every state, newest first, for NOTICE_EDITOR only', async () => {
    at('2026-08-01T00:00:00Z');
    const scheduled = await save({ ...texts, titleJa: '予定', publishFrom: '2026-09-01' });
    const list = (await server.staffGql(LIST, {}, { token: await freshToken() })).data.staffNotices as { id: string; state: string }[];
    const states = new Set(list.map((n) => n.state));
    for (const s of ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'EXPIRED', 'WITHDRAWN']) expect(states, s).toContain(s);
    expect(list[0].id).toBe(scheduled.notice.id);

    const auditor = await enrolledStaff(server, { roles: ['AUDITOR', 'SUPERVISOR', 'COUNTER_CLERK', 'STAFF_ADMIN'] });
    const other = await staffLoginToken(server, auditor);
    expect((await server.staffGql(LIST, {}, { token: other })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.staffGql(SAVE, { input: texts }, { token: other })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
