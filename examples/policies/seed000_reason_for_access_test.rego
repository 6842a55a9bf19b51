package core.reason_for_access_test

import data.core.reason_for_access as rfa

good := {
	"resource": {"sensitivity": "restricted"},
	"reason": {"kind": "incident", "ticket": "INC-4711", "text": "triage of suspicious login"},
}

test_public_data_needs_no_reason if {
	rfa.allow with input as {"resource": {"sensitivity": "public"}}
}

test_allow_sensitive_with_good_reason if {
	rfa.allow with input as good
	count(rfa.deny) == 0 with input as good
}

test_deny_sensitive_without_reason if {
	not rfa.allow with input as {"resource": {"sensitivity": "confidential"}}
	rfa.deny == {"a reason is required to access sensitive data"} with input as {"resource": {"sensitivity": "confidential"}}
}

test_deny_unknown_reason_kind if {
	rfa.deny == {`reason kind curiosity is not one of ["audit", "incident", "investigation", "legal_hold"]`} with input as object.union(good, {"reason": {"kind": "curiosity"}})
}

test_deny_without_ticket if {
	not rfa.allow with input as object.union(good, {"reason": {"ticket": "see chat"}})
	"reason must reference a ticket" in rfa.deny with input as object.union(good, {"reason": {"ticket": "see chat"}})
}

test_deny_short_text if {
	rfa.deny == {"reason text must have at least 3 words"} with input as object.union(good, {"reason": {"text": "because"}})
}
