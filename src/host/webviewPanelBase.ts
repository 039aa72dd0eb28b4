import * as vscode from 'vscode';
import { Disposable } from './disposable';
import { ReadyWatchdog, type ReadyWatchdogOptions } from './readyWatchdog';
import { webviewHtml, webviewRoots } from './webviewHtml';

/** A message of a host ↔ webview protocol: a discriminated union over `type`. */
export interface ProtocolMessage {
  type: string;
}

/**
 * One handler per message type of `ToHost`, each given its own member of the union. The mapped
 * type makes the map exhaustive (adding a message fails to compile until the panel handles it),
 * and its keys tell the pump at run time which types exist.
 */
export type MessageHandlers<ToHost extends ProtocolMessage> = { [K in ToHost['type']]: (message: Extract<ToHost, { type: K }>) => void | Promise<unknown> };

/** What a panel is: its view type, titles, bundled script and style, and its webview options. */
export interface PanelDescription {
  /** The `viewType` (PANEL_TYPES), also used for the serializer. */
  viewType: string;
  /** The tab title of a new panel. */
  title: string;
  /** The HTML `<title>`, and the panel's name in log lines (default `title`). */
  htmlTitle?: string;
  /** The bundled script under `dist/` (`trends.js`). */
  script: string;
  /** The style sheet under `media/` (`trends/trends.css`). */
  style: string;
  enableFindWidget?: boolean;
  /** Prefix of the error message shown when a message handler fails (default the name). */
  errorPrefix?: string;
}

/** The watchdog's timing and the log line sink (default `console.warn`, the extension host log). */
export type PanelHostOptions = ReadyWatchdogOptions;

/**
 * The lifecycle every webview panel of the extension shares (DESIGN.md, "one shared panel base"):
 *
 * - create or reveal (`createOrReveal`), and revive after a window reload as the panel type's
 *   `WebviewPanelSerializer` (`deserializeWebviewPanel` → `revived(state)`);
 * - the HTML (`webviewHtml`: strict CSP, fresh nonce) and the ready handshake: the webview posts
 *   `ready`, the base marks the panel ready (`isReady`), tells the `ReadyWatchdog` (which has the
 *   panel re-created in its column, at most five times, when a visible webview never reports
 *   ready: issue #10), then
 *   runs the panel's `ready` handler;
 * - the message pump: each message goes to its handler in `handlers`; a message that is not an
 *   object with a known `type` is ignored with a log line; a handler that throws or rejects is
 *   reported (an error message to the user and a log line) and never escapes as an unhandled
 *   rejection;
 * - dispose: the panel's subscriptions with the panel, the panel with the host.
 *
 * Subclasses keep their own public methods; they post with `postMessage` and may hook
 * `attached` (subscriptions living as long as the panel), `detached` and `revived`.
 */
export abstract class WebviewPanelBase<ToWebview extends ProtocolMessage, ToHost extends ProtocolMessage, State> extends Disposable implements vscode.WebviewPanelSerializer<State> {
  private current: vscode.WebviewPanel | undefined;
  private readyFlag = false;
  private watchdog: ReadyWatchdog | undefined;
  protected readonly log: (line: string) => void;
  /** The handler of each message type the webview may post. */
  protected abstract readonly handlers: MessageHandlers<ToHost>;

  constructor(
    protected readonly extensionUri: vscode.Uri,
    protected readonly description: PanelDescription,
    protected readonly hostOptions: PanelHostOptions = {},
  ) {
    super();
    this.log = hostOptions.log ?? ((line) => console.warn(line));
    this.register(vscode.window.registerWebviewPanelSerializer(description.viewType, this));
  }

  /** The open panel, if any. */
  protected get panel(): vscode.WebviewPanel | undefined {
    return this.current;
  }

  /** The webview of the open panel has reported `ready` (since its content was last set). */
  protected get isReady(): boolean {
    return this.current !== undefined && this.readyFlag;
  }

  /** The panel's name in messages and log lines. */
  protected get name(): string {
    return this.description.htmlTitle ?? this.description.title;
  }

  /**
   * Create the panel in `show` (attached: HTML, watchdog, pump), or bring the open one forward
   * with `reveal`. Returns whether it was created.
   */
  protected createOrReveal(show: vscode.ViewColumn | { viewColumn: vscode.ViewColumn; preserveFocus?: boolean }, reveal: { viewColumn?: vscode.ViewColumn; preserveFocus?: boolean } = {}): 'created' | 'revealed' {
    if (this.current) {
      this.current.reveal(reveal.viewColumn, reveal.preserveFocus);
      return 'revealed';
    }
    const panel = vscode.window.createWebviewPanel(this.description.viewType, this.description.title, show, this.webviewOptions());
    this.attach(panel);
    return 'created';
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: State | undefined): Promise<void> {
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
    this.revived(state);
    return Promise.resolve();
  }

  /** Post to the webview (false when no panel is open, as VS Code answers for a hidden one). */
  protected postMessage(message: ToWebview): Thenable<boolean> {
    return this.current ? this.current.webview.postMessage(message) : Promise.resolve(false);
  }

  /** A restored panel was attached; `state` is what its webview kept with `setState`. */
  protected revived(_state: State | undefined): void {}

  /** A panel was attached; the disposables returned live as long as it. */
  protected attached(_panel: vscode.WebviewPanel): vscode.Disposable[] {
    return [];
  }

  /** A panel was closed; `wasCurrent` when it was the one on show (`this.panel` is now undefined). */
  protected detached(_panel: vscode.WebviewPanel, _wasCurrent: boolean): void {}

  /**
   * Run one incoming message through its handler (the pump calls it for each message; tests may
   * too). Resolves when the handler is done; never rejects.
   */
  protected async dispatch(message: unknown): Promise<void> {
    const type = isProtocolMessage(message) ? message.type : undefined;
    const handler = type !== undefined && Object.prototype.hasOwnProperty.call(this.handlers, type) ? (this.handlers as Record<string, (m: unknown) => void | Promise<unknown>>)[type] : undefined;
    if (!handler) {
      this.log(`${this.name}: ignored a message of unknown type ${JSON.stringify(type ?? message)}`);
      return;
    }
    try {
      await handler.call(this, message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log(`${this.name}: handling the '${type}' message failed: ${error instanceof Error ? (error.stack ?? text) : text}`);
      void vscode.window.showErrorMessage(`${this.description.errorPrefix ?? this.name}: ${text}`);
    }
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri), ...(this.description.enableFindWidget ? { enableFindWidget: true } : {}) };
  }

  private attach(panel: vscode.WebviewPanel, reloadsSoFar = 0): void {
    this.current?.dispose();
    this.current = panel;
    this.readyFlag = false;
    const setHtml = (): void => {
      panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { script: this.description.script, style: this.description.style, title: this.name });
    };
    setHtml();
    // A panel restored beside another one may never come up (code-server's service worker race,
    // issue #10): its outer frame waits for a service worker `controllerchange` that never comes,
    // and every new content waits behind it, so setting the HTML again cannot help. A new panel
    // in the same column has a frame of its own, and its service worker registration wakes any
    // other stuck webview too. The host-side state (`revived`) stays; the new webview asks for
    // its content with `ready`.
    const recreate = (): void => {
      if (this.current !== panel) return;
      const fresh = vscode.window.createWebviewPanel(this.description.viewType, panel.title, { viewColumn: panel.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: !panel.active }, this.webviewOptions());
      this.attach(fresh, watchdog.reloadCount);
    };
    this.watchdog?.dispose();
    const watchdog = new ReadyWatchdog(panel, recreate, this.name, { ...this.hostOptions, log: this.log, reloadsSoFar });
    this.watchdog = watchdog;
    const subscriptions: vscode.Disposable[] = [
      watchdog,
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isProtocolMessage(message) && message.type === 'ready' && this.current === panel) {
          watchdog.ready();
          this.readyFlag = true;
        }
        void this.dispatch(message);
      }),
      ...this.attached(panel),
      panel.onDidDispose(() => {
        for (const s of subscriptions) s.dispose();
        if (this.watchdog === watchdog) this.watchdog = undefined;
        const wasCurrent = this.current === panel;
        if (wasCurrent) {
          this.current = undefined;
          this.readyFlag = false;
        }
        this.detached(panel, wasCurrent);
      }),
    ];
  }

  override dispose(): void {
    this.current?.dispose();
    super.dispose();
  }
}

function isProtocolMessage(message: unknown): message is ProtocolMessage {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}
