namespace Conductor.Rego.Builtins;

/// <summary>
/// A family of builtins (one file per family, e.g. <c>StringBuiltins</c>). <see cref="BuiltinRegistry.Default"/>
/// finds every non-abstract implementation in this assembly, so adding a family needs no other edit.
/// Implementations need a public parameterless constructor.
/// </summary>
public interface IBuiltinFamily
{
    void Register(BuiltinRegistry registry);
}
