import { defineWebExtConfig } from 'wxt';

// `wxt dev` would try to open a browser; build machines have no display. Load the
// dev build by hand instead (README: "Load it in a real browser").
export default defineWebExtConfig({ disabled: true });
