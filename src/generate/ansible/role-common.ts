/**
 * The common role: base packages, admin users with SSH keys, unattended security upgrades, SSH
 * hardening (no root login, no passwords), UFW default deny with SSH rate-limited, fail2ban.
 */
import type { Role } from './tasks.js';
import { task } from './tasks.js';

const SSHD = [
  '# Managed by Ansible (role common). Keys only, no root: the first value sshd reads wins,',
  '# and 00- sorts before cloud images\' 50-cloud-init.conf.',
  'Port {{ common_ssh_port }}',
  'PermitRootLogin no',
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no',
  'PubkeyAuthentication yes',
  'PermitEmptyPasswords no',
  'X11Forwarding no',
  'MaxAuthTries 3',
  'LoginGraceTime 30',
  '',
].join('\n');

const JAIL = [
  '# Managed by Ansible (role common).',
  '[sshd]',
  'enabled = true',
  'port = {{ common_ssh_port }}',
  'backend = systemd',
  'maxretry = {{ common_fail2ban_maxretry }}',
  'bantime = {{ common_fail2ban_bantime }}',
  '',
].join('\n');

export function commonRole(): Role {
  return {
    name: 'common',
    defaults: {
      common_packages: ['acl', 'ca-certificates', 'curl', 'gnupg', 'python3-apt', 'ufw', 'fail2ban', 'unattended-upgrades'],
      common_users: [],
      common_ssh_port: 22,
      common_ufw_allowed_ports: [],
      common_fail2ban_maxretry: 5,
      common_fail2ban_bantime: '1h',
    },
    tasks: [
      task('Install base packages', 'ansible.builtin.apt', { name: '{{ common_packages }}', state: 'present', update_cache: true, cache_valid_time: 3600 }),
      task('Create admin users', 'ansible.builtin.user', { name: '{{ item.name }}', shell: '/bin/bash', groups: "{{ ['sudo'] if item.sudo | default(false) else [] }}", append: true, password_lock: true, state: 'present' }, {
        loop: '{{ common_users }}',
        loop_control: { label: '{{ item.name }}' },
      }),
      task('Authorise admin SSH keys', 'ansible.posix.authorized_key', { user: '{{ item.0.name }}', key: '{{ item.1 }}', state: 'present' }, {
        loop: "{{ common_users | subelements('ssh_keys', skip_missing=True) }}",
        loop_control: { label: '{{ item.0.name }}' },
      }),
      // Passwords are locked, so sudo cannot ask for one.
      task('Let sudo users run sudo without a password', 'ansible.builtin.copy', { content: '{{ item.name }} ALL=(ALL) NOPASSWD:ALL\n', dest: '/etc/sudoers.d/90-{{ item.name }}', owner: 'root', group: 'root', mode: '0440', validate: '/usr/sbin/visudo -cf %s' }, {
        loop: "{{ common_users | selectattr('sudo', 'defined') | selectattr('sudo') | list }}",
        loop_control: { label: '{{ item.name }}' },
      }),
      task('Enable unattended security upgrades', 'ansible.builtin.copy', { content: 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\nAPT::Periodic::AutocleanInterval "7";\n', dest: '/etc/apt/apt.conf.d/20auto-upgrades', owner: 'root', group: 'root', mode: '0644' }),
      task('Harden the SSH daemon', 'ansible.builtin.template', { src: 'sshd-hardening.conf.j2', dest: '/etc/ssh/sshd_config.d/00-hardening.conf', owner: 'root', group: 'root', mode: '0644', validate: '/usr/sbin/sshd -t -f %s' }, { notify: 'Restart ssh' }),
      task('Deny incoming traffic by default', 'community.general.ufw', { default: 'deny', direction: 'incoming' }),
      task('Allow outgoing traffic', 'community.general.ufw', { default: 'allow', direction: 'outgoing' }),
      task('Allow SSH, rate-limited', 'community.general.ufw', { rule: 'limit', port: '{{ common_ssh_port }}', proto: 'tcp' }),
      task('Allow extra ports', 'community.general.ufw', { rule: 'allow', port: '{{ item }}', proto: 'tcp' }, { loop: '{{ common_ufw_allowed_ports }}' }),
      task('Enable the firewall', 'community.general.ufw', { state: 'enabled' }),
      task('Configure fail2ban for SSH', 'ansible.builtin.template', { src: 'jail-sshd.local.j2', dest: '/etc/fail2ban/jail.d/sshd.local', owner: 'root', group: 'root', mode: '0644' }, { notify: 'Restart fail2ban' }),
      task('Start fail2ban', 'ansible.builtin.systemd', { name: 'fail2ban', enabled: true, state: 'started' }),
    ],
    handlers: [
      task('Restart ssh', 'ansible.builtin.systemd', { name: 'ssh', state: 'restarted' }),
      task('Restart fail2ban', 'ansible.builtin.systemd', { name: 'fail2ban', state: 'restarted' }),
    ],
    templates: { 'sshd-hardening.conf.j2': SSHD, 'jail-sshd.local.j2': JAIL },
  };
}
