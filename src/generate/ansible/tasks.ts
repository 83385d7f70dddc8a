/**
 * Small builders for Ansible YAML: tasks keep `name` first and the module second (ansible-lint's
 * key-order), and a role is its files (tasks, handlers, defaults, templates) under roles/<name>/.
 */
export type Task = { [key: string]: unknown };

/** A task: name, one FQCN module with its arguments, then keywords (become, loop, notify, no_log…). */
export function task(name: string, module: string, args: unknown, keywords: Task = {}): Task {
  return { name, [module]: args, ...keywords };
}

/** One file of the Ansible tree, relative to deploy/ansible/: YAML built as an object, or text (Jinja2 templates, ansible.cfg). */
export type TreeFile = { path: string; yaml: unknown; comment?: string; keyComments?: Record<string, string> } | { path: string; text: string };

export interface Role {
  name: string;
  tasks: Task[];
  handlers?: Task[];
  defaults?: Task;
  /** Jinja2 templates by file name (text). */
  templates?: Record<string, string>;
  /** Static files by file name, already rendered (YAML from objects). */
  files?: Record<string, string>;
}

export function roleFiles(role: Role): TreeFile[] {
  const base = `roles/${role.name}`;
  const out: TreeFile[] = [{ path: `${base}/tasks/main.yml`, yaml: role.tasks }];
  if (role.handlers && role.handlers.length > 0) out.push({ path: `${base}/handlers/main.yml`, yaml: role.handlers });
  if (role.defaults) out.push({ path: `${base}/defaults/main.yml`, yaml: role.defaults });
  for (const [name, text] of Object.entries(role.templates ?? {})) out.push({ path: `${base}/templates/${name}`, text });
  for (const [name, text] of Object.entries(role.files ?? {})) out.push({ path: `${base}/files/${name}`, text });
  return out;
}

/** A Jinja2 comment for the top of a template: seen in the repository, not in the rendered file. */
export function jinjaHeader(header: string): string {
  return `{# ${header.replace(/^#\s*/, '')} #}\n`;
}

/** Values Ansible would otherwise evaluate as Jinja2 (a default containing `{{`) are kept literal. */
export function literal(value: string): string {
  return /\{\{|\{%|\{#/.test(value) ? `{% raw %}${value}{% endraw %}` : value;
}
