/**
 * A uuid no account has. Paths that must not be told apart by timing (an unknown 認証ID vs a wrong password, a
 * refused vs an accepted reset request) run the same statements, against this id when there is no account to touch
 * (security.md 2).
 */
export const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';
