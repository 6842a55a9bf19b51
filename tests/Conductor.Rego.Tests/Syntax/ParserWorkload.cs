using System.Text;

namespace Conductor.Rego.Tests.Syntax;

/// <summary>A generated module with a realistic mix of rule forms (the benchmark uses the same shape).</summary>
internal static class ParserWorkload
{
    public const int RulesPerBlock = 6;

    public static string GenerateModule(int blocks)
    {
        var sb = new StringBuilder("package bench.policy\n\nimport data.lib.util\nimport rego.v1\n\n");
        for (var i = 0; i < blocks; i++)
        {
            sb.Append($$"""
                # Rule block {{i}}: allow reads for matching tenants.
                default allow_{{i}} := false

                allow_{{i}} if {
                	input.actor.tenant == input.resource.tenant
                	some role in input.actor.roles
                	role in {"admin", "reader", "auditor_{{i}}"}
                	not deny_{{i}}[input.actor.id]
                	count(input.resource.tags) > {{i % 7}}
                }

                deny_{{i}} contains id if {
                	some id, user in data.users
                	user.blocked == true
                	startswith(user.name, "tmp-{{i}}")
                }

                score_{{i}}(x, y) := z if {
                	z := (x * 2 + y) / 3 - {{i}}.5
                }

                labels_{{i}} := {k: v | some k, v in input.labels; k != "secret"}

                quota_{{i}}[tenant] := limit if {
                	some tenant in data.tenants
                	limit := object.get(data.limits, tenant, 100)
                } 


                """);
        }
        return sb.ToString();
    }
}
