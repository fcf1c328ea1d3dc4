/**
 * The manual's easy-Japanese hints write readings in parentheses: 【システムを使(つか)う人(ひと)…】. This splits such
 * a text into plain parts and (base, reading) pairs, so a component can render `<ruby>` when furigana is on, and
 * just the base text when it is off.
 */
export type RubyPart = { text: string; reading?: string };

const RUBY = /([\u3400-\u9FFF\uF900-\uFAFF々〆ヶ]+)\(([\u3041-\u309F\u30A0-\u30FF・ー]+)\)/g;

/**
 * Parsed texts, by text: every page parses the same catalog texts again (the frame's and the page's, on each request —
 * a per cent of a logged-in page's server time, measured with npm run bench:profile). Bounded, since a text can also
 * come from data (a notice); the parts are frozen because they are shared.
 */
const parsed = new Map<string, readonly RubyPart[]>();
const PARSED_MAX = 2000;

export function parseRuby(text: string): readonly RubyPart[] {
  let parts = parsed.get(text);
  if (!parts) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parts = Object.freeze(splitRuby(text).map((p) => Object.freeze(p)));
    parsed.set(text, parts);
  }
  return parts;
}

function splitRuby(text: string): RubyPart[] {
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
