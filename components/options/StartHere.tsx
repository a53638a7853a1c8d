// "Start here": what a new user needs before the extension can help, on the options page that
// opens on install (platform/background/first-run.ts). Shown at the top while nothing is tracked, or when
// the page was opened at #start.
import { useEffect, useState } from 'preact/hooks';
import { API_TOKENS_URL } from '../../lib/token-links';
import { type PopupShortcut, popupShortcut } from '../../platform/pages/shortcut';

const isFirefox = () => location.protocol === 'moz-extension:';

export function StartHere() {
  const [shortcut, setShortcut] = useState<PopupShortcut>();
  useEffect(() => {
    void popupShortcut().then(setShortcut);
  }, []);
  return (
    <section aria-labelledby="start-heading" id="start" class="start-here" data-testid="start-here">
      <h2 id="start-heading">Start here</h2>
      <ul>
        <li>
          <strong>On a bitbucket.org repository page</strong>, the toolbar button gives the exact git commands
          that fix “Authentication failed” for that repository, with your username filled in
          {shortcut?.shortcut ? (
            <>
              {' '}
              (keyboard: <kbd>{shortcut.shortcut}</kbd>)
            </>
          ) : null}
          .
        </li>
        <li>
          <strong>On id.atlassian.com’s API-token page and Bitbucket’s access-token pages</strong>, one click
          on a preset fills in a new token with only the scopes git needs.
        </li>
        <li>
          <strong>On the token lists</strong>, expired, expiring and unused tokens are marked, and you get a
          reminder before a token you have seen expires. Nothing leaves your browser.
        </li>
      </ul>
      <p>
        <strong>Pin it</strong> to keep it one click away:{' '}
        {isFirefox()
          ? 'the Extensions button (the puzzle piece) in the toolbar → the gear next to Auth Helper for Bitbucket → Pin to Toolbar.'
          : 'the Extensions button (the puzzle piece) in the toolbar → the pin next to Auth Helper for Bitbucket.'}
      </p>
      <p class="actions">
        <a
          class="button primary"
          href={API_TOKENS_URL}
          target="_blank"
          rel="noopener"
          data-testid="open-api-tokens"
        >
          Open my API tokens
        </a>{' '}
        <span class="hint">Tracking begins there: the tokens on that list appear below.</span>
      </p>
    </section>
  );
}
