import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import { isCredentialKind } from '../../lib/fix-plan';
import '../../components/popup/popup.css';
import { createPopupServices, targetPageUrl } from '../../platform/pages/popup-services';

const params = new URLSearchParams(location.search);
const kind: string | null = params.get('kind');
const services = createPopupServices();
const root = document.getElementById('app') as HTMLElement;

void targetPageUrl(location.search).then((pageUrl) => {
  render(
    <PopupApp
      pageUrl={pageUrl}
      initialView={params.get('view') === 'diagnose' ? 'diagnose' : 'fix'}
      initialKind={isCredentialKind(kind) ? kind : undefined}
      services={services}
    />,
    root,
  );
  performance.mark('bbah:first-render');
});
