import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  testId: string;
  title: string;
  why?: string;
  text: string;
  copy: (text: string) => Promise<void>;
}

/** A command the user pastes: the exact text in a <pre>, and a Copy button that says "Copied". */
export function CopyBlock({ testId, title, why, text, copy }: Props) {
  // Which text was copied: a changed command shows "Copy" again without a reset.
  const [result, setResult] = useState<{ text: string; ok: boolean }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);

  const onCopy = async () => {
    let ok = true;
    try {
      await copy(text);
    } catch {
      ok = false;
    }
    setResult({ text, ok });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setResult(undefined), 2500);
  };

  const status = result?.text === text ? (result.ok ? 'copied' : 'failed') : 'idle';
  const id = `${testId}-title`;
  return (
    <section class="step" aria-labelledby={id}>
      <div class="step-head">
        <h3 id={id}>{title}</h3>
        <button type="button" class="copy" onClick={onCopy} aria-describedby={id}>
          {status === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {why && <p class="why">{why}</p>}
      {/* Element Timing: a benchmark reads when a command is first painted (e.g. snippet-set-url). */}
      <pre data-testid={testId} elementtiming={testId}>
        {text}
      </pre>
      <p class="sr-status" role="status">
        {status === 'copied'
          ? 'Copied to the clipboard.'
          : status === 'failed'
            ? 'Copy failed: select the text and copy it.'
            : ''}
      </p>
    </section>
  );
}
