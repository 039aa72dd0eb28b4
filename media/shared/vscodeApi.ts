/**
 * The VS Code API of a webview, typed by its panel's protocol: `post` sends a message of the
 * panel's `ToHost` union, `getState`/`setState` keep the panel's state across hiding and window
 * reloads. VS Code allows one `acquireVsCodeApi()` per page, so each script calls `webviewApi`
 * once, at load.
 */
export interface WebviewApi<ToHost, State> {
  post(message: ToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export function webviewApi<ToHost, State>(): WebviewApi<ToHost, State> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => (api.getState() ?? undefined) as State | undefined,
    setState: (state) => api.setState(state),
  };
}
