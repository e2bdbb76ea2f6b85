#!/usr/bin/env bash
# Installs the packed library into a fresh project, as a user would, then type-checks and runs the
# README's import example there and checks what it synthesized.
#
#   .ci/package-smoke.sh [cdktf|cdktn]
#
# cdktf (the default): the package cdktf-azure-batch in a cdktf 0.21 project. cdktn: the package
# cdktn-azure-batch (scripts/build-flavour.js) in a CDK Terrain project, installed with the commands
# the README gives ("Engine"), the example's imports read from cdktn, cdktn-azure-batch and
# @cdktn/provider-azurerm.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
engine=${1:-cdktf}
case "$engine" in cdktf|cdktn) ;; *) echo "package-smoke: engine \"$engine\" is not cdktf or cdktn" >&2; exit 2 ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/project"
if [ "$engine" = cdktn ]; then
  tarball=$(cd "$repo" && node scripts/build-flavour.js cdktn --pack "$work" | tail -n 1)
  sed -e "s|from 'cdktf'|from 'cdktn'|; s|from 'cdktf-azure-batch'|from 'cdktn-azure-batch'|; s|from '@cdktf/provider-azurerm/|from '@cdktn/provider-azurerm/|" \
    "$repo/examples/existing-subnet.ts" > "$work/project/main.ts"
  cd "$work/project"
  # The README's commands (section "Engine"): the engine, its bindings and a constructs that cdktn
  # accepts, pinned as this repository tests them, and an override for the bindings' stale peer range.
  versions=$(node -e 'const d = require(process.argv[1]).devDependencies; console.log(d.cdktn, d["@cdktn/provider-azurerm"], d.constructs)' "$repo/package.json")
  read -r cdktn provider constructs <<< "$versions"
  npm init -y >/dev/null
  # shellcheck disable=SC2016 # "$cdktn" is npm's reference to the project's own cdktn, not a shell variable
  npm pkg set 'overrides[@cdktn/provider-azurerm][cdktn]=$cdktn'
  npm install --no-audit --no-fund --silent --save-exact "cdktn@$cdktn" "@cdktn/provider-azurerm@$provider" "constructs@$constructs" "$work/$tarball"
else
  tarball=$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)
  cp "$repo/examples/existing-subnet.ts" "$work/project/main.ts"
  cd "$work/project"
  # The user's project pins the same engine as this repository.
  deps=$(node -e 'const d = require(process.argv[1]).devDependencies;
    console.log(JSON.stringify({ cdktf: d.cdktf, constructs: d.constructs, "@cdktf/provider-azurerm": d["@cdktf/provider-azurerm"] }))' "$repo/package.json")
  echo "{ \"name\": \"smoke\", \"private\": true, \"dependencies\": $deps }" > package.json
  npm install --no-audit --no-fund --silent "$work/$tarball"
fi
# The engine the example runs on is the one asked for, and nothing of the other is installed.
# shellcheck disable=SC2016 # the single-quoted text is JavaScript, its ${...} are template literals
node -e 'const engine = process.argv[1], other = engine === "cdktn" ? "cdktf" : "cdktn";
  require.resolve(engine);
  try { require.resolve(other); console.error(`${other} is installed in the ${engine} project`); process.exit(1); } catch {}' "$engine"
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
const want = ["Outbound Allow 10.50.4.0/22 4095", "Outbound Allow 10.60.0.4/32 210", "Outbound Allow AzureContainerRegistry.WestEurope 200", "Outbound Allow BatchNodeManagement.WestEurope 100", "Outbound Deny * 4096"];
if (JSON.stringify(rules) !== JSON.stringify(want)) { console.error("unexpected rules: " + JSON.stringify(rules)); process.exit(1); }
// The rules go into the hub team NSG: none is created or associated.
const nsgs = [...new Set(Object.values(json.resource.azurerm_network_security_rule).map((r) => `${r.resource_group_name}/${r.network_security_group_name}`))];
if (JSON.stringify(nsgs) !== JSON.stringify(["rg-hub/nsg-batch"])) { console.error("rules outside the hub NSG: " + JSON.stringify(nsgs)); process.exit(1); }
const pools = Object.values(json.resource.azurerm_batch_pool || {});
for (const type of ["azurerm_virtual_network", "azurerm_subnet", "azurerm_storage_account", "azurerm_network_security_group", "azurerm_subnet_network_security_group_association", "azurerm_private_dns_zone"]) {
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
echo "package smoke test ($engine): installed $(basename "$tarball") into a fresh project, compiled and synthesized the import example (a BatchRegion on an imported subnet and storage account)"
