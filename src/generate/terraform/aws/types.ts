/** File name → content for one module or root directory. */
export type ModuleFiles = Record<string, string>;
