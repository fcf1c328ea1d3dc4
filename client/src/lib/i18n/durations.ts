/** 分 after a number is read ぷん or ふん by its last digit (10 分 じゅっぷん, 2 分 にふん, 5 分 ごふん …). */
const FUN = ['ぷん', 'ぷん', 'ふん', 'ぷん', 'ぷん', 'ふん', 'ぷん', 'ふん', 'ぷん', 'ふん'];

/**
 * The idle timeout as the timeout page says it: whole minutes when it is a whole number of minutes (the manual's 30
 * 分), else seconds. `easy` writes the furigana for the easy-Japanese line.
 */
export function idleDuration(seconds: number, locale: 'ja' | 'en', easy = false): string {
  const minutes = seconds / 60;
  if (Number.isInteger(minutes)) {
    if (locale === 'en') return minutes === 1 ? '1 minute' : `${minutes} minutes`;
    return easy ? `${minutes}分(${FUN[minutes % 10]})` : `${minutes}分`;
  }
  if (locale === 'en') return seconds === 1 ? '1 second' : `${seconds} seconds`;
  return easy ? `${seconds}秒(びょう)` : `${seconds}秒`;
}
