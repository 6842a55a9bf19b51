package example.strict

# Compiles, but `conductor check --strict` rejects it (OPA's strict mode).
import data.lib.unused

allow if {
	user := input.user
	some role
	input.admin
}

label(kind, level) := kind
