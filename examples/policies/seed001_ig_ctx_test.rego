package ig.ctx_test

import data.ig.ctx

# Seed 001: contextual access is allowed only when tenant and purpose match and the device is not a risky export.
base := {
	"actor": {"tenant": "acme", "purposes": ["investigation", "audit"]},
	"resource": {"tenant": "acme", "purpose": "investigation"},
	"context": {"device_trust": "high"},
	"action": "read",
}

test_allow_same_tenant_and_purpose if {
	ctx.allow with input as base
}

test_deny_other_tenant if {
	not ctx.allow with input as object.union(base, {"resource": {"tenant": "globex", "purpose": "investigation"}})
}

test_deny_purpose_not_held if {
	not ctx.allow with input as object.union(base, {"resource": {"tenant": "acme", "purpose": "marketing"}})
}

test_deny_export_from_low_trust_device if {
	not ctx.allow with input as object.union(base, {"context": {"device_trust": "low"}, "action": "export"})
}

test_allow_read_from_low_trust_device if {
	ctx.allow with input as object.union(base, {"context": {"device_trust": "low"}})
}

test_allow_export_from_trusted_device if {
	ctx.allow with input as object.union(base, {"action": "export"})
}

test_deny_without_input if {
	ctx.allow == false
}

test_explanation_when_denied if {
	ctx.explanation == {"tenant or purpose mismatch or high-risk device"} with input as object.union(base, {"resource": {"tenant": "globex", "purpose": "investigation"}})
}

test_no_explanation_when_allowed if {
	count(ctx.explanation) == 0 with input as base
}
