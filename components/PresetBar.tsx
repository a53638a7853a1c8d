import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type CredentialSurface, type Preset, type ScopeWarning, scopesFor } from '../lib/presets';

export interface Fallback {
  /** Why we stopped short, in a sentence. */
  reason: string;
  /** What the user should pick or set by hand. */
  items: string[];
}

/** Adds what to do by hand to a fallback note; several misses read as one note. */
export function addToFallback(previous: Fallback | undefined, reason: string, items: string[]): Fallback {
  const all = [...new Set([...(previous?.items ?? []), ...items])];
  return {
    reason:
      previous && all.length > items.length ? 'Some steps could not be filled with confidence.' : reason,
    items: all,
  };
}

/** Something the user must do on the page for the preset to go on; we never press it for them. */
export interface Instruction {
  action: 'press-back' | 'clear-filter';
  text: string;
}

interface Props {
  presets: readonly Preset[];
  surface: CredentialSurface;
  active?: string;
  onPick: (id: string) => void;
  status?: string;
  instruction?: Instruction;
  warnings: readonly ScopeWarning[];
  fallback?: Fallback;
  report: () => string;
  children?: ComponentChildren;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** One-click least-privilege presets, the traps of the current selection, and a way out by hand. */
export function PresetBar({
  presets,
  surface,
  active,
  onPick,
  status,
  instruction,
  warnings,
  fallback,
  report,
  children,
}: Props) {
  const [copied, setCopied] = useState<string>();
  const copy = async (what: string, text: string) => setCopied((await copyText(text)) ? what : undefined);
  const activePreset = presets.find((p) => p.id === active);
  return (
    <section class="bar" data-testid="preset-bar" aria-label="Token presets by Auth Helper for Bitbucket">
      <p class="title">
        <strong>What is this token for?</strong> One click selects the least-privilege scopes.
      </p>
      <div class="buttons">
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            data-preset={p.id}
            aria-pressed={p.id === active}
            title={p.rationale}
            onClick={() => onPick(p.id)}
          >
            {p.name}
          </button>
        ))}
      </div>
      {activePreset && (
        <p class="rationale">
          {activePreset.rationale} Scopes: <code>{(scopesFor(activePreset, surface) ?? []).join(', ')}</code>
        </p>
      )}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      {instruction && (
        <p class="instruction" data-testid="preset-instruction" data-action={instruction.action} role="alert">
          {instruction.text}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w.id} class="warning" data-testid="preset-warning" data-warning={w.id} role="alert">
          {w.message}
        </p>
      ))}
      {fallback && (
        <div class="fallback" data-testid="preset-fallback">
          <p>
            {fallback.reason}
            {fallback.items.length > 0 && (
              <>
                {' '}
                Please do this by hand: <code>{fallback.items.join(', ')}</code>
              </>
            )}
          </p>
          {fallback.items.length > 0 && (
            <button type="button" onClick={() => copy('items', fallback.items.join('\n'))}>
              {copied === 'items' ? 'Copied' : 'Copy the list'}
            </button>
          )}{' '}
          <button type="button" onClick={() => copy('report', report())}>
            {copied === 'report' ? 'Copied' : 'Copy a report'}
          </button>
          <p class="small">
            The report lists what was and wasn't recognised on this page; nothing is sent anywhere.
          </p>
        </div>
      )}
      {children}
    </section>
  );
}
