#!/usr/bin/env bash
# verify.sh: checks a Conductor public evidence bundle (EB-<id>.json) offline, with only bash, openssl, jq and
# sha256sum (and coreutils). Nothing here trusts the bundle: every hash is recomputed and every signature checked.
#
#   verify.sh EB-<id>.json RELEASE_KEY.pem LEDGER_KEY.pem [ARTIFACTS_DIR]
#
# 1. the public document is signed by the release key;
# 2. the original (private) manifest's signature verifies over the manifest digest the document names;
# 3. the ledger entry records that digest;
# 4. the entry's RFC 9162 inclusion proof leads to the root hash;
# 5. the ledger checkpoint is signed by the ledger key and commits to that root and tree size;
# 6. with ARTIFACTS_DIR, every artifact the document shows is hashed with sha256sum.
# Exit 0 and "OK" when everything verifies; exit 1 and "FAIL: <what>" on the first failure; 2 for wrong usage.
set -euo pipefail

die() { echo "FAIL: $*" >&2; exit 1; }
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
  echo "usage: $0 EB-<id>.json RELEASE_KEY.pem LEDGER_KEY.pem [ARTIFACTS_DIR]" >&2
  exit 2
fi
bundle=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
release_key=$2
ledger_key=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jq -e . "$bundle" >/dev/null 2>&1 || die "bundle: not valid JSON"
field() { jq -er "$1" "$bundle" 2>/dev/null || die "bundle: $1 is missing"; }
hex2bin() { local h=$1 i; for ((i = 0; i < ${#h}; i += 2)); do printf "\\x${h:i:2}"; done; }
b64d() { openssl base64 -d -A; }
sha() { local h _; read -r h _ < <(sha256sum); echo "$h"; }

[ "$(field .mediaType)" = "application/vnd.conductor.evidence.public+json;version=1" ] || die "bundle: unknown media type"

# 1. The public document (RFC 8785 form: sorted keys, no whitespace) is signed by the release key.
jq -cjS .document "$bundle" > "$work/document.json"
field .documentSignature | b64d > "$work/document.sig"
openssl dgst -sha256 -verify "$release_key" -signature "$work/document.sig" "$work/document.json" >/dev/null 2>&1 ||
  die "document: the signature does not verify with the release key"
digest=$(field .manifestDigest)
[ "$(jq -r .manifestDigest "$work/document.json")" = "$digest" ] || die "document: it names another manifest than $digest"
echo "ok: public document signed by the release key"

# 2. ECDSA signs the SHA-256 digest, so the manifest signature verifies from the digest alone.
[[ $digest =~ ^sha256:([0-9a-f]{64})$ ]] || die "manifestDigest: malformed"
hex2bin "${BASH_REMATCH[1]}" > "$work/manifest.sha256"
field .manifestSignature | b64d > "$work/manifest.sig"
openssl pkeyutl -verify -pubin -inkey "$release_key" -in "$work/manifest.sha256" -sigfile "$work/manifest.sig" >/dev/null 2>&1 ||
  die "manifest signature: does not verify over $digest"
echo "ok: manifest signature verifies over $digest"

# 3. The ledger entry records the manifest digest.
field .ledger.entry | b64d > "$work/entry"
[ "$(jq -r .manifest "$work/entry" 2>/dev/null)" = "$digest" ] || die "ledger entry: does not record $digest"

# 4. RFC 9162 §2.1.3.2: walk the proof from the leaf hash SHA-256(0x00 || entry) up to the root.
node() { { printf '\x01'; hex2bin "$1"; hex2bin "$2"; } | sha; }
root=$({ printf '\x00'; cat "$work/entry"; } | sha)
index=$(field .ledger.entryIndex)
size=$(field .ledger.treeSize)
[[ $index =~ ^[0-9]+$ && $size =~ ^[0-9]+$ ]] || die "inclusion proof: index or tree size is not a number"
((index < size)) || die "inclusion proof: entry $index is outside the tree of size $size"
fn=$index
sn=$((size - 1))
step=0
while read -r hash; do
  [[ $hash =~ ^[0-9a-f]{64}$ ]] || die "inclusion proof: hash $step is malformed"
  ((sn > 0)) || die "inclusion proof: more hashes than the tree needs (step $step)"
  if (((fn & 1) == 1 || fn == sn)); then
    root=$(node "$hash" "$root")
    while (((fn & 1) == 0 && fn != 0)); do
      fn=$((fn >> 1))
      sn=$((sn >> 1))
    done
  else
    root=$(node "$root" "$hash")
  fi
  fn=$((fn >> 1))
  sn=$((sn >> 1))
  step=$((step + 1))
done < <(jq -r '.ledger.proof[]' "$bundle")
((sn == 0)) || die "inclusion proof: fewer hashes than the tree needs ($step)"
[ "$root" = "$(field .ledger.rootHash)" ] || die "inclusion proof: leads to root $root, not $(field .ledger.rootHash)"
echo "ok: inclusion proof of entry $index in the tree of size $size"

# 5. The checkpoint (signed note): text up to the blank line, then lines "— NAME base64(keyhint[4] || signature)".
note=$(jq -j .ledger.checkpoint "$bundle")
body=${note%%$'\n\n'*}$'\n'
signatures=${note#*$'\n\n'}
printf '%s' "$body" > "$work/checkpoint.txt"
name=$(field .ledger.checkpointKeyName)
if [[ $(openssl pkey -pubin -in "$ledger_key" -noout -text 2>/dev/null) == *ED25519* ]]; then
  check_note() { openssl pkeyutl -verify -pubin -inkey "$ledger_key" -rawin -in "$work/checkpoint.txt" -sigfile "$work/checkpoint.sig" >/dev/null 2>&1; }
else
  check_note() { openssl dgst -sha256 -verify "$ledger_key" -signature "$work/checkpoint.sig" "$work/checkpoint.txt" >/dev/null 2>&1; }
fi
signed=
while IFS= read -r line; do
  [[ $line == "— $name "* ]] || continue
  printf '%s' "${line##* }" | b64d > "$work/line.sig" || die "checkpoint: signature line is not base64"
  tail -c +5 "$work/line.sig" > "$work/checkpoint.sig"
  check_note || die "checkpoint: the signature by '$name' does not verify with the ledger key"
  signed=1
  break
done <<< "$signatures"
[ -n "$signed" ] || die "checkpoint: no signature by '$name'"
mapfile -t lines <<< "$body"
[ "${lines[0]}" = "$(field .ledger.origin)" ] || die "checkpoint: origin '${lines[0]}' is not the bundle's ledger"
[ "${lines[1]}" = "$size" ] || die "checkpoint: tree size ${lines[1]} is not the proof's $size"
[ "${lines[2]}" = "$(hex2bin "$root" | openssl base64 -A)" ] || die "checkpoint: root hash is not the proof's root"
echo "ok: checkpoint signed by '$name' commits to that root"

# 6. Artifacts the document shows in full.
if [ $# -eq 4 ]; then
  jq -r '.artifacts[] | select((.name | type) == "string" and (.sha256 | type) == "string") | "\(.sha256)  \(.name)"' "$work/document.json" > "$work/sums"
  (cd "$4" && sha256sum --check --quiet --strict "$work/sums") >/dev/null 2>&1 || die "artifacts: some do not match (run: cd $4 && sha256sum -c)"
  echo "ok: $(wc -l < "$work/sums") artifacts match"
fi
echo "OK: the public evidence bundle verifies"
