// The capture kit's sanitiser on crafted pages (happy-dom): whatever a live page holds, what
// reaches tests/fixtures/live/ has no secrets, no input values, no scripts and no user data.
import { describe, expect, it } from 'vitest';
import { freezeDocument } from '../../scripts/capture/freeze';
import {
  collectListNames,
  IMAGE_PLACEHOLDER,
  type SanitizeOptions,
  sanitizeCss,
  sanitizeDocument,
  serializeDocument,
} from '../../scripts/capture/sanitize';
import { findLeaks, type KnownData, replaceDates, StandIns } from '../../scripts/capture/stand-ins';
import { API_TOKEN } from '../fixtures/secret-samples';

const KNOWN: KnownData = {
  people: ['Alice Example'],
  usernames: ['alice-dev'],
  emails: ['alice@corp.example.com'],
  ids: ['557058:aaaa-bbbb', '{c0ffee00-0000-4000-8000-000000000001}'],
  workspaces: ['acme'],
  repositories: ['website'],
  projects: ['WEB'],
};

function page(body: string, head = '', lang = 'en'): Document {
  return new DOMParser().parseFromString(
    `<!DOCTYPE html><html lang="${lang}"><head>${head}</head><body>${body}</body></html>`,
    'text/html',
  );
}

function sanitized(body: string, options: SanitizeOptions = { known: KNOWN }, head = '') {
  const doc = page(body, head);
  const report = sanitizeDocument(doc, options);
  return { doc, report, html: serializeDocument(doc) };
}

const SECRET = API_TOKEN;

describe('input values', () => {
  it('never keeps a secret-looking value: text, password, hidden, search, textarea, select', () => {
    const { html, report } = sanitized(`
      <form>
        <input type="text" name="name" value="${SECRET}">
        <input type="password" value="hunter2-${SECRET}">
        <input type="hidden" name="csrfmiddlewaretoken" value="s3cr3t-csrf-value">
        <input name="untyped" value="untyped-value">
        <input type="search" value="my search">
        <textarea>${SECRET}</textarea>
        <select><option value="a">A</option><option value="b" selected>B</option></select>
        <div contenteditable="true">typed by the user</div>
      </form>`);
    for (const text of [
      SECRET,
      'hunter2',
      's3cr3t-csrf-value',
      'untyped-value',
      'my search',
      'typed by the user',
    ]) {
      expect(html).not.toContain(text);
    }
    expect(html).not.toMatch(/\bselected\b/);
    expect(report.removed.values).toBe(8);
  });

  it('keeps checkbox and radio values (scope ids are public) and what is ticked', () => {
    const { doc } = sanitized(`
      <input type="checkbox" name="read:repository:bitbucket" value="read:repository:bitbucket" checked>
      <input type="radio" name="app" value="bitbucket">
      <input type="submit" value="Next">`);
    const box = doc.querySelector('input[type=checkbox]');
    expect(box?.getAttribute('value')).toBe('read:repository:bitbucket');
    expect(box?.hasAttribute('checked')).toBe(true);
    expect(doc.querySelector('input[type=radio]')?.getAttribute('value')).toBe('bitbucket');
    expect(doc.querySelector('input[type=submit]')?.getAttribute('value')).toBe('Next');
  });

  it('replaces a secret that shows as text, in an attribute or in a stylesheet', () => {
    const { html, report } = sanitized(
      `<p>Your token: ${SECRET}</p><div data-x="${SECRET}"></div><style>.a::after{content:"${SECRET}"}</style>`,
    );
    expect(html).not.toContain('ATATT3x');
    expect(report.replaced.secret).toBe(3);
  });
});

describe('scripts and active content', () => {
  it('removes scripts (JSON ones too), handlers, javascript: URLs, frames and our own elements', () => {
    const { doc, html } = sanitized(
      `<script>alert(1)</script>
       <script type="application/json" id="__STATE__">{"user":"x"}</script>
       <button onclick="steal()" onmouseover="x()">Go</button>
       <a href="javascript:void(0)">js</a><a href="https://bitbucket.org/account">ok</a>
       <form action="javascript:alert(1)"></form>
       <iframe src="https://evil.example/" srcdoc="<p>x</p>"></iframe>
       <object data="x.swf"></object><embed src="x.swf"><noscript>no js</noscript>
       <bbah-api-token-presets data-bbah-state="recognised"></bbah-api-token-presets>
       <table><tr data-credential-status="old"><td>x</td></tr></table>
       <!-- a comment with alice@corp.example.com -->`,
      { known: KNOWN },
      '<base href="https://cdn.example/"><meta name="csrf-token" content="abc"><meta name="viewport" content="width=device-width"><link rel="preload" href="/x.js">',
    );
    expect(
      doc.querySelectorAll('script, noscript, object, embed, base, link, bbah-api-token-presets'),
    ).toHaveLength(0);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('srcdoc');
    expect(doc.querySelector('iframe')?.hasAttribute('src')).toBe(false);
    expect(doc.querySelector('a[href="https://bitbucket.org/account"]')).not.toBeNull();
    expect(doc.querySelector('meta[name=viewport]')).not.toBeNull();
    expect(doc.querySelector('meta[name=csrf-token]')).toBeNull();
    expect(html).not.toContain('data-credential-status');
    expect(html).not.toContain('<!--');
  });

  it('drops session-like attributes and query parameters', () => {
    const { html } = sanitized(
      '<div data-csrf-token="t1" data-session-id="s1" data-testid="list"></div><a href="/x?csrf_token=abc&amp;page=2&amp;sig=zzz">x</a>',
    );
    expect(html).not.toMatch(/t1|s1|abc|zzz/);
    expect(html).toContain('data-testid="list"');
    expect(html).toContain('page=2');
  });
});

describe('user data', () => {
  it('replaces e-mails in text and attributes consistently within the snapshot', () => {
    const { html, doc } = sanitized(
      '<p id="a">Signed in as alice@corp.example.com</p><p id="b">Contact bob@other.example.org or alice@corp.example.com</p><a href="mailto:bob@other.example.org">mail</a>',
    );
    expect(html).not.toMatch(/alice@|bob@/);
    const a = doc.getElementById('a')?.textContent ?? '';
    const b = doc.getElementById('b')?.textContent ?? '';
    const first = /\S+@example\.invalid/.exec(a)?.[0];
    expect(first).toBeDefined();
    expect(b).toContain(first as string);
    expect(b.match(/\S+@example\.invalid/g)?.[0]).not.toBe(first);
    expect(doc.querySelector('a')?.getAttribute('href')).toMatch(/^mailto:person\d@example\.invalid$/);
  });

  it('replaces the known user, their ids and the slugs the capture was pointed at', () => {
    const { html } = sanitized(`
      <header><span>Alice Example</span> <span>ALICE EXAMPLE</span> (alice-dev)</header>
      <a href="https://bitbucket.org/acme/website/admin/access-tokens">acme/website</a>
      <a href="/acme/workspace/projects/WEB/settings/access-tokens">WEB</a>
      <code>git clone https://alice-dev@bitbucket.org/acme/website.git</code>
      <span data-account-id="557058:aaaa-bbbb">{c0ffee00-0000-4000-8000-000000000001}</span>
      <p>Other repositories: websites, acme-tools</p>`);
    expect(findLeaks(html, KNOWN)).toEqual([]);
    expect(html).toContain('https://bitbucket.org/example-workspace/example-repo/admin/access-tokens');
    expect(html).toContain('/example-workspace/workspace/projects/EXAMPLE/settings/access-tokens');
    expect(html).toContain('https://example-user@bitbucket.org/example-workspace/example-repo.git');
    expect(html).toContain('{00000000-0000-4000-8000-');
    // Whole tokens only: other names that merely contain a slug stay.
    expect(html).toContain('websites, acme-tools');
  });

  it('replaces ids it was not told about: uuids (braces kept), Atlassian account ids', () => {
    const { html } = sanitized(
      '<p>{12345678-90ab-4def-8123-456789abcdef} 712020:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9 5b10ac8d82e05b22cc7d4ef5</p>',
      {},
    );
    expect(html).not.toMatch(/12345678-90ab|0f1e2d3c|5b10ac8d/);
    expect(html).toMatch(/\{00000000-0000-4000-8000-\d{12}\} 000000:00000000-0000-4000-8000-\d{12} \d{24}/);
  });

  it('replaces token names from the list name column, also where a dialog repeats them', () => {
    const { doc, html, report } = sanitized(`
      <table><thead><tr><th>Created</th><th>Name</th><th>Expires</th></tr></thead>
        <tbody>
          <tr><td>Nov 26, 2025</td><td><span>laptop git</span></td><td>Never</td></tr>
          <tr><td>Mar 14, 2025</td><td>sourcetree</td><td>Mar 14, 2026</td></tr>
        </tbody></table>
      <div role="dialog"><h2>Revoke laptop git?</h2><p>Sourcetree will stop working.</p></div>`);
    expect(report.rows).toBe(2);
    expect(html).not.toContain('laptop git');
    const names = [...doc.querySelectorAll('tbody tr td:nth-child(2)')].map((td) => td.textContent);
    expect(names).toEqual(['example-token-1', 'example-token-2']);
    expect(doc.querySelector('h2')?.textContent).toBe('Revoke example-token-1?');
    // Token names match as shown: the app's name in a sentence is not the token "sourcetree".
    expect(doc.querySelector('[role=dialog] p')?.textContent).toBe('Sourcetree will stop working.');
  });

  it('reads ARIA grids too, with the first column when no header says "Name"', () => {
    const doc = page(`
      <div role="grid">
        <div role="row"><span role="columnheader">Token</span><span role="columnheader">Created</span></div>
        <div role="row"><span role="gridcell">ci-bot</span><span role="gridcell">2025-01-02</span></div>
      </div>`);
    expect(collectListNames(doc)).toEqual(['ci-bot']);
  });

  it('replaces avatars: the image with a placeholder, the person named next to it', () => {
    const { doc, html } = sanitized(`
      <span class="css-1x avatar-wrapper"><img src="https://avatar-management.example/a/123.png" alt="Bob Builder" srcset="x 2x"></span>
      <p>Created by Bob Builder</p>
      <span data-testid="profile-avatar" aria-label="Your profile and settings"></span>
      <span data-src="https://cdn.example/lazy.png" data-avatar="https://secure.gravatar.com/avatar/0123456789abcdef0123456789abcdef?d=mm"></span>`);
    const img = doc.querySelector('img');
    expect(img?.getAttribute('src')).toBe(IMAGE_PLACEHOLDER);
    expect(img?.hasAttribute('srcset')).toBe(false);
    expect(html).not.toContain('Bob Builder');
    expect(html).not.toMatch(/gravatar|lazy\.png/);
    expect(doc.querySelector('p')?.textContent).toBe(`Created by ${img?.getAttribute('alt')}`);
    // UI text next to an avatar is not a person.
    expect(html).toContain('Your profile and settings');
  });
});

describe('dates', () => {
  it.each([
    ['Nov 26, 2025', 'Feb 2, 2001'],
    ['November 26, 2025', 'February 2, 2001'],
    ['Fri, Dec 7, 2026', 'Fri, Feb 2, 2001'],
    ['Dec 07, 2026', 'Feb 02, 2001'],
    ['26 Nov 2025', '2 Feb 2001'],
    ['26 nov. 2025', '2 feb. 2001'],
    ['3 déc. 2025', '2 févr. 2001'],
    ['14 März 2026', '2 Februar 2001'],
    ['26.11.2025', '02.02.2001'],
    ['7.3.2025', '2.2.2001'],
    ['11/26/2025', '02/02/2001'],
    ['11/26/25', '02/02/01'],
    ['2025/11/26', '2001/02/02'],
    ['2025-11-26', '2001-02-02'],
    ['2025-11-26T10:04:05.123Z', '2001-02-02T00:00:00.000Z'],
    ['2025年11月26日', '2001年02月02日'],
    ['November 2025', 'February 2001'],
    ['Last accessed Nov 20', 'Last accessed Feb 2'],
  ])('%s → %s', (date, standIn) => {
    expect(replaceDates(date).text).toBe(standIn);
  });

  it('prefers the page language where month names are shared', () => {
    expect(replaceDates('26. November 2025', 'de').text).toBe('2. Februar 2001');
    expect(replaceDates('26 November 2025', 'en').text).toBe('2 February 2001');
  });

  it.each([
    'Step 2 of 4',
    'version 1.2.3',
    '12:30',
    'Expires in 30 days',
    'Never',
    '3 scopes',
    'read:repository:bitbucket',
  ])('leaves "%s" alone', (text) => {
    expect(replaceDates(text).text).toBe(text);
  });

  it('replaces dates in the page, <time datetime> included', () => {
    const { html } = sanitized('<td>Nov 26, 2025</td><time datetime="2025-11-26">26 Nov</time>');
    expect(html).toContain('<time datetime="2001-02-02">2 Feb</time>');
    expect(html).not.toContain('2025');
  });
});

describe('styles', () => {
  it('keeps stylesheets and inline styles, without fonts, imports or fetched images', () => {
    const css = `@import url("https://cdn.example/more.css");
      @font-face { font-family: Charlie; src: url(https://cdn.example/c.woff2) format("woff2"); }
      .logo { background: url('https://cdn.example/logo.png') no-repeat; color: #0052cc; }
      .icon { background-image: url("data:image/svg+xml,%3Csvg%3E%3C/svg%3E"); }`;
    const out = sanitizeCss(css);
    expect(out).not.toMatch(/@import|@font-face|cdn\.example/);
    expect(out).toContain('color: #0052cc');
    expect(out).toContain('url("data:,")');
    expect(out).toContain('data:image/svg+xml');
    const { doc } = sanitized(
      '<div style="color: red; background: url(https://cdn.example/bg.png)">x</div>',
      { known: KNOWN },
      `<style>${css}</style>`,
    );
    expect(doc.querySelector('style')?.textContent).toContain('color: #0052cc');
    expect(doc.querySelector('div')?.getAttribute('style')).toBe('color: red; background: url("data:,")');
  });
});

describe('declarative shadow DOM', () => {
  it('sanitises what is inside a <template shadowrootmode>', () => {
    const { doc, html } = sanitized(`
      <div id="host"><template shadowrootmode="open">
        <script>x()</script><p onclick="y()">alice@corp.example.com</p><input value="${SECRET}">
      </template></div>`);
    const content = (doc.querySelector('template') as HTMLTemplateElement).content;
    expect(content.querySelector('script')).toBeNull();
    expect(content.querySelector('p')?.hasAttribute('onclick')).toBe(false);
    expect(content.querySelector('input')?.hasAttribute('value')).toBe(false);
    expect(html).toContain('shadowrootmode="open"');
    expect(html).not.toMatch(/alice@|ATATT3x/);
  });

  it('freezes open shadow roots, ticked boxes and script-inserted rules; never input values', () => {
    const live = document.implementation.createHTMLDocument('live');
    const style = live.createElement('style');
    live.head.append(style);
    (style.sheet as CSSStyleSheet).insertRule('.inserted { color: green; }');
    const host = live.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<span class="in-shadow">portal</span>';
    const box = live.createElement('input');
    box.type = 'checkbox';
    const name = live.createElement('input');
    live.body.append(host, box, name);
    box.checked = true;
    name.value = SECRET;
    const { doc } = freezeDocument(live);
    const html = serializeDocument(doc);
    expect(html).toContain('.inserted { color: green; }');
    expect(html).toMatch(
      /<template shadowrootmode="open"><span class="in-shadow">portal<\/span><\/template>/,
    );
    expect(doc.querySelector('input[type=checkbox]')?.hasAttribute('checked')).toBe(true);
    expect(html).not.toContain('ATATT3x');
    // The live page is left as it was.
    expect(live.querySelector('template')).toBeNull();
  });
});

describe('the leak check', () => {
  it('finds what the stand-ins missed, and nothing in a clean page', () => {
    expect(findLeaks('<p>Alice Example, acme/website, alice@corp.example.com</p>', KNOWN)).toEqual([
      'alice@corp.example.com',
      'Alice Example',
      'acme',
      'website',
    ]);
    const { html } = sanitized('<p>Alice Example, acme/website, alice@corp.example.com</p>');
    expect(findLeaks(html, KNOWN)).toEqual([]);
  });

  it('is what sanitizeDocument reports', () => {
    expect(sanitized('<p>Alice Example</p>').report.leaks).toEqual([]);
  });

  it('keeps one stand-in per original within a snapshot', () => {
    const standIns = new StandIns({ repositories: ['website', 'api'] });
    expect(standIns.scrub('website api website')).toBe('example-repo example-repo-2 example-repo');
  });
});
