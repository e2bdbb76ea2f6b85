#!/usr/bin/env bash
# Installs the packed library into a fresh cdktf project, as a user would, then type-checks and runs
# the README's import example there and checks what it synthesized.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)
mkdir -p "$work/project"
cd "$work/project"
cp "$repo/examples/existing-subnet.ts" main.ts
# The user's project pins the same engine as this repository.
deps=$(node -e 'const d = require(process.argv[1]).devDependencies;
  console.log(JSON.stringify({ cdktf: d.cdktf, constructs: d.constructs, "@cdktf/provider-azurerm": d["@cdktf/provider-azurerm"] }))' "$repo/package.json")
echo "{ \"name\": \"smoke\", \"private\": true, \"dependencies\": $deps }" > package.json
npm install --no-audit --no-fund --silent "$work/$tarball"
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true, "skipLibCheck": true, "outDir": "out", "types": [] }, "files": ["main.ts"] }
JSON
"$repo/node_modules/.bin/tsc" -p tsconfig.json
node out/main.js
out=cdktf.out/stacks/platform/cdk.tf.json
# shellcheck disable=SC2016 # the single-quoted text is JavaScript, its ${...} are template literals
node -e '
const json = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const rules = Object.values(json.resource.azurerm_network_security_rule).map((r) => `${r.direction} ${r.access} ${r.destination_address_prefix} ${r.priority}`).sort();
const want = ["Outbound Allow 10.50.4.0/22 4095", "Outbound Allow AzureContainerRegistry.WestEurope 200", "Outbound Allow BatchNodeManagement.WestEurope 100", "Outbound Deny * 4096"];
if (JSON.stringify(rules) !== JSON.stringify(want)) { console.error("unexpected rules: " + JSON.stringify(rules)); process.exit(1); }
const pools = Object.values(json.resource.azurerm_batch_pool || {});
for (const type of ["azurerm_virtual_network", "azurerm_subnet", "azurerm_storage_account"]) {
  if (json.resource[type]) { console.error("the imports created " + type); process.exit(1); }
}
const account = Object.values(json.resource.azurerm_batch_account)[0];
if (!/Microsoft.Storage\/storageAccounts\/stdatawesteurope$/.test(account.storage_account_id)) { console.error("auto-storage is not the imported account: " + account.storage_account_id); process.exit(1); }
if (pools.length !== 1 || pools[0].target_node_communication_mode !== "Simplified" || !/^render-[0-9a-f]{6}$/.test(pools[0].name)) {
  console.error("unexpected pools: " + JSON.stringify(pools.map((p) => p.name))); process.exit(1);
}
' "$out"
node "$repo/tools/provider-rules/check.mjs" cdktf.out
"$repo/../shared/tools/terraform-validate/validate-stacks.sh" cdktf.out
echo "package smoke test: installed $(basename "$tarball") into a fresh project, compiled and synthesized the import example (a BatchRegion on an imported subnet and storage account)"
