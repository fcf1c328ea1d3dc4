import { defineTexts } from './index';

export const menuTexts = defineTexts({
  title: { ja: 'メニュー', en: 'Menu' },
  applications: { ja: '在留申請', en: 'Residence applications' },
  APPLICATION_ENTRY: { ja: '申請情報入力(1件ずつ申請情報を入力)', en: 'Enter an application (one at a time)' },
  APPLICATION_ENTRY_text: {
    ja: '申請情報を1件ずつ入力して申請します。【申請(しんせい)を1つずつ入力(にゅうりょく)します。】',
    en: 'Enter and submit applications one at a time.',
  },
  APPLICATION_BULK_ENTRY: { ja: '申請情報入力(一括)', en: 'Enter applications (in bulk)' },
  APPLICATION_BULK_ENTRY_text: {
    ja: '複数の申請情報をまとめて入力して申請します。【たくさんの申請(しんせい)をまとめて入力(にゅうりょく)します。】',
    en: 'Enter and submit several applications at once.',
  },
  APPLICATION_SEARCH: { ja: '申請情報検索', en: 'Search applications' },
  APPLICATION_SEARCH_text: {
    ja: '申請した申請情報の状況を確認します。【申請(しんせい)したものが今(いま)どうなっているか見(み)ます。】',
    en: 'Check the status of your applications.',
  },
  userInfoHeading: { ja: '利用者情報更新', en: 'Update user information' },
  userInfoText: {
    ja: '利用者情報の確認・変更、パスワードの変更を行います。【あなたの情報(じょうほう)やパスワードを見(み)たり、変(か)えたりします。】',
    en: 'View or change your user information and password.',
  },
  userInfoButton: { ja: '利用者情報更新', en: 'Update user information' },
});
