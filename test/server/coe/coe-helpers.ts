import { expect } from 'vitest';
import nodemailer from 'nodemailer';
import type { JobHelpers } from 'graphile-worker';
import type { TestServer } from '../../support/test-server.js';
import { enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';
import { extractLinks } from '../../support/smtp-receiver.js';
import { createLogger } from '../../../server/src/lib/logger.js';
import { sendMailTask } from '../../../server/src/modules/mail/mail-worker.js';
import type { Bureau, StaffRole } from '../../../server/src/modules/staff/staff-roles.js';

export const COE_FIELDS = /* GraphQL */ `
  number state name nationality { code ja en } birthDate sex statusOfResidence { code ja en } organization issuedOn expiresOn
  bureau receiptRegisteredAt revokedAt revocationReason replacedBy replaces verificationCode verificationUrl`;

export const STAFF_COE_FIELDS = `${COE_FIELDS} authId applicationNumber issuedAt mailedAt verificationCount`;

export const ISSUE_COE = /* GraphQL */ `
  mutation IssueCoe($input: IssueCoeInput!) {
    issueCoe(input: $input) {
      __typename
      ... on CoeIssued { coe { ${STAFF_COE_FIELDS} } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const REVOKE_COE = /* GraphQL */ `
  mutation RevokeCoe($input: RevokeCoeInput!) {
    revokeCoe(input: $input) {
      __typename
      ... on CoeRevoked { coe { ${STAFF_COE_FIELDS} } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const REISSUE_COE = /* GraphQL */ `
  mutation ReissueCoe($input: ReissueCoeInput!) {
    reissueCoe(input: $input) {
      __typename
      ... on CoeIssued { coe { ${STAFF_COE_FIELDS} } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const RESEND_COE_MAIL = /* GraphQL */ `
  mutation ResendCoeMail($number: String!) {
    resendCoeMail(number: $number) {
      __typename
      ... on CoeMailResent { coe { number state } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const COE_QUERY = /* GraphQL */ `
  query Coe($number: String!) { coe(number: $number) { ${STAFF_COE_FIELDS} events { at kind staffId mail reason } } }`;

export const MY_COES = /* GraphQL */ `query { myCoes { ${COE_FIELDS} } }`;

export const REGISTER_COE_RECEIPT = /* GraphQL */ `
  mutation RegisterCoeReceipt($input: CoeReceiptInput!) {
    registerCoeReceipt(input: $input) {
      __typename
      ... on CoeReceiptRegistered { coe { number state receiptRegisteredAt } }
      ... on ErrorResult { code message }
    }
  }`;

export const RESEND_MY_COE_MAIL = /* GraphQL */ `
  mutation ResendMyCoeMail($number: String!) {
    resendMyCoeMail(number: $number) {
      __typename
      ... on CoeMailResent { coe { number state } }
      ... on ErrorResult { code message }
    }
  }`;

export const VERIFY_COE = /* GraphQL */ `
  query VerifyCoe($input: VerifyCoeInput!) {
    verifyCoe(input: $input) { result maskedName nationality { code ja en } statusOfResidence { code ja en } issuedOn expiresOn }
  }`;

/** A logged-in staff member with these roles; returns the bearer token and the member. */
export async function staffToken(server: TestServer, roles: StaffRole[], bureau: Bureau = 'TOKYO') {
  const member = await enrolledStaff(server, { roles, bureau });
  return { ...member, token: await staffLoginToken(server, member) };
}

let applications = 0;
/** A valid issueCoe input for `authId`, a new application number each call. */
export function coeInput(authId: string, overrides: Record<string, string | null> = {}) {
  applications += 1;
  return {
    authId,
    applicationNumber: `TK-${process.pid}-${applications}`,
    name: 'Nguyen Van An',
    nationality: 'vnm',
    birthDate: '1998-07-15',
    sex: 'MALE',
    statusOfResidence: 'ENGINEER_HUMANITIES_INTL',
    organization: 'Kasumigaseki Systems K.K.',
    ...overrides,
  };
}

/** issueCoe through the API; fails the test unless it is CoeIssued. */
export async function issueCoe(server: TestServer, token: string, authId: string, overrides: Record<string, string | null> = {}) {
  const res = await server.staffGql(ISSUE_COE, { input: coeInput(authId, overrides) }, { token });
  expect(res.data?.issueCoe?.__typename, JSON.stringify(res)).toBe('CoeIssued');
  return res.data.issueCoe.coe as Record<string, any>;
}

export interface CoeOutboxRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  attachments: { cid: string; filename: string; contentType: string; contentBase64: string }[] | null;
  user_id: string | null;
  sent_at: Date | null;
}

/** The outbox mails of one COE (through its history), oldest first. */
export async function coeMails(server: TestServer, number: string): Promise<CoeOutboxRow[]> {
  const { rows } = await server.db.query<CoeOutboxRow>(
    `select m.* from mail_outbox m join coe_event e on e.outbox_id = m.id and e.kind = 'MAIL_QUEUED' join coe c on c.id = e.coe_id
     where c.number = $1 order by e.id`,
    [number],
  );
  return rows;
}

/** The 受領登録 token of a COE mail. */
export function receiptToken(body: string): string {
  const url = extractLinks(body).find((u) => u.includes('/coe/receipt?token='));
  if (!url) throw new Error(`no receipt link in:\n${body}`);
  return new URL(url).searchParams.get('token')!;
}

/** Runs the mail worker's send task for one outbox mail on `transport` (no queue involved). */
export async function sendOutboxMail(server: TestServer, outboxId: string, smtpUrl: string): Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await sendMailTask({ pool: server.db, transport, from: 'no-reply@ras-portal.example', clock: server.clock, log: createLogger('silent') })(
      { outboxId },
      {} as JobHelpers,
    );
  } finally {
    transport.close();
  }
}

export async function coeRow(server: TestServer, number: string) {
  const { rows } = await server.db.query('select * from coe where number = $1', [number]);
  return rows[0] as Record<string, any>;
}
