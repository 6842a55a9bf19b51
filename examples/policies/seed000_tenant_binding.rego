package core.tenant_binding

# Seed 000, core policy "tenant binding": a subject may act only inside its own tenant. The subject's tenant must
# be set, the resource must carry the same tenant, and a cross-tenant request is denied with a reason.

default allow := false

allow if {
	count(deny) == 0
}

deny contains "subject has no tenant" if {
	not valid_tenant(input.subject.tenant)
}

deny contains "resource has no tenant" if {
	not valid_tenant(input.resource.tenant)
}

deny contains msg if {
	valid_tenant(input.subject.tenant)
	valid_tenant(input.resource.tenant)
	input.subject.tenant != input.resource.tenant
	msg := sprintf("tenant %s may not access resources of tenant %s", [input.subject.tenant, input.resource.tenant])
}

valid_tenant(t) if {
	is_string(t)
	t != ""
}
