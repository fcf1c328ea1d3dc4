import { defineTexts } from './index';

/**
 * Screen 10 パスワード変更 (パスワード入力), also in the restricted session after WZBAM158E, and the notice on the
 * login page when five wrong current passwords ended the session. The rule text and strength hint are shared with
 * screen 4 (passwordSetTexts, PasswordRules / PasswordStrength); screen 11 uses accountTexts.
 */
export const passwordChangeTexts = defineTexts({
  title: { ja: 'パスワード変更', en: 'Change your password' },
  headingEasy: { ja: '【今(いま)のパスワードと、新(あたら)しいパスワードを書(か)いてください。】', en: '' },
  intro: {
    ja: '現在のパスワードと新しいパスワードを入力し、「変更」ボタンを押してください。',
    en: 'Enter your current password and the new one, then choose "Change".',
  },
  expiredEasy: {
    ja: '【パスワードを使(つか)える期間(きかん)が終(お)わりました。新(あたら)しいパスワードに変(か)えてください。】',
    en: '',
  },
  expiredNote: {
    ja: 'パスワードを変更するまで、他の機能は利用できません。',
    en: 'Other functions are not available until you change your password.',
  },
  currentPassword: { ja: '現在のパスワード', en: 'Current password' },
  newPassword: { ja: '新しいパスワード', en: 'New password' },
  newPasswordConfirmation: { ja: '新しいパスワード(確認)', en: 'New password (confirmation)' },
  newPasswordConfirmationHint: {
    ja: '確認のため、同じパスワードをもう一度入力してください。',
    en: 'Enter the same new password again.',
  },
  ruleSameAsCurrent: {
    ja: '現在のパスワードと同じパスワードには変更できません。',
    en: 'It must differ from your current password.',
  },
  ruleSessions: {
    ja: 'パスワードを変更すると、他の画面や端末でのログインは終了します。',
    en: 'Changing the password ends your logins in other windows and on other devices.',
  },
  strengthNote: {
    ja: '条件を満たしているかどうかは、「変更」ボタンを押した後にシステムが確認します。',
    en: 'Whether the password meets every rule is checked when you choose "Change".',
  },
  submit: { ja: '変更', en: 'Change' },
  back: { ja: '戻る', en: 'Back' },

  // ---- /login after the fifth wrong current password
  sessionEnded: {
    ja: '現在のパスワードの入力を続けて誤ったため、ログアウトしました。お手数ですが、再度ログインしてください。パスワードを忘れた場合は、「パスワードを忘れた場合」から再設定してください。',
    en: 'You were logged out because the current password was entered wrongly too many times in a row. Please log in again. If you have forgotten your password, reset it with "Forgot your password?".',
  },
  sessionEndedEasy: {
    ja: '【今(いま)のパスワードを何回(なんかい)もまちがえたので、システムを終(お)わりました。もう一度(いちど)ログインしてください。】',
    en: '',
  },
});
