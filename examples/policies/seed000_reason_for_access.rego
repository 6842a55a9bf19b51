package core.reason_for_access

# Seed 000, core policy "reason-for-access": reading sensitive data needs a stated reason of a known kind that
# points at a ticket (e.g. "INC-1234"), with enough words to be auditable. Non-sensitive data needs no reason.

reason_kinds := {"investigation", "incident", "audit", "legal_hold"}

default allow := false

allow if {
	not sensitive
}

allow if {
	sensitive
	count(deny) == 0
}

sensitive if {
	input.resource.sensitivity in {"confidential", "restricted"}
}

deny contains "a reason is required to access sensitive data" if {
	sensitive
	not input.reason
}

deny contains msg if {
	sensitive
	kind := input.reason.kind
	not kind in reason_kinds
	msg := sprintf("reason kind %v is not one of %v", [kind, sort([k | some k in reason_kinds])])
}

deny contains "reason must reference a ticket" if {
	sensitive
	input.reason
	not regex.match(`^[A-Z]+-[0-9]+$`, object.get(input.reason, "ticket", ""))
}

deny contains "reason text must have at least 3 words" if {
	sensitive
	input.reason
	count(split(trim_space(object.get(input.reason, "text", "")), " ")) < 3
}
