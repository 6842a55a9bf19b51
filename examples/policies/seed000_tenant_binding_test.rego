package core.tenant_binding_test

import data.core.tenant_binding

test_allow_same_tenant if {
	tenant_binding.allow with input as {"subject": {"tenant": "acme"}, "resource": {"tenant": "acme"}}
}

test_deny_cross_tenant if {
	not tenant_binding.allow with input as {"subject": {"tenant": "acme"}, "resource": {"tenant": "globex"}}
	tenant_binding.deny == {"tenant acme may not access resources of tenant globex"} with input as {"subject": {"tenant": "acme"}, "resource": {"tenant": "globex"}}
}

test_deny_missing_subject_tenant if {
	tenant_binding.deny == {"subject has no tenant"} with input as {"subject": {}, "resource": {"tenant": "acme"}}
}

test_deny_empty_resource_tenant if {
	tenant_binding.deny == {"resource has no tenant"} with input as {"subject": {"tenant": "acme"}, "resource": {"tenant": ""}}
}

test_deny_non_string_tenant if {
	not tenant_binding.allow with input as {"subject": {"tenant": 7}, "resource": {"tenant": 7}}
}

test_deny_without_input if {
	not tenant_binding.allow
	count(tenant_binding.deny) == 2
}
