import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/options/options.css';
import { userTimeZone } from '../../platform/clock';
import { START_HERE_HASH } from '../../platform/first-run';
import { createOptionsServices } from '../../platform/options-services';

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
