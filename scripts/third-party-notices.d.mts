export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  folder: string;
  texts: { file: string; text: string }[];
}
export function bundledPackages(metafiles: { inputs: Record<string, unknown> }[], base?: string): BundledPackage[];
export function noticesMarkdown(packages: BundledPackage[]): string;
