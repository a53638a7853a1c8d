// The page-reading half of recognition, on markup shaped the ways public texts allow but our
// fixtures never had (happy-dom). The e2e variant matrix does the same with Atlaskit in Chromium.
import { afterEach, describe, expect, it } from 'vitest';
import {
  creationForm,
  inlineForm,
  MatchLog,
  placementIn,
  rotateAccess,
  scopeBoxes,
} from '../../platform/content/selectors';

function html(markup: string): HTMLElement {
  document.body.innerHTML = `<section role="dialog" aria-modal="true">${markup}</section>`;
  return document.querySelector('section') as HTMLElement;
}

const ids = (root: Element, vocabulary: 'modern' | 'classic') =>
  scopeBoxes(root, vocabulary).map((b) => b.id ?? (b.ambiguous ? '?ambiguous' : '?'));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('scope boxes of the access-token form', () => {
  it('groups titled by headings, boxes labelled by `for`', () => {
    const root = html(`
      <h1>Create a repository access token</h1>
      <h3>Repositories</h3>
      <input type="checkbox" id="c1"><label for="c1">Read</label>
      <input type="checkbox" id="c2"><label for="c2">Write</label>
      <h3>Pull requests</h3>
      <input type="checkbox" id="c3"><label for="c3">Read</label>
      <h3>Webhooks</h3>
      <input type="checkbox" id="c4"><label for="c4">Read and write</label>
      <h3>Pipelines</h3>
      <input type="checkbox" id="c5"><label for="c5">Edit variables</label>`);
    expect(ids(root, 'classic')).toEqual([
      'repository',
      'repository:write',
      'pullrequest',
      'webhook',
      'pipeline:variable',
    ]);
    expect(scopeBoxes(root, 'classic')[0]?.signals).toEqual(['group:heading+label:for']);
  });

  it('role=group with aria-labelledby, labels by aria-labelledby', () => {
    const root = html(`
      <span id="g">Pipelines</span><span id="l1">Read</span><span id="l2">Write</span>
      <div role="group" aria-labelledby="g">
        <input type="checkbox" aria-labelledby="l1"><input type="checkbox" aria-labelledby="l2">
      </div>`);
    expect(ids(root, 'classic')).toEqual(['pipeline', 'pipeline:write']);
  });

  it('a permissions table: row headers are the groups, column headers the labels', () => {
    const root = html(`<table>
      <thead><tr><th>Permission</th><th>Read</th><th>Write</th><th>Admin</th></tr></thead>
      <tbody>
        <tr><th scope="row">Repositories</th><td><input type="checkbox"></td><td><input type="checkbox"></td><td><input type="checkbox"></td></tr>
        <tr><th scope="row">Pull requests</th><td><input type="checkbox"></td><td><input type="checkbox"></td><td></td></tr>
      </tbody></table>`);
    expect(ids(root, 'classic')).toEqual([
      'repository',
      'repository:write',
      'repository:admin',
      'pullrequest',
      'pullrequest:write',
    ]);
  });

  it('fieldset and legend with wrapping labels, and adjacent text', () => {
    const root = html(`
      <fieldset><legend>Runners</legend>
        <label><input type="checkbox"> Read</label>
        <div><input type="checkbox"><span>Write</span></div>
      </fieldset>`);
    expect(ids(root, 'classic')).toEqual(['runner', 'runner:write']);
  });

  it('a group whose heading is missing reads as the one before: its clashing boxes are not ticked', () => {
    const root = html(`
      <h3>Pipelines</h3>
      <label><input type="checkbox"> Read</label><label><input type="checkbox"> Write</label>
      <p>Runners</p>
      <label><input type="checkbox"> Read</label><label><input type="checkbox"> Write</label>`);
    expect(ids(root, 'classic')).toEqual(['?ambiguous', '?ambiguous', '?ambiguous', '?ambiguous']);
  });

  it('words in another language identify nothing; ids in values still do', () => {
    const root = html(`
      <fieldset><legend>リポジトリ</legend>
        <label><input type="checkbox"> 読み取り</label>
        <label><input type="checkbox" value="repository:write"> 書き込み</label>
      </fieldset>`);
    expect(ids(root, 'classic')).toEqual(['?', 'repository:write']);
  });

  it('a value and a label that disagree: not ticked', () => {
    const root = html(`<fieldset><legend>Repositories</legend>
      <label><input type="checkbox" value="repository:admin"> Write</label></fieldset>`);
    expect(ids(root, 'classic')).toEqual(['?ambiguous']);
  });
});

describe('scope boxes of the API-token wizard', () => {
  it('labelled by their descriptions, the scope id shown beside them', () => {
    const root = html(`
      <div class="row"><label><input type="checkbox"> View your repositories</label><code>read:repository:bitbucket</code></div>
      <div class="row"><label><input type="checkbox"> Modify your repositories</label><code>write:repository:bitbucket</code></div>
      <div class="row"><input type="checkbox" id="u"><label for="u">View your user data</label></div>`);
    const boxes = scopeBoxes(root, 'modern');
    expect(boxes.map((b) => b.id)).toEqual([
      'read:repository:bitbucket',
      'write:repository:bitbucket',
      'read:user:bitbucket',
    ]);
    expect(boxes[0]?.signals).toEqual(expect.arrayContaining(['description:wrap', 'row-text']));
  });

  it('descriptions alone, and ids in a data attribute or the element id', () => {
    const root = html(`
      <label><input type="checkbox"> Modify your pull requests</label>
      <label><input type="checkbox" data-scope="read:pipeline:bitbucket"> Pipelines</label>
      <label><input type="checkbox" id="scope-read:workspace:bitbucket"> Workspaces</label>`);
    expect(ids(root, 'modern')).toEqual([
      'write:pullrequest:bitbucket',
      'read:pipeline:bitbucket',
      'read:workspace:bitbucket',
    ]);
  });

  it('a description that contradicts the id beside it: not ticked', () => {
    const root = html(`<div><label><input type="checkbox"> Modify your repositories</label>
      <code>read:repository:bitbucket</code></div>`);
    expect(ids(root, 'modern')).toEqual(['?ambiguous']);
  });
});

describe('where our UI goes in a dialog', () => {
  it('after the title block, before the fields', () => {
    const root = html(`<div id="header"><h1>Create</h1></div>
      <div id="body"><label>Name <input type="text"></label></div><div id="footer"><button>Create</button></div>`);
    expect(placementIn(root)).toEqual({ anchor: root.querySelector('#header'), position: 'after' });
  });

  it('a step with no fields: still after the title, before the buttons', () => {
    const root = html(`<div id="header"><h1>Review</h1></div>
      <div id="body"><code>read:repository:bitbucket</code></div><div><button>Back</button><button>Create</button></div>`);
    expect(placementIn(root)).toEqual({ anchor: root.querySelector('#header'), position: 'after' });
  });

  it('no heading: before the block holding the first field', () => {
    const root = html(`<div id="a"><p>Text</p></div><div id="b"><input type="text"></div>`);
    expect(placementIn(root)).toEqual({ anchor: root.querySelector('#b'), position: 'before' });
  });
});

describe('Rotate on an access-token row', () => {
  it('its own button, else the "…" menu Atlaskit renders elsewhere', () => {
    document.body.innerHTML = `<table><tr id="a"><td>x</td><td><button>Rotate</button></td></tr>
      <tr id="b"><td>y</td><td><button aria-haspopup="true" aria-label="More actions">…</button></td></tr>
      <tr id="c"><td>z</td></tr></table>`;
    const row = (id: string) => document.getElementById(id) as Element;
    expect(rotateAccess(row('a')).rotate?.textContent).toBe('Rotate');
    expect(rotateAccess(row('b')).menu?.getAttribute('aria-label')).toBe('More actions');
    expect(rotateAccess(row('c'))).toEqual({});
  });
});

describe('a creation form inline on the page (no dialog)', () => {
  const page = (markup: string) => {
    document.body.innerHTML = `<main><h1>Access tokens</h1>${markup}</main>`;
    return document.querySelector('main') as HTMLElement;
  };

  it('is the section around its name field and permissions, not the page', () => {
    page(`<section id="form"><h2>Create access token</h2><div>
        <label for="n">Name</label><input id="n" name="name" type="text">
        <fieldset><legend>Repositories</legend><label><input type="checkbox"> Read</label></fieldset>
      </div><button>Create</button></section>`);
    expect(inlineForm(document, 'classic')?.id).toBe('form');
  });

  it("a list's row checkboxes are no form of ours", () => {
    page(`<table><tr><th>Name</th><th>Expires</th></tr>
      <tr><td><input type="checkbox" aria-label="Select deploy-bot"> deploy-bot</td><td>Never</td></tr></table>`);
    expect(inlineForm(document, 'classic')).toBeUndefined();
    expect(inlineForm(document, 'modern')).toBeUndefined();
  });
});

describe('which open dialog is a creation form', () => {
  // happy-dom lays nothing out: an open <dialog> is the one kind it can show as open.
  const dialog = (markup: string) => {
    document.body.innerHTML = `<dialog open>${markup}</dialog>`;
    return creationForm(document, new MatchLog(), 'classic');
  };

  it('one with a name field or permissions to choose', () => {
    expect(
      dialog('<h2>Create access token</h2><label for="n">Name</label><input id="n" type="text">')?.inDialog,
    ).toBe(true);
    expect(dialog('<h2>Create</h2><label><input type="checkbox"> Read</label>')?.inDialog).toBe(true);
  });

  it("not Rotate's new expiry date, a confirmation, or the token shown once", () => {
    expect(
      dialog('<h2>Rotate deploy-bot?</h2><label for="d">New expiry date</label><input id="d" type="text">'),
    ).toBeUndefined();
    expect(
      dialog('<h2>Revoke deploy-bot?</h2><button>Revoke</button><button>Cancel</button>'),
    ).toBeUndefined();
    expect(dialog('<h2>Access token created</h2><input type="text" readonly>')).toBeUndefined();
  });
});
