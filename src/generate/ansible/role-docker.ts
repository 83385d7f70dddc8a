/**
 * The docker role: Docker Engine and the compose plugin from Docker's official apt repository,
 * pinned with an apt preference so `apt upgrade` and unattended-upgrades never move them, plus
 * daemon defaults (rotated logs, live restore, no-new-privileges).
 */
import type { Role } from './tasks.js';
import { task } from './tasks.js';

const PIN = [
  '# Managed by Ansible (role docker): keep Docker at the tested versions until docker_version changes.',
  'Package: docker-ce docker-ce-cli',
  'Pin: version 5:{{ docker_version }}-*',
  'Pin-Priority: 1001',
  '',
  'Package: docker-compose-plugin',
  'Pin: version {{ docker_compose_version }}-*',
  'Pin-Priority: 1001',
  '',
].join('\n');

const REPO = 'deb [arch={{ docker_apt_arch }} signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/{{ ansible_distribution | lower }} {{ ansible_distribution_release }} stable';

export function dockerRole(dockerVersion: string, composeVersion: string): Role {
  return {
    name: 'docker',
    defaults: {
      docker_version: dockerVersion,
      docker_compose_version: composeVersion,
      docker_apt_arch: "{{ 'arm64' if ansible_architecture == 'aarch64' else 'amd64' }}",
      docker_daemon_options: {
        'log-driver': 'local',
        'log-opts': { 'max-size': '10m', 'max-file': '3' },
        'live-restore': true,
        'no-new-privileges': true,
      },
    },
    tasks: [
      task('Install Docker prerequisites', 'ansible.builtin.apt', { name: ['ca-certificates', 'curl', 'python3-docker'], state: 'present', update_cache: true, cache_valid_time: 3600 }),
      task('Create the apt keyrings directory', 'ansible.builtin.file', { path: '/etc/apt/keyrings', state: 'directory', owner: 'root', group: 'root', mode: '0755' }),
      task("Download Docker's apt signing key", 'ansible.builtin.get_url', { url: 'https://download.docker.com/linux/{{ ansible_distribution | lower }}/gpg', dest: '/etc/apt/keyrings/docker.asc', owner: 'root', group: 'root', mode: '0644' }),
      task("Add Docker's apt repository", 'ansible.builtin.apt_repository', { repo: REPO, filename: 'docker', state: 'present' }),
      task('Pin the Docker packages', 'ansible.builtin.copy', { content: PIN, dest: '/etc/apt/preferences.d/docker', owner: 'root', group: 'root', mode: '0644' }),
      task('Install Docker Engine and the compose plugin', 'ansible.builtin.apt', { name: ['docker-ce', 'docker-ce-cli', 'containerd.io', 'docker-buildx-plugin', 'docker-compose-plugin'], state: 'present', update_cache: true }),
      task('Configure the Docker daemon', 'ansible.builtin.copy', { content: '{{ docker_daemon_options | to_nice_json }}\n', dest: '/etc/docker/daemon.json', owner: 'root', group: 'root', mode: '0644' }, { notify: 'Restart docker' }),
      task('Start Docker', 'ansible.builtin.systemd', { name: 'docker', enabled: true, state: 'started' }),
    ],
    handlers: [task('Restart docker', 'ansible.builtin.systemd', { name: 'docker', state: 'restarted' })],
  };
}
