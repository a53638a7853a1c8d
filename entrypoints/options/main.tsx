import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/options/options.css';
import { START_HERE_HASH } from '../../lib/extension-pages';
import { createOptionsServices } from '../../platform/pages/options-services';
import { userTimeZone } from '../../platform/shared/clock';

const platform =
  (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
  navigator.platform;

render(
  <OptionsApp
    services={createOptionsServices(platform)}
    timeZone={userTimeZone()}
    startHere={location.hash === START_HERE_HASH}
  />,
  document.getElementById('app') as HTMLElement,
);
