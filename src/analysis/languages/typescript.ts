import type { Node, Project, SourceFile } from 'ts-morph';
import type { Range } from '../../findings';

export interface TypeScriptFile {
  path: string;
  source: string;
  sourceFile: SourceFile;
  /** The ts-morph module, so rules can use `SyntaxKind` and `Node` guards without importing ts-morph eagerly. */
  morph: typeof import('ts-morph');
}

let projectPromise: Promise<{ morph: typeof import('ts-morph'); project: Project }> | undefined;

/** ts-morph bundles the TypeScript compiler (megabytes): it is loaded only when a TS/JS file needs parsing. */
function typescriptProject() {
  projectPromise ??= import('ts-morph').then((module) => {
    // A bundled CommonJS module may arrive as the default export only.
    const morph = ('Project' in module ? module : (module as { default: typeof module }).default);
    return {
      morph,
      project: new morph.Project({
        useInMemoryFileSystem: true,
        skipLoadingLibFiles: true,
        compilerOptions: { allowJs: true, noResolve: true },
      }),
    };
  });
  return projectPromise;
}

export async function parseTypeScript(path: string, source: string): Promise<TypeScriptFile> {
  const { morph, project } = await typescriptProject();
  // Syntax only: each file is parsed on its own and dropped after the rules ran.
  const sourceFile = project.createSourceFile(`/${path}`, source, { overwrite: true });
  return { path, source, sourceFile, morph };
}

export function releaseTypeScript(file: TypeScriptFile): void {
  file.sourceFile.getProject().removeSourceFile(file.sourceFile);
}

export function tsRangeOf(node: Node): Range {
  const sf = node.getSourceFile();
  const start = sf.getLineAndColumnAtPos(node.getStart());
  const end = sf.getLineAndColumnAtPos(node.getEnd());
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Syntax errors ts reports for the file (parse diagnostics only, no type checking). */
export function typeScriptSyntaxErrors(file: TypeScriptFile): { line: number; message: string }[] {
  const ts = file.morph.ts;
  const diagnostics = (file.sourceFile.compilerNode as unknown as { parseDiagnostics?: import('ts-morph').ts.Diagnostic[] })
    .parseDiagnostics ?? [];
  return diagnostics.map((d) => ({
    line: d.start === undefined ? 1 : file.sourceFile.getLineAndColumnAtPos(d.start).line,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

export function calleeText(call: import('ts-morph').CallExpression): string {
  return call.getExpression().getText();
}
