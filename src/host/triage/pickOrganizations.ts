import * as vscode from 'vscode';
import { organizationChoices } from '../../core/labels/triageQueue';
import type { OrganizationEntry } from '../../core/labels/organizations';
import type { Paper } from '../../core/dataset/model';

type Item = vscode.QuickPickItem & { name: string };

/**
 * The *Add organizations…* step: a multi-select QuickPick of the table's organizations (those
 * named in the paper's authors, name or abstract first, then by paper count), where typed text
 * not matching any becomes a new organization. Enter with nothing ticked takes the typed text
 * (several names separated by ";"). Undefined when dismissed.
 */
export function pickOrganizations(paper: Paper, index: ReadonlyMap<string, OrganizationEntry>): Promise<string[] | undefined> {
  const choices = organizationChoices(index.values(), `${paper.authors} ${paper.name} ${paper.abstract}`);
  const known: Item[] = choices.map((c) => ({ label: c.name, name: c.name, description: `${c.papers} paper${c.papers === 1 ? '' : 's'}${c.mentioned ? ' · named in this paper' : ''}` }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Organizations of ${paper.name || paper.id}`;
  pick.placeholder = 'Tick the organizations, or type a new name (several: separate with ;) and press Enter';
  pick.canSelectMany = true;
  pick.matchOnDescription = false;
  pick.items = known;
  let ticked: Item[] = [];
  const typed = (): string[] =>
    pick.value
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string[] | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidChangeSelection((items) => (ticked = [...items]));
    pick.onDidChangeValue(() => {
      const names = typed().filter((n) => !known.some((k) => k.name.toLowerCase() === n.toLowerCase()) && !ticked.some((k) => k.name.toLowerCase() === n.toLowerCase()));
      const fresh: Item[] = names.map((n) => ({ label: n, name: n, description: 'new organization', alwaysShow: true }));
      pick.items = [...fresh, ...ticked.filter((t) => !known.includes(t)), ...known];
      pick.selectedItems = ticked;
    });
    pick.onDidAccept(() => {
      const names = ticked.map((t) => t.name);
      finish(names.length > 0 ? names : typed().length > 0 ? typed() : undefined);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
