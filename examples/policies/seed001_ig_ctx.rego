package ig.ctx

import future.keywords.if

default allow := false

allow if {
  input.actor.tenant == input.resource.tenant
  input.actor.purposes[_] == input.resource.purpose
  not high_risk_device
}

high_risk_device if {
  input.context.device_trust == "low"
  input.action == "export"
}

explanation[msg] {
  not allow
  msg := "tenant or purpose mismatch or high-risk device"
}
