import { BestPracticeRule, Severity } from '../rule';

/** SEC-011: storage takes HTTPS with TLS 1.2 or later only. */
export const storageSecureTransport: BestPracticeRule = {
  id: 'SEC-011',
  severity: Severity.ERROR,
  title: 'Storage accepts only HTTPS with TLS 1.2 or later',
  explanation: 'HTTP and TLS 1.0/1.1 expose data and credentials in transit. NFS Azure file shares are no exception: with secure transfer required they mount over TLS through the AZNFS mount helper.',
  source: 'Checkov CKV_AZURE_3 and CKV_AZURE_44; PSRule Azure.Storage.SecureTransfer and Azure.Storage.MinTLS; learn.microsoft.com "Encryption in transit for NFS Azure file shares", section "Enforce encryption in transit"',
  fix: 'Set https_traffic_only_enabled = true and min_tls_version = "TLS1_2" (or leave both unset: those are the provider\'s defaults).',
  // Unset, both are safe: the provider sends https_traffic_only_enabled = true and min_tls_version =
  // "TLS1_2" (azurerm v4.55.0 internal/services/storage/storage_account_resource.go:292-295 and :1334-1339).
  check: (stack) => stack.ofType('azurerm_storage_account').flatMap((storage) => [
    ...(storage.attributes.https_traffic_only_enabled === false ? ['accepts HTTP'] : []),
    ...(['TLS1_0', 'TLS1_1'].includes(storage.attributes.min_tls_version) ? [`min_tls_version is ${JSON.stringify(storage.attributes.min_tls_version)}`] : []),
  ].map((message) => ({ resource: storage, message }))),
};
