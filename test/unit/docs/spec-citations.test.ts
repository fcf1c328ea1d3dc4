import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository explains itself: every citation of the specification in a tracked file — `rules.md §3`,
 * `security.md 16`, `api.md "Conventions"`, `screens.md: "…"`, also as `docs/spec/<file>.md` and as Markdown links —
 * names a file of docs/spec/ and a section, requirement or sentence that exists in it; every relative link of a
 * Markdown file reaches a file of the repository; and no path leads out of the repository (docs/spec/README.md,
 * "Citing this specification").
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SPEC_DIR = 'docs/spec';
const SPEC_NAMES = ['rules', 'security', 'api', 'screens', 'architecture', 'staff', 'coe'] as const;
type SpecName = (typeof SPEC_NAMES)[number];

/** Not scanned: generated or data files, and this file (its examples of bad citations are meant to be bad). */
const SKIPPED = [/^package-lock\.json$/, /^client\/src\/lib\/graphql\/generated\//, /^server\/data\/municipalities\.json$/, /^server\/data\/coe\//, /^server\/data\/source\//, /^test\/unit\/docs\/spec-citations\.test\.ts$/];

/** A relative path that climbs out of the repository to the sibling folder the project was started from. */
const LEAVES_REPO = /(?:\.\.[/\\])+shared\b/;

// ---------------------------------------------------------------------------------------------------------------
// what docs/spec holds

interface SpecFile {
  /** the text with runs of white space collapsed (quotes may be wrapped differently in code) */
  flat: string;
  /** numbered headings: `## 3. Password policy` → "3", `### 3.2 …` → "3.2" */
  sections: Set<string>;
  /** numbered lines of the "## Requirements" section (security.md) */
  requirements: Set<number>;
  /** GitHub's anchors of the headings */
  anchors: Set<string>;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces → '-', repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1].toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function readSpecFile(markdown: string): SpecFile {
  const sections = new Set<string>();
  for (const m of markdown.matchAll(/^#{2,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) sections.add(m[1]);
  const requirements = new Set<number>();
  const block = /^## Requirements\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1] ?? '';
  for (const m of block.matchAll(/^(\d+)\.\s/gm)) requirements.add(Number(m[1]));
  return { flat: collapse(markdown), sections, requirements, anchors: anchorsOf(markdown) };
}

function loadSpec(): Map<SpecName, SpecFile> {
  const spec = new Map<SpecName, SpecFile>();
  for (const name of SPEC_NAMES) {
    const file = path.join(ROOT, SPEC_DIR, `${name}.md`);
    if (existsSync(file)) spec.set(name, readSpecFile(readFileSync(file, 'utf8')));
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------------------------
// the citations of one file

/** `rules.md`, `security.md` … alone, or as `docs/spec/rules.md`; not another folder's file of the same name. */
const CITATION = /(?<![\w./\\-])(?:docs\/spec\/)?(rules|security|api|screens|architecture|staff|coe)\.md(?![\w-])/g;
/** The next file name on the line: the text between two names belongs to the first. */
const ANY_MD = /[\w./-]*\w\.md(?![\w-])/;
/** `security.md 6, 13`, `security.md 11–15`, `security.md 4 (and 21)`, `security.md §16`. */
const REQUIREMENT_LIST = /^\s*§?\s*\d+(?:\s*(?:,|–|-|\band\b|\(and)\s*§?\s*\d+)*/;
/** `api.md "Conventions"`, `screens.md: "The browser's Back button …"` (straight or curly quotes). */
const QUOTED = /^\s*:?\s*["“]([^"”]+)["”]/;
/** What starts a continued comment line: ` * `, `// `, `# `. */
const COMMENT_LEAD = /^\s*(?:\*(?!\/)|\/\/|#)?\s*/;

function requirementNumbers(list: string): number[] {
  const numbers: number[] = [];
  for (const m of list.matchAll(/(\d+)(?:\s*[–-]\s*§?\s*(\d+))?/g)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let n = from; n <= to; n++) numbers.push(n);
  }
  return numbers;
}

/** `[text](target)` links of a Markdown file that point into the repository (not web, mail or same-page only). */
function* relativeLinks(line: string): Generator<string> {
  for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(m[1])) yield m[1];
  }
}

/** Every problem of one file's text, as `file:line: what`. */
function citationProblems(file: string, text: string, spec: Map<SpecName, SpecFile>): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  const isMarkdown = file.endsWith('.md');

  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;

    if (LEAVES_REPO.test(line)) {
      problems.push(`${at}: a path outside the repository (${LEAVES_REPO.exec(line)![0]}…): cite docs/spec/ instead`);
    }

    for (const m of line.matchAll(CITATION)) {
      const name = m[1] as SpecName;
      const cited = `${name}.md`;
      const target = spec.get(name);
      if (!target) {
        problems.push(`${at}: ${cited} is cited, but ${SPEC_DIR}/${cited} does not exist`);
        continue;
      }
      const rest = line.slice(m.index + m[0].length);
      const next = ANY_MD.exec(rest);
      const tail = next ? rest.slice(0, next.index) : rest;

      if (name === 'rules') {
        for (const s of tail.matchAll(/§\s*(\d+(?:\.\d+)*)/g)) {
          if (!target.sections.has(s[1])) problems.push(`${at}: ${cited} §${s[1]} does not exist in ${SPEC_DIR}/${cited}`);
        }
      }
      if (name === 'security') {
        const list = REQUIREMENT_LIST.exec(tail);
        for (const n of list ? requirementNumbers(list[0]) : []) {
          if (!target.requirements.has(n)) problems.push(`${at}: ${cited} ${n} is no numbered requirement of ${SPEC_DIR}/${cited}`);
        }
      }
      // a quoted section or sentence right after the name; it may wrap onto the next comment lines
      const continued = [rest, ...lines.slice(i + 1, i + 3).map((l) => l.replace(COMMENT_LEAD, ''))].join(' ');
      const quoted = QUOTED.exec(continued);
      if (quoted && !target.flat.includes(collapse(quoted[1]))) {
        problems.push(`${at}: ${cited} "${collapse(quoted[1])}" is neither a section nor a sentence of ${SPEC_DIR}/${cited}`);
      }
    }

    for (const m of line.matchAll(/(?<![\w./-])docs\/spec\/([\w-]+\.md)/g)) {
      if (!existsSync(path.join(ROOT, SPEC_DIR, m[1]))) problems.push(`${at}: ${SPEC_DIR}/${m[1]} does not exist`);
    }

    if (!isMarkdown) return;
    for (const link of relativeLinks(line)) {
      const [target, anchor] = link.split('#', 2);
      const resolved = target === '' ? path.join(ROOT, file) : path.resolve(ROOT, path.dirname(file), decodeURIComponent(target));
      const inside = path.relative(ROOT, resolved);
      if (inside.startsWith('..') || path.isAbsolute(inside)) {
        problems.push(`${at}: the link ${link} leads outside the repository`);
      } else if (!existsSync(resolved)) {
        problems.push(`${at}: the link ${link} names no file of the repository`);
      } else if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
        problems.push(`${at}: the link ${link} names no heading of ${inside}`);
      }
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\0')
    .filter((f) => f !== '' && !SKIPPED.some((skip) => skip.test(f)))
    .filter((f) => existsSync(path.join(ROOT, f)));
}

function readText(file: string): string | undefined {
  const buffer = readFileSync(path.join(ROOT, file));
  return buffer.includes(0) ? undefined : buffer.toString('utf8');
}

const spec = loadSpec();

describe('docs/spec is the specification the repository cites', () => {
  it('holds the README and the seven files that code and docs cite', () => {
    const present = readdirSync(path.join(ROOT, SPEC_DIR)).filter((f) => f.endsWith('.md')).sort();
    expect(present).toEqual([...SPEC_NAMES.map((n) => `${n}.md`), 'README.md'].sort());
  });

  it('rules.md has the sections §1–§7', () => {
    expect([...spec.get('rules')!.sections].filter((s) => !s.includes('.'))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('security.md numbers its requirements 1, 2, 3 … without gaps, and docs/security-coverage.md has one row for each', () => {
    const numbers = [...spec.get('security')!.requirements];
    expect(numbers.length).toBeGreaterThanOrEqual(31);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const coverage = readFileSync(path.join(ROOT, 'docs/security-coverage.md'), 'utf8');
    const rows = [...coverage.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(numbers);
  });
});

describe('every citation in a tracked file resolves inside the repository', () => {
  const files = trackedFiles();

  it('scans the tracked source and documentation files', () => {
    // a sanity check that the scan sees the repository, not an empty list
    expect(files).toContain('README.md');
    expect(files).toContain('server/src/modules/auth/login.service.ts');
    expect(files.length).toBeGreaterThan(100);
  });

  it('every cited file, section, requirement and sentence exists; no link or path leaves the repository', () => {
    const problems = files.flatMap((file) => {
      const text = readText(file);
      return text === undefined ? [] : citationProblems(file, text, spec);
    });
    expect(problems).toEqual([]);
  });

});

describe('the check itself fails on bad citations', () => {
  const problemsOf = (text: string, file = 'server/src/example.ts') => citationProblems(file, text, spec);

  it('accepts the forms the code uses', () => {
    expect(problemsOf('// rules.md §1 (認証ID), §4 (login, status), security.md 1, 7; api.md LoginResult.')).toEqual([]);
    expect(problemsOf('/** rules.md §4–§5, security.md 11–15; security.md 4 (and 21); security.md §16 */')).toEqual([]);
    expect(problemsOf('// api.md "Conventions"; see docs/spec/rules.md §7')).toEqual([]);
    expect(problemsOf(' * (screens.md: "The browser\'s Back button never\n * breaks anything").')).toEqual([]);
    expect(problemsOf('see [rules](docs/spec/rules.md) and [the map](docs/security-coverage.md)', 'README.md')).toEqual([]);
    // another folder's file of the same name is no citation of the specification
    expect(problemsOf('[`docs/security.md`](docs/security.md)', 'README.md')).toEqual([]);
  });

  it('reports a section, requirement or sentence that does not exist', () => {
    expect(problemsOf('// rules.md §9')).toEqual(['server/src/example.ts:1: rules.md §9 does not exist in docs/spec/rules.md']);
    expect(problemsOf('// rules.md §3.4')).toHaveLength(1);
    expect(problemsOf('// security.md 32')).toEqual(['server/src/example.ts:1: security.md 32 is no numbered requirement of docs/spec/security.md']);
    expect(problemsOf('// security.md 30–33')).toHaveLength(2);
    expect(problemsOf('// api.md "Conventionz"')).toHaveLength(1);
    expect(problemsOf('// docs/spec/rules.md §8')).toHaveLength(1);
  });

  it('reports a cited file that docs/spec does not have, and paths or links that lead out of the repository', () => {
    expect(problemsOf('// see docs/spec/partners.md')).toEqual(['server/src/example.ts:1: docs/spec/partners.md does not exist']);
    expect(problemsOf('// the spec in ../shared/spec/rules.md')).toHaveLength(1);
    expect(problemsOf('[spec](../../shared/spec/security.md)', 'docs/x.md')).toHaveLength(2);
    expect(problemsOf('[up](../../outside.md)', 'docs/x.md')).toEqual(['docs/x.md:1: the link ../../outside.md leads outside the repository']);
    expect(problemsOf('[gone](docs/nothing.md)', 'README.md')).toEqual(['README.md:1: the link docs/nothing.md names no file of the repository']);
    expect(problemsOf('[rules](docs/spec/rules.md#no-such-heading)', 'README.md')).toHaveLength(1);
    expect(problemsOf('[rules](docs/spec/rules.md#4-login-lockout-status)', 'README.md')).toEqual([]);
  });
});
