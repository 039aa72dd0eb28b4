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
  value = '';
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}
class ThemeIcon {
  constructor(
    public id: string,
    public color?: unknown,
  ) {}
}
class ThemeColor {
  constructor(public id: string) {}
}

const stub = { EventEmitter, TreeItem, MarkdownString, ThemeIcon, ThemeColor, TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 } };

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const original = moduleWithLoad._load;
moduleWithLoad._load = function (request, parent, isMain) {
  if (request === 'vscode') return stub;
  return original.call(this, request, parent, isMain);
};
