import QRCode from 'qrcode';
import type { Config } from '../../config.js';
import { helpdesk, RULE, SYSTEM_EN, SYSTEM_JA, type MailContent } from '../mail/templates.js';
import { verificationUrl } from './coe-code.js';
import { groupedCoeNumber } from './coe-number.js';
import type { CoeView } from './coe-view.js';

/** The issuing office's names (地方出入国在留管理局 and 支局). */
export const BUREAU_NAMES: Record<string, { ja: string; en: string }> = {
  SAPPORO: { ja: '札幌出入国在留管理局', en: 'Sapporo Regional Immigration Services Bureau' },
  SENDAI: { ja: '仙台出入国在留管理局', en: 'Sendai Regional Immigration Services Bureau' },
  TOKYO: { ja: '東京出入国在留管理局', en: 'Tokyo Regional Immigration Services Bureau' },
  NAGOYA: { ja: '名古屋出入国在留管理局', en: 'Nagoya Regional Immigration Services Bureau' },
  OSAKA: { ja: '大阪出入国在留管理局', en: 'Osaka Regional Immigration Services Bureau' },
  HIROSHIMA: { ja: '広島出入国在留管理局', en: 'Hiroshima Regional Immigration Services Bureau' },
  TAKAMATSU: { ja: '高松出入国在留管理局', en: 'Takamatsu Regional Immigration Services Bureau' },
  FUKUOKA: { ja: '福岡出入国在留管理局', en: 'Fukuoka Regional Immigration Services Bureau' },
  YOKOHAMA: { ja: '東京出入国在留管理局横浜支局', en: 'Yokohama District Immigration Services Office' },
  KOBE: { ja: '大阪出入国在留管理局神戸支局', en: 'Kobe District Immigration Services Office' },
  NAHA: { ja: '福岡出入国在留管理局那覇支局', en: 'Naha District Immigration Services Office' },
};

const SUBJECT_ISSUED = '【在留資格認定証明書】電子交付のお知らせ / Certificate of Eligibility (electronic issuance)';
const SUBJECT_REVOKED = '【在留資格認定証明書】取消しのお知らせ / Certificate of Eligibility revoked';
const SUBJECT_RECEIPT = '【在留資格認定証明書】受領登録完了のお知らせ / Certificate of Eligibility: receipt registered';

export const QR_CID = 'coe-qr@ras-portal';

const jaDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const SEX = { MALE: { ja: '男', en: 'Male' }, FEMALE: { ja: '女', en: 'Female' } } as const;

function fieldsJa(coe: CoeView): string[] {
  return [
    `　在留資格認定証明書番号：${coe.number}（${groupedCoeNumber(coe.number)}）`,
    `　氏名：${coe.name}`,
    `　国籍・地域：${coe.nationality.ja}（${coe.nationality.code}）`,
    `　生年月日：${jaDate(coe.birthDate)}（${coe.birthDate}）`,
    `　性別：${SEX[coe.sex].ja}`,
    `　在留資格：${coe.statusOfResidence.ja}`,
    ...(coe.organization ? [`　所属機関：${coe.organization}`] : []),
    `　交付年月日：${jaDate(coe.issuedOn)}（${coe.issuedOn}）`,
    `　有効期限：${jaDate(coe.expiresOn)}（${coe.expiresOn}）まで`,
    `　交付官署：${BUREAU_NAMES[coe.bureau]?.ja ?? coe.bureau}`,
  ];
}

function fieldsEn(coe: CoeView): string[] {
  return [
    `  Certificate number: ${coe.number} (${groupedCoeNumber(coe.number)})`,
    `  Name: ${coe.name}`,
    `  Nationality: ${coe.nationality.en} (${coe.nationality.code})`,
    `  Date of birth: ${coe.birthDate}`,
    `  Sex: ${SEX[coe.sex].en}`,
    `  Status of residence: ${coe.statusOfResidence.en}`,
    ...(coe.organization ? [`  Organization: ${coe.organization}`] : []),
    `  Date of issue: ${coe.issuedOn}`,
    `  Valid until: ${coe.expiresOn} (inclusive)`,
    `  Issued by: ${BUREAU_NAMES[coe.bureau]?.en ?? coe.bureau}`,
  ];
}

function body(config: Config, recipientName: string, ja: string[], en: string[]): string {
  return [
    `${recipientName} 様`,
    '',
    ...ja,
    '',
    '※このメールは送信専用アドレスから送信しています。返信はできません。',
    '',
    RULE,
    '(English)',
    '',
    `Dear ${recipientName},`,
    '',
    ...en,
    '',
    '* This mail was sent from a send-only address. Please do not reply.',
    '',
    RULE,
    helpdesk(config),
    `${SYSTEM_JA} / ${SYSTEM_EN}`,
    '',
  ].join('\n');
}

export interface CoeMailData {
  recipientName: string;
  coe: CoeView;
  /** the 受領登録 link, while the receipt is not registered */
  receiptUrl: string | null;
  /** for a corrected COE: the number it replaces */
  replaces?: string | null;
}

/**
 * The COE itself (issued, reissued, sent again): the fields in both languages, the number also in groups of 4, the
 * note on forwarding and machine translation, the 受領登録 link, the verification page and the signed code; an HTML
 * alternative with the code's URL as an inline PNG QR code (error correction Q).
 */
export async function coeIssuedMail(config: Config, data: CoeMailData): Promise<MailContent> {
  const { coe } = data;
  const codeUrl = verificationUrl(config, coe.verificationCode);
  const verifyPage = `${config.publicUrl}/verify`;
  const ja = [
    ...(data.replaces
      ? [`在留資格認定証明書（番号 ${data.replaces}）の記載内容を訂正し、新しい番号で交付しました。以前の証明書は取り消されており、使用できません。`, '']
      : []),
    '在留資格認定証明書を電子交付します。内容は次のとおりです。',
    '',
    ...fieldsJa(coe),
    '',
    'このメールは、外国人本人に転送し、在外公館での査証申請及び上陸審査の際に、スマートフォン等で提示し又は印刷して提示することができます。',
    `有効期限（${jaDate(coe.expiresOn)}）を過ぎると使用できません。`,
    '番号や氏名が変わってしまうため、このメールを自動翻訳しないでください。',
    '',
    ...(data.receiptUrl
      ? ['次のリンクから受領登録をしてください（ログインが必要です。一度だけ使用できます）。', data.receiptUrl, '']
      : []),
    `証明書の有効性は、次のページで番号と生年月日を入力して確認できます。`,
    verifyPage,
    '',
    '【検証コード】（電子署名付き。次のURLで内容と署名を確認できます）',
    codeUrl,
  ];
  const en = [
    ...(data.replaces
      ? [`The Certificate of Eligibility number ${data.replaces} has been corrected and issued again under a new number. The earlier certificate is revoked and can no longer be used.`, '']
      : []),
    'Your Certificate of Eligibility is issued electronically. Its details:',
    '',
    ...fieldsEn(coe),
    '',
    'You may forward this mail to the foreign national, who may show it on a phone or printed when applying for a visa',
    `at an embassy or consulate and at the landing examination. It is valid until ${coe.expiresOn}.`,
    'Do not let a mail program translate this mail automatically: translation can change the number and the name.',
    '',
    ...(data.receiptUrl ? ['Register your receipt at the following link (log in first; it works once):', data.receiptUrl, ''] : []),
    'Anyone can check that the certificate is valid with its number and the date of birth at:',
    verifyPage,
    '',
    '[Verification code] (digitally signed; the following URL shows and checks its contents)',
    codeUrl,
  ];
  const text = body(config, data.recipientName, ja, en);
  const png = await QRCode.toBuffer(codeUrl, { type: 'png', errorCorrectionLevel: 'Q', margin: 4, scale: 4 });
  return {
    subject: SUBJECT_ISSUED,
    text,
    html: htmlAlternative(text, codeUrl),
    attachments: [{ cid: QR_CID, filename: `${coe.number}.png`, contentType: 'image/png', contentBase64: png.toString('base64') }],
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same text, line for line (links made clickable), and the QR code below the code's URL. */
function htmlAlternative(text: string, codeUrl: string): string {
  const lines = text.split('\n').map((line) => {
    const escaped = escapeHtml(line);
    return /^https?:\/\/\S+$/.test(line.trim()) ? `<a href="${escaped.trim()}">${escaped}</a>` : escaped;
  });
  const at = lines.findIndex((l) => l.includes(escapeHtml(codeUrl)));
  const qr = `<br><img src="cid:${QR_CID}" alt="検証コードのQRコード / QR code of the verification code" width="260" height="260">`;
  if (at >= 0) lines[at] += qr;
  return [
    '<!doctype html><html><head><meta charset="utf-8"><meta name="google" content="notranslate"></head>',
    '<body translate="no" class="notranslate"><div style="font-family:monospace;white-space:pre-wrap;word-break:break-all">',
    lines.join('<br>\n'),
    '</div></body></html>',
  ].join('\n');
}

export function coeRevokedMail(config: Config, data: { recipientName: string; coe: CoeView; reason: string; replacedBy?: string | null }): MailContent {
  const { coe } = data;
  const ja = [
    `次の在留資格認定証明書を取り消しました。この証明書は使用できません。`,
    '',
    `　在留資格認定証明書番号：${coe.number}（${groupedCoeNumber(coe.number)}）`,
    `　氏名：${coe.name}`,
    `　取消しの理由：${data.reason}`,
    ...(data.replacedBy ? ['', `訂正後の証明書（番号 ${data.replacedBy}）を別のメールでお送りします。`] : []),
  ];
  const en = [
    'The following Certificate of Eligibility has been revoked and can no longer be used.',
    '',
    `  Certificate number: ${coe.number} (${groupedCoeNumber(coe.number)})`,
    `  Name: ${coe.name}`,
    `  Reason: ${data.reason}`,
    ...(data.replacedBy ? ['', `The corrected certificate (number ${data.replacedBy}) follows in a separate mail.`] : []),
  ];
  return { subject: SUBJECT_REVOKED, text: body(config, data.recipientName, ja, en) };
}

export function coeReceiptMail(config: Config, data: { recipientName: string; coe: CoeView }): MailContent {
  const { coe } = data;
  const ja = [
    '次の在留資格認定証明書の受領登録を受け付けました。',
    '',
    `　在留資格認定証明書番号：${coe.number}（${groupedCoeNumber(coe.number)}）`,
    `　氏名：${coe.name}`,
    `　有効期限：${jaDate(coe.expiresOn)}まで`,
  ];
  const en = [
    'The receipt of the following Certificate of Eligibility has been registered.',
    '',
    `  Certificate number: ${coe.number} (${groupedCoeNumber(coe.number)})`,
    `  Name: ${coe.name}`,
    `  Valid until: ${coe.expiresOn}`,
  ];
  return { subject: SUBJECT_RECEIPT, text: body(config, data.recipientName, ja, en) };
}
