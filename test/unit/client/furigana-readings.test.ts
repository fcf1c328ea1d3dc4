import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuby } from '../../../client/src/lib/i18n/ruby.js';

/**
 * A <ruby> cannot break across lines: a long reading over a long base (在留資格認定証明書交付申請 read as one
 * 26-kana word) made the registration page 376 px wide on a 320 px phone with furigana on. Readings are given word
 * by word instead, each short enough for any screen.
 */
const DIRS = ['../../../client/src/lib/i18n/', '../../../server/src/i18n/'].map((d) => new URL(d, import.meta.url));

describe('furigana readings in the text catalogs', () => {
  const rubies = DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => parseRuby(readFileSync(new URL(f, dir), 'utf8')).filter((p) => p.reading).map((p) => ({ file: f, ...p }))),
  );

  it('there are readings to check', () => {
    expect(rubies.length).toBeGreaterThan(100);
  });
  it('each covers one word: at most 6 kanji under at most 10 kana', () => {
    const long = rubies.filter((r) => r.text.length > 6 || r.reading!.length > 10).map((r) => `${r.file}: ${r.text}(${r.reading})`);
    expect(long).toEqual([]);
  });
});
