/**
 * The popup page's only script tag (entrypoints/popup/index.html): a few kB that paint the
 * remembered first rows, then add the popup's own script (entrypoints/popup-app.ts). See
 * components/first-view.ts for why.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startFirstFrame } from './popup/first';

export default defineUnlistedScript({ main: startFirstFrame, globalName: false });
