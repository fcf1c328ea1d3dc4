import type { PageServerLoad } from './$types';

const WZBAM099E = {
  ja: '二重ログインエラーです。複数の画面で操作を行わないでください。複数の画面で操作していないのに、この画面が表示された場合はヘルプデスクにお問合せください。',
  en: 'Double-login error: a newer login to this account ended this session. Do not use the system from several places at once. If you did not log in elsewhere, contact the help desk.',
};

export const load: PageServerLoad = ({ locals }) => ({ message: WZBAM099E[locals.locale] });
