import { Component } from 'preact';

interface Props {
  testId: string;
  title: string;
  why?: string;
  text: string;
  copy: (text: string) => Promise<void>;
}

/**
 * A command the user pastes: the exact text in a <pre>, and a Copy button that says "Copied".
 * The popup's components are classes (no preact/hooks) and use the classic JSX runtime (no
 * preact/jsx-runtime, shorter calls): bundle budget.
 */
export class CopyBlock extends Component<Props, { text?: string; ok?: boolean }> {
  #timer?: ReturnType<typeof setTimeout>;

  override componentWillUnmount() {
    clearTimeout(this.#timer);
  }

  #onCopy = async () => {
    const { text, copy } = this.props;
    let ok = true;
    try {
      await copy(text);
    } catch {
      ok = false;
    }
    // Which text was copied: a changed command shows "Copy" again without a reset.
    this.setState({ text, ok });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.setState({ text: undefined }), 2500);
  };

  override render({ testId, title, why, text }: Props, result: { text?: string; ok?: boolean }) {
    const status = result.text === text ? (result.ok ? 'copied' : 'failed') : 'idle';
    const id = `${testId}-title`;
    return (
      <section class="step" aria-labelledby={id}>
        <div class="step-head">
          <h3 id={id}>{title}</h3>
          <button type="button" class="copy" onClick={this.#onCopy} aria-describedby={id}>
            {status === 'copied' ? 'Copied' : 'Copy'}
          </button>
        </div>
        {why && <p class="why">{why}</p>}
        <pre data-testid={testId}>{text}</pre>
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
}
