import type { PasswordProblem } from '../errors/password-problem.js';
import type { Locale } from './locale.js';

/** One sentence per broken password rule, saying what to do (rules.md §3). */
const TEXTS: Record<PasswordProblem['kind'], Record<Locale, string>> = {
  tooShort: {
    ja: '{min}文字以上にしてください（入力されたのは{length}文字です）。',
    en: 'Use at least {min} characters (you entered {length}).',
  },
  tooLong: {
    ja: '{max}文字以内にしてください（入力されたのは{length}文字です）。',
    en: 'Use at most {max} characters (you entered {length}).',
  },
  noLetter: { ja: '半角英字を1文字以上含めてください。', en: 'Include at least one letter (A–Z or a–z).' },
  noDigit: { ja: '半角数字を1文字以上含めてください。', en: 'Include at least one digit (0–9).' },
  noSymbol: { ja: '記号（{symbols}）を1文字以上含めてください。', en: 'Include at least one of the symbols {symbols}.' },
  notAllowed: {
    ja: '使用できない文字が含まれています：{chars}。',
    en: 'Remove the characters that are not allowed: {chars}.',
  },
  publishedExample: {
    ja: '画面に例として示しているパスワードは使用できません。別のパスワードにしてください。',
    en: 'The example shown on the screen cannot be used. Choose a password of your own.',
  },
};

/** At most this many characters are named; the rest is "etc." */
const NAMED = 5;

const SPACE_NAMES: Record<string, Record<Locale, string>> = {
  ' ': { ja: '空白', en: 'space' },
  '\u3000': { ja: '全角空白', en: 'full-width space' },
};
const INVISIBLE: Record<Locale, string> = { ja: '表示されない文字', en: 'an invisible character' };
const ETC: Record<Locale, string> = { ja: 'など', en: ' and others' };

/** Full-width forms of ASCII (！ … ～): named with a note, since they look like the allowed half-width ones. */
const FULL_WIDTH = /^[\uFF01-\uFF5E]$/;
/** Characters that show nothing (controls, format characters, other spaces): not named one by one. */
const UNPRINTABLE = /^[\p{C}\p{Z}]$/u;

/**
 * The characters as a person can find them: 空白, 「*」, one mention of the full-width ones (they look like the allowed
 * half-width ones: 全角文字（ＡＢＣ）) and one of the invisible ones (controls, format characters: nothing to show).
 */
function nameChars(chars: string[], locale: Locale): string {
  const names: string[] = [];
  const fullWidth: string[] = [];
  let invisible = false;
  for (const char of chars) {
    const space = SPACE_NAMES[char];
    if (space) names.push(space[locale]);
    else if (UNPRINTABLE.test(char)) invisible = true;
    else if (FULL_WIDTH.test(char)) fullWidth.push(char);
    else names.push(locale === 'ja' ? `「${char}」` : `"${char}"`);
  }
  const separator = locale === 'ja' ? '、' : ', ';
  const list = (items: string[]) => (items.length > NAMED ? `${items.slice(0, NAMED).join(separator)}${ETC[locale]}` : items.join(separator));
  if (fullWidth.length) {
    const shown = fullWidth.length > NAMED ? `${fullWidth.slice(0, NAMED).join('')}${ETC[locale]}` : fullWidth.join('');
    names.push(locale === 'ja' ? `全角文字（${shown}）` : `full-width characters (${shown})`);
  }
  if (invisible) names.push(INVISIBLE[locale]);
  return list(names);
}

function sentence(problem: PasswordProblem, locale: Locale): string {
  const text = TEXTS[problem.kind][locale];
  switch (problem.kind) {
    case 'tooShort':
      return text.replace('{min}', String(problem.min)).replace('{length}', String(problem.length));
    case 'tooLong':
      return text.replace('{max}', String(problem.max)).replace('{length}', String(problem.length));
    case 'noSymbol':
      return text.replace('{symbols}', problem.symbols);
    case 'notAllowed':
      return text.replace('{chars}', nameChars(problem.chars, locale));
    default:
      return text;
  }
}

/** Every problem as a sentence, in order, as one text (Japanese sentences run on; English ones take a space). */
export function passwordProblemText(problems: readonly PasswordProblem[], locale: Locale): string {
  return problems.map((p) => sentence(p, locale)).join(locale === 'ja' ? '' : ' ');
}
