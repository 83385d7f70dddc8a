/**
 * Hetzner Cloud (hcloud) provider resource and data source types: the provider is small, so this is
 * close to all of them. A type outside the list gets the low-severity DSQ-TF-0016, not an error.
 */
const RESOURCES = `
certificate firewall firewall_attachment floating_ip floating_ip_assignment load_balancer load_balancer_network load_balancer_service
load_balancer_target managed_certificate network network_route network_subnet placement_group primary_ip rdns server server_network
snapshot ssh_key uploaded_certificate volume volume_attachment
`;

const DATA_SOURCES = `
certificate datacenter datacenters firewall floating_ip image load_balancer location locations network placement_group primary_ip
server server_type server_types ssh_key ssh_keys volume
`;

const set = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean).map((t) => `hcloud_${t}`));

export const HCLOUD_TYPES = { resource: set(RESOURCES), data: set(DATA_SOURCES) };
