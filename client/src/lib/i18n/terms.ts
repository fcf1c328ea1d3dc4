import type { Locale } from './index';

/**
 * Screen 2: 利用規約. Our own text in the manual's style (the real system's terms are not reproduced here); the
 * Japanese text prevails, the English one is a translation.
 */
export interface TermsDocument {
  title: string;
  updated: string;
  note: string;
  preamble: string;
  articles: { heading: string; items: string[] }[];
  closing: string;
}

export const termsDocument: Record<Locale, TermsDocument> = {
  ja: {
    title: '在留申請オンラインシステム利用規約',
    updated: '2019年7月25日更新',
    note: 'この利用規約は、本システム（在留申請オンラインシステムの利用者用画面の再実装）のために作成した文書であり、出入国在留管理庁が定める利用規約の原文ではありません。',
    preamble:
      'この利用規約（以下「本規約」といいます。）は、在留申請オンラインシステム（以下「本システム」といいます。）の利用に関して必要な事項を定めるものです。本システムを利用する方（以下「利用者」といいます。）は、本規約に同意した上で本システムを利用してください。',
    articles: [
      {
        heading: '第1条（目的）',
        items: [
          '本システムは、在留資格に関する申請等の手続をインターネットを利用して行うため、及び窓口で申請した在留資格認定証明書の電子交付を受けるために提供されるものです。',
        ],
      },
      {
        heading: '第2条（利用者登録）',
        items: [
          '本システムを利用しようとする者は、本システムの定める方法により、自らの正確かつ最新の情報を入力して利用者登録を行うものとします。',
          '利用者登録が受け付けられたときは、登録されたメールアドレスへ認証ID及びパスワード登録用のリンクを通知します。',
          '登録した情報に変更が生じたときは、利用者は、速やかに本システムにより利用者情報を更新するものとします。',
        ],
      },
      {
        heading: '第3条（認証ID及びパスワードの管理）',
        items: [
          '利用者は、認証ID及びパスワードを自己の責任において管理し、第三者に利用させ、又は貸与、譲渡等をしてはなりません。',
          '認証ID又はパスワードが第三者に知られたおそれがある場合は、速やかにパスワードを変更し、ヘルプデスクに連絡してください。',
        ],
      },
      {
        heading: '第4条（個人情報の取扱い）',
        items: [
          '本システムに入力された個人情報は、出入国管理及び難民認定法に基づく手続及び本システムの運用のためにのみ利用し、法令に基づく場合を除き、第三者に提供しません。',
          '個人情報は、行政機関の保有する個人情報の保護に関する法令に従い、適切に管理します。',
        ],
      },
      {
        heading: '第5条（禁止事項）',
        items: [
          '利用者は、次に掲げる行為をしてはなりません。',
          '(1) 虚偽の情報を入力する行為',
          '(2) 他人の認証ID又はパスワードを使用する行為',
          '(3) 本システムに過度の負荷をかける行為、不正にアクセスする行為その他本システムの運用を妨げる行為',
          '(4) 法令又は公序良俗に反する行為',
        ],
      },
      {
        heading: '第6条（利用の停止等）',
        items: [
          '利用者が本規約に違反したときは、事前の通知なく、当該利用者の認証IDの利用を停止し、又は抹消することがあります。',
          '保守、障害その他やむを得ない事由があるときは、事前の通知なく、本システムの全部又は一部の提供を停止することがあります。',
        ],
      },
      {
        heading: '第7条（免責事項）',
        items: [
          '本システムの利用又は利用できなかったことにより利用者に生じた損害について、故意又は重大な過失がある場合を除き、責任を負いません。',
          '利用者の通信環境、メールサービスの設定等によりメールが届かないことによる損害についても、同様とします。',
        ],
      },
      {
        heading: '第8条（規約の変更）',
        items: ['本規約は、必要に応じて変更することがあります。変更後の本規約は、本システムに掲載した時から効力を生じます。'],
      },
    ],
    closing: '附則　本規約は、2019年7月25日から施行します。',
  },
  en: {
    title: 'Terms of Use of the Residence Application Online System',
    updated: 'Updated 25 July 2019',
    note: 'These terms were written for this system (a re-implementation of the user screens of the Residence Application Online System); they are not the original terms issued by the Immigration Services Agency. This English text is a translation: the Japanese text prevails.',
    preamble:
      'These terms of use ("these Terms") set out what is needed to use the Residence Application Online System ("the System"). Anyone who uses the System ("users") must agree to these Terms before using it.',
    articles: [
      {
        heading: 'Article 1 (Purpose)',
        items: [
          'The System is provided for carrying out residence-status applications and related procedures over the internet, and for receiving electronically a Certificate of Eligibility applied for at a counter.',
        ],
      },
      {
        heading: 'Article 2 (Registration)',
        items: [
          'Anyone who wishes to use the System registers by entering their own accurate and current information in the way the System provides.',
          'When a registration is received, the authentication ID (認証ID) and a link for setting the password are sent to the registered e-mail address.',
          'When registered information changes, the user updates it through the System without delay.',
        ],
      },
      {
        heading: 'Article 3 (Authentication ID and password)',
        items: [
          'Users keep their authentication ID and password under their own responsibility and may not let others use, lend or transfer them.',
          'If a third party may have learned the authentication ID or password, change the password at once and contact the help desk.',
        ],
      },
      {
        heading: 'Article 4 (Personal information)',
        items: [
          'Personal information entered in the System is used only for procedures under the Immigration Control and Refugee Recognition Act and for operating the System, and is not given to third parties except as required by law.',
          'Personal information is managed properly under the laws on the protection of personal information held by administrative organs.',
        ],
      },
      {
        heading: 'Article 5 (Prohibited acts)',
        items: [
          'Users may not:',
          '(1) enter false information;',
          "(2) use another person's authentication ID or password;",
          '(3) put excessive load on the System, access it without authorization, or otherwise obstruct its operation;',
          '(4) act against the law or public order and morals.',
        ],
      },
      {
        heading: 'Article 6 (Suspension)',
        items: [
          'When a user breaches these Terms, their authentication ID may be suspended or deleted without prior notice.',
          'All or part of the System may be suspended without prior notice for maintenance, failures or other unavoidable reasons.',
        ],
      },
      {
        heading: 'Article 7 (Disclaimer)',
        items: [
          'No liability is accepted for damage arising from the use of the System or from being unable to use it, except in cases of intent or gross negligence.',
          "The same applies to damage caused by mail not arriving because of the user's network or mail-service settings.",
        ],
      },
      {
        heading: 'Article 8 (Changes)',
        items: ['These Terms may be changed when necessary. Changed Terms take effect when they are published in the System.'],
      },
    ],
    closing: 'Supplementary provision: these Terms take effect on 25 July 2019.',
  },
};
