/**
 * AzureRM provider resource and data source types devsquad knows: every type its generators write plus
 * the common ones. A type outside the list gets the low-severity DSQ-TF-0016, not an error.
 */
const RESOURCES = `
application_gateway application_insights container_app container_app_custom_domain container_app_environment container_app_environment_certificate container_app_job
container_registry container_registry_webhook cosmosdb_account cosmosdb_sql_database dns_a_record dns_cname_record dns_zone
federated_identity_credential key_vault key_vault_access_policy key_vault_certificate key_vault_key key_vault_secret
kubernetes_cluster kubernetes_cluster_node_pool linux_virtual_machine linux_web_app log_analytics_workspace
monitor_action_group monitor_diagnostic_setting monitor_metric_alert
mssql_database mssql_server mysql_flexible_database mysql_flexible_server mysql_flexible_server_configuration mysql_flexible_server_firewall_rule
nat_gateway network_interface network_security_group network_security_rule
postgresql_flexible_server postgresql_flexible_server_configuration postgresql_flexible_server_database postgresql_flexible_server_firewall_rule
private_dns_zone private_dns_zone_virtual_network_link private_endpoint public_ip redis_cache redis_firewall_rule resource_group role_assignment
service_plan servicebus_namespace servicebus_queue storage_account storage_container subnet subnet_network_security_group_association
user_assigned_identity virtual_network
`;

const DATA_SOURCES = `
client_config container_registry key_vault key_vault_secret log_analytics_workspace resource_group role_definition subnet subscription user_assigned_identity virtual_network
`;

const set = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean).map((t) => `azurerm_${t}`));

export const AZURERM_TYPES = { resource: set(RESOURCES), data: set(DATA_SOURCES) };
