using Conductor.Rego.Values;

namespace Conductor.Rego.Syntax;

// The term forms of Rego's AST. Every node is immutable and knows where it came from.

/// <summary>A Rego term.</summary>
public abstract class Term
{
    protected Term(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }
}

/// <summary>A constant: null, boolean, number or string (raw strings included).</summary>
public sealed class ScalarTerm(Value value, SourceLocation location) : Term(location)
{
    public Value Value { get; } = value;
}

/// <summary>
/// A variable. <c>_</c> is kept as written (the compiler makes each occurrence a fresh variable);
/// <c>data</c> and <c>input</c> are variables at the head of refs.
/// </summary>
public sealed class VarTerm(string name, SourceLocation location) : Term(location)
{
    public string Name { get; } = name;
    public bool IsWildcard => Name == "_";
}

/// <summary>
/// A reference: a head followed by path elements. <c>a.b[c]</c> is head <c>a</c> (a <see cref="VarTerm"/>) and path
/// [<c>"b"</c> (a string <see cref="ScalarTerm"/>), <c>c</c>]. The head can also be a composite or a call:
/// <c>[1, 2][i]</c>, <c>f(x).y</c>.
/// </summary>
public sealed class RefTerm(Term head, IReadOnlyList<Term> path, SourceLocation location) : Term(location)
{
    public Term Head { get; } = head;
    public IReadOnlyList<Term> Path { get; } = path;
}

/// <summary>An array literal <c>[a, b]</c>.</summary>
public sealed class ArrayTerm(IReadOnlyList<Term> items, SourceLocation location) : Term(location)
{
    public IReadOnlyList<Term> Items { get; } = items;
}

/// <summary>A set literal <c>{a, b}</c> or <c>set()</c>.</summary>
public sealed class SetTerm(IReadOnlyList<Term> items, SourceLocation location) : Term(location)
{
    public IReadOnlyList<Term> Items { get; } = items;
}

/// <summary>An object literal <c>{k: v}</c>; keys may be any term.</summary>
public sealed class ObjectTerm(IReadOnlyList<KeyValuePair<Term, Term>> pairs, SourceLocation location) : Term(location)
{
    public IReadOnlyList<KeyValuePair<Term, Term>> Pairs { get; } = pairs;
}

/// <summary><c>[head | body]</c>.</summary>
public sealed class ArrayComprehensionTerm(Term head, Body body, SourceLocation location) : Term(location)
{
    public Term Head { get; } = head;
    public Body Body { get; } = body;
}

/// <summary><c>{head | body}</c>.</summary>
public sealed class SetComprehensionTerm(Term head, Body body, SourceLocation location) : Term(location)
{
    public Term Head { get; } = head;
    public Body Body { get; } = body;
}

/// <summary><c>{key: value | body}</c>.</summary>
public sealed class ObjectComprehensionTerm(Term key, Term value, Body body, SourceLocation location) : Term(location)
{
    public Term Key { get; } = key;
    public Term Value { get; } = value;
    public Body Body { get; } = body;
}

/// <summary>
/// A call. <see cref="Operator"/> is the callee as written: a <see cref="VarTerm"/> (<c>count</c>) or a
/// <see cref="RefTerm"/> (<c>data.lib.f</c>, <c>io.jwt.decode</c>). Infix operators are calls of OPA's
/// builtin names: <c>plus minus mul div rem and or equal neq lt lte gt gte</c>, unification <c>=</c> is
/// <c>eq</c>, <c>:=</c> is <c>assign</c>, <c>x in xs</c> is <c>internal.member_2</c> and
/// <c>k, v in xs</c> is <c>internal.member_3</c>. Unary minus on a non-literal is <c>minus(0, x)</c>.
/// </summary>
public sealed class CallTerm(Term @operator, IReadOnlyList<Term> args, SourceLocation location) : Term(location)
{
    public Term Operator { get; } = @operator;
    public IReadOnlyList<Term> Args { get; } = args;

    /// <summary>The dotted name of the operator (<c>io.jwt.decode</c>, <c>data.lib.f</c>), or null when it is not a plain name.</summary>
    public string? OperatorName { get; } = NameOf(@operator);

    private static string? NameOf(Term op)
    {
        if (op is VarTerm v) return v.Name;
        if (op is not RefTerm { Head: VarTerm head } r) return null;
        var parts = new List<string>(r.Path.Count + 1) { head.Name };
        foreach (var p in r.Path)
        {
            if (p is ScalarTerm { Value: StringValue s }) parts.Add(s.Value);
            else return null;
        }
        return string.Join('.', parts);
    }
}
