/** The flash cookie that tells /password/set/done which 認証ID the password was set for (see password/set/+page.server.ts). */
export const PASSWORD_SET_COOKIE = 'password_set_done';

/** Holds the e-mailed link's token between the link and the form, so the token leaves the URL at once. */
export const LINK_TOKEN_COOKIE = 'password_link';
