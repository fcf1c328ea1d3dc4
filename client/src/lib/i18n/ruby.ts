/**
 * The manual's easy-Japanese hints write readings in parentheses: 【システムを使(つか)う人(ひと)…】. This splits such
 * a text into plain parts and (base, reading) pairs, so a component can render `<ruby>` when furigana is on, and
 * just the base text when it is off.
 */
export type RubyPart = { text: string; reading?: string };

const RUBY = /([\u3400-\u9FFF\uF900-\uFAFF々〆ヶ]+)\(([\u3041-\u309F\u30A0-\u30FF・ー]+)\)/g;

export function parseRuby(text: string): RubyPart[] {
  const parts: RubyPart[] = [];
  let last = 0;
  for (const m of text.matchAll(RUBY)) {
    if (m.index! > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[1], reading: m[2] });
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** The text without readings (furigana off, or for attributes such as titles). */
export function stripRuby(text: string): string {
  return text.replace(RUBY, '$1');
}
