package minimization

import rego.v1

# Permit only required fields per purpose (seed 002, section 6.3). The seed writes this rule in v0 syntax
# ("allow { some f; f := input.request.fields[_]; f in data.allowed[input.request.purpose] }"); this is the
# same rule in v1 syntax, which the rego.v1 import keeps valid with or without --v0-compatible.
allow if {
  some f in input.request.fields
  f in data.allowed[input.request.purpose]
}
