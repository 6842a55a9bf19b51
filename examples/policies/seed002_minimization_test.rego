package minimization_test

import data.minimization

# Seed 002: the data-minimisation selector permits a request when a requested field is required for its purpose
# (data.allowed, from seed002_allowed.json, maps each purpose to its fields).

test_selectors_loaded_from_data_file if {
	data.allowed.analytics == ["region"]
	data.allowed.investigation == ["case_id", "entity_name", "region"]
}

test_allow_required_field if {
	minimization.allow with input as {"request": {"purpose": "analytics", "fields": ["region"]}}
}

test_allow_when_one_field_is_required if {
	minimization.allow with input as {"request": {"purpose": "analytics", "fields": ["email", "region"]}}
}

test_deny_fields_not_required_for_purpose if {
	not minimization.allow with input as {"request": {"purpose": "analytics", "fields": ["email", "case_id"]}}
}

test_deny_unknown_purpose if {
	not minimization.allow with input as {"request": {"purpose": "marketing", "fields": ["region"]}}
}

test_deny_no_fields if {
	not minimization.allow with input as {"request": {"purpose": "investigation", "fields": []}}
}

test_selector_replaced_with_data if {
	minimization.allow with input as {"request": {"purpose": "billing", "fields": ["invoice_id"]}}
		with data.allowed as {"billing": ["invoice_id"]}
}
