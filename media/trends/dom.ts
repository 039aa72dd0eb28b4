/** The DOM helpers of every webview (media/shared/dom.ts), under the name the trends modules import. */
export { button, debounce, el } from '../shared/dom.js';
