import type { ComponentChildren } from 'preact';
import { rememberPendingPresetFor } from '../platform/shared/storage';

interface Props {
  /** An API-token link (lib/token-links.ts `apiTokenLink`). */
  href: string;
  title?: string;
  children: ComponentChildren;
}

/**
 * A link to the API-token page from a credential list. A plain click first stores the link's
 * preset, because the fragment may not survive the sign-in redirect; other clicks (new tab,
 * modifiers) behave as for any link.
 */
export function TokenPageLink({ href, title, children }: Props) {
  const open = async (event: MouseEvent) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    await rememberPendingPresetFor(href);
    location.assign(href);
  };
  return (
    <a href={href} title={title} onClick={open}>
      {children}
    </a>
  );
}
