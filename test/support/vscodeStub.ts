/**
 * Just enough of the `vscode` module to run host classes such as PapersTreeProvider in
 * plain Node (getChildren and getTreeItem do no I/O; what they cost is what the tree costs).
 * Unit tests of host classes and the benchmark only; the integration suite runs the real VS Code.
 */
import Module from 'node:module';

class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  };
  fire(value: T): void {
    for (const l of this.listeners) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}
class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  command?: unknown;
  contextValue?: string;
  constructor(
    public label: string,
    public collapsibleState: number,
  ) {}
}
class MarkdownString {
  isTrusted?: boolean;
  supportHtml?: boolean;
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}
class Uri {
  private constructor(readonly text: string) {}
  static parse(text: string, strict?: boolean): Uri {
    if (strict && !/^[a-z][a-z0-9+.-]*:/i.test(text)) throw new Error(`[UriError]: Scheme is missing: ${text}`);
    return new Uri(text);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.text, ...parts].join('/'));
  }
  toString(): string {
    return this.text;
  }
}

/**
 * A webview panel that keeps what the host gave it: title, html (every value set, in
 * `htmlHistory`), posted messages, its listener; `setVisible` plays a tab being hidden or shown.
 */
export class FakeWebviewPanel {
  readonly posted: unknown[] = [];
  readonly htmlHistory: string[] = [];
  receive: ((message: unknown) => void) | undefined;
  active = true;
  visible = true;
  viewColumn: number | undefined = 1;
  private readonly viewState = new EventEmitter<void>();
  readonly webview = {
    get html(): string {
      return this.htmlHistory[this.htmlHistory.length - 1] ?? '';
    },
    set html(value: string) {
      this.htmlHistory.push(value);
    },
    htmlHistory: this.htmlHistory,
    options: {},
    cspSource: 'vscode-resource:',
    asWebviewUri: (uri: Uri) => uri,
    postMessage: (message: unknown) => {
      this.posted.push(message);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (listener: (message: unknown) => void) => {
      this.receive = listener;
      return { dispose: () => undefined };
    },
  };
  constructor(
    readonly viewType: string,
    public title: string,
  ) {}
  onDidDispose = () => ({ dispose: () => undefined });
  onDidChangeViewState = (listener: () => void) => this.viewState.event(listener);
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewState.fire();
  }
  reveal(): void {}
  dispose(): void {}
}

/** What host code asked of the stand-in: links opened, messages shown, commands run. Tests reset it. */
export const vscodeCalls = {
  opened: [] as string[],
  messages: [] as { level: 'information' | 'warning' | 'error'; text: string }[],
  commands: [] as { id: string; args: unknown[] }[],
  panels: [] as FakeWebviewPanel[],
  reset(): void {
    this.panels = [];
    this.opened = [];
    this.messages = [];
    this.commands = [];
  },
};
const message = (level: 'information' | 'warning' | 'error') => (text: string) => {
  vscodeCalls.messages.push({ level, text });
  return Promise.resolve(undefined);
};
const window = {
  showInformationMessage: message('information'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  registerWebviewPanelSerializer: () => ({ dispose: () => undefined }),
  createWebviewPanel: (viewType: string, title: string) => {
    const panel = new FakeWebviewPanel(viewType, title);
    vscodeCalls.panels.push(panel);
    return panel;
  },
  createStatusBarItem: () => ({ show: () => undefined, hide: () => undefined, dispose: () => undefined, text: '', tooltip: undefined as unknown, name: '', command: undefined as unknown }),
};
const env = {
  openExternal: (uri: Uri) => {
    vscodeCalls.opened.push(uri.toString());
    return Promise.resolve(true);
  },
};
const commands = {
  executeCommand: (id: string, ...args: unknown[]) => {
    vscodeCalls.commands.push({ id, args });
    return Promise.resolve(undefined);
  },
};
/** The stand-in's `vscode.workspace`; tests set `workspaceFolders`. */
export const vscodeWorkspace = {
  workspaceFolders: undefined as { uri: { scheme: string; fsPath: string } }[] | undefined,
  asRelativePath: (uri: { fsPath?: string; path?: string } | string) => (typeof uri === 'string' ? uri : (uri.fsPath ?? uri.path ?? '')),
  onDidChangeConfiguration: () => ({ dispose: () => undefined }),
  /** Every setting at its default. */
  getConfiguration: () => ({ get: <T>(_key: string, fallback?: T) => fallback, update: () => Promise.resolve() }),
};
class ThemeIcon {
  constructor(
    public id: string,
    public color?: unknown,
  ) {}
}
class ThemeColor {
  constructor(public id: string) {}
}

const stub = {
  EventEmitter,
  TreeItem,
  MarkdownString,
  ThemeIcon,
  ThemeColor,
  Uri,
  window,
  env,
  commands,
  workspace: vscodeWorkspace,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const original = moduleWithLoad._load;
moduleWithLoad._load = function (request, parent, isMain) {
  if (request === 'vscode') return stub;
  return original.call(this, request, parent, isMain);
};
