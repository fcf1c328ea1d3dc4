import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../../client/src/lib/server/same-origin-path.js';

/** Where a browser goes with a Location value, answering a request for https://portal.test/some/page. */
function browserTarget(location: string): URL {
  return new URL(location, 'https://portal.test/some/page');
}

/** Paths (and what follows them) that a browser would take to another site, or that carry control characters. */
const HOSTILE_TARGETS = [
  '//evil.example/',
  '//evil.example',
  '///evil.example/',
  '/\\evil.example',
  '/\\\\evil.example/',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/.//evil.example',
  '/./\\evil.example',
  '/x/..//evil.example',
  '/%2e%2e//evil.example',
  '/%2e/%2fevil.example',
  'https:evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '/\r\nLocation: https://evil.example/',
  '/\u0000//evil.example',
  '/\u007f//evil.example',
  '',
] as const;

describe('sameOriginPath', () => {
  it.each(HOSTILE_TARGETS)('%j stays on the site', (target) => {
    const location = sameOriginPath(target);
    expect(location.startsWith('/')).toBe(true);
    expect(location).not.toMatch(/^\/[/\\]/);
    expect(location).not.toMatch(/[\u0000-\u0020\u007f-\uffff]/);
    expect(browserTarget(location).origin).toBe('https://portal.test');
  });

  it('keeps an ordinary path and its query as they are', () => {
    expect(sameOriginPath('/login')).toBe('/login');
    expect(sameOriginPath('/account/password?expired=1')).toBe('/account/password?expired=1');
    expect(sameOriginPath('/register?step=2&x=%2F%2Fevil')).toBe('/register?step=2&x=%2F%2Fevil');
    expect(sameOriginPath('/')).toBe('/');
  });

  it('collapses leading slashes and backslashes into one, keeping the rest of the path', () => {
    expect(sameOriginPath('//evil.example/?a=1')).toBe('/evil.example/?a=1');
    expect(sameOriginPath('/\\evil.example')).toBe('/evil.example');
    expect(sameOriginPath('/.//evil.example/x')).toBe('/evil.example/x');
  });

  it('keeps encoded slashes, backslashes and line breaks encoded: they name a path on this site', () => {
    expect(sameOriginPath('/%2F%2Fevil.example/')).toBe('/%2F%2Fevil.example/');
    expect(sameOriginPath('/%5Cevil.example')).toBe('/%5Cevil.example');
    expect(sameOriginPath('/%0d%0aLocation:%20https://evil.example')).toBe('/%0d%0aLocation:%20https://evil.example');
  });

  it('percent-encodes what a header cannot carry as it is', () => {
    expect(sameOriginPath('/検索?q=日本')).toBe('/%E6%A4%9C%E7%B4%A2?q=%E6%97%A5%E6%9C%AC');
  });

  it('answers the fallback for schemes, control characters and relative targets', () => {
    expect(sameOriginPath('https://evil.example/', '/menu')).toBe('/menu');
    expect(sameOriginPath('/a\r\nSet-Cookie: x=1', '/menu')).toBe('/menu');
    expect(sameOriginPath('menu', '/x')).toBe('/x');
  });
});
