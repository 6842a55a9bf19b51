using Conductor.Rego.Builtins;
using Conductor.Rego.Syntax;
using Conductor.Rego.Values;

namespace Conductor.Rego.Compilation;

// The compiled form of Rego that the evaluator runs: variables resolved to frame slots, names resolved
// to data paths, builtins and functions resolved to their definitions, bodies reordered for safety.
// These are internal: the public surface is CompiledPolicy / PreparedQuery.

internal abstract class CTerm
{
    protected CTerm(SourceLocation location) => Location = location;
    public SourceLocation Location { get; }

    /// <summary>True when the term is a constant (no variables, refs or calls).</summary>
    public virtual bool IsConstant => false;
}

internal sealed class CConst(Value value, SourceLocation location) : CTerm(location)
{
    public Value Value { get; } = value;
    public override bool IsConstant => true;
}

/// <summary>A local variable in the current frame.</summary>
internal sealed class CVar(int slot, string name, bool generated, SourceLocation location) : CTerm(location)
{
    public int Slot { get; } = slot;
    public string Name { get; } = name;
    public bool Generated { get; } = generated;
}

/// <summary>The input document (a ref head).</summary>
internal sealed class CInput(SourceLocation location) : CTerm(location);

/// <summary>A reference: <see cref="Head"/> then <see cref="Path"/>. A data ref has a <see cref="CDataRoot"/> head.</summary>
internal sealed class CRef(CTerm head, CTerm[] path, SourceLocation location) : CTerm(location)
{
    public CTerm Head { get; } = head;
    public CTerm[] Path { get; } = path;

    /// <summary>
    /// For <c>input.a.b</c> with a constant path: its index in the evaluator's per-query cache (input does not change
    /// within a query except under <c>with</c>, which gets a fresh cache); -1 otherwise.
    /// </summary>
    public int InputCacheSlot { get; init; } = -1;
}

/// <summary>The root of data (a ref head); evaluation walks the rule tree from here.</summary>
internal sealed class CDataRoot(SourceLocation location) : CTerm(location);

internal sealed class CArray(CTerm[] items, SourceLocation location) : CTerm(location)
{
    public CTerm[] Items { get; } = items;
    public override bool IsConstant => false;
}

internal sealed class CSet(CTerm[] items, SourceLocation location) : CTerm(location)
{
    public CTerm[] Items { get; } = items;
}

internal sealed class CObject(CTerm[] keys, CTerm[] values, SourceLocation location) : CTerm(location)
{
    public CTerm[] Keys { get; } = keys;
    public CTerm[] Values { get; } = values;
}

internal enum ComprehensionKind { Array, Set, Object }

internal sealed class CComprehension(ComprehensionKind kind, CTerm head, CTerm? value, CBody body, SourceLocation location) : CTerm(location)
{
    public ComprehensionKind Kind { get; } = kind;
    /// <summary>Element (array/set) or key (object).</summary>
    public CTerm Head { get; } = head;
    /// <summary>Value for object comprehensions.</summary>
    public CTerm? Value { get; } = value;
    public CBody Body { get; } = body;
    /// <summary>Slots declared inside the comprehension, cleared before each evaluation.</summary>
    public int[] LocalSlots { get; set; } = [];
}

/// <summary>A call of a builtin or a user function. <see cref="Output"/> is the extra last argument (<c>count(x, n)</c>).</summary>
internal sealed class CCall(CallTarget target, CTerm[] args, CTerm? output, SourceLocation location) : CTerm(location)
{
    /// <summary>For the comparison operators of the default catalogue: evaluated inline, without a builtin call.</summary>
    public ComparisonOp Comparison { get; } = args.Length == 2 && target.Builtin is not null
        && ReferenceEquals(target.Builtin, Builtins.BuiltinRegistry.Default.TryGet(target.Name, out var d) ? d : null)
        ? target.Name switch
        {
            "equal" => ComparisonOp.Equal,
            "neq" => ComparisonOp.NotEqual,
            "lt" => ComparisonOp.Less,
            "lte" => ComparisonOp.LessOrEqual,
            "gt" => ComparisonOp.Greater,
            "gte" => ComparisonOp.GreaterOrEqual,
            _ => ComparisonOp.None,
        }
        : ComparisonOp.None;

    public CallTarget Target { get; } = target;
    public CTerm[] Args { get; } = args;
    public CTerm? Output { get; } = output;
}

internal enum ComparisonOp { None, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>What a call resolves to: a builtin (by name, so <c>with</c> can replace it) or user functions at a rule-tree node.</summary>
internal sealed class CallTarget(string name, BuiltinDefinition? builtin, RuleNode? functions)
{
    public string Name { get; } = name;
    public BuiltinDefinition? Builtin { get; } = builtin;
    public RuleNode? Functions { get; } = functions;

    /// <summary>True for <c>print</c>, which the evaluator handles itself (undefined operands print as &lt;undefined&gt;).</summary>
    public bool IsPrint { get; } = name == "print" && builtin is null && functions is null;
}

internal abstract class CExpr
{
    protected CExpr(Expr source) => Source = source;
    public Expr Source { get; }
    public bool Negated { get; init; }
    public CWith[] With { get; init; } = [];
    /// <summary>Slots of variables local to a negated expression (wildcards), reset before evaluation.</summary>
    public int[] LocalSlots { get; set; } = [];
}

/// <summary>A term that must be defined and not false.</summary>
internal sealed class CTermExpr(CTerm term, Expr source) : CExpr(source)
{
    public CTerm Term { get; } = term;

    /// <summary>For top-level query expressions: where to record the expression's value for output; -1 otherwise.</summary>
    public int RecordIndex { get; set; } = -1;

    /// <summary>A test the body loop can run inline: not negated, no <c>with</c>, no output variable (computed once).</summary>
    public bool PlainTest => _plainTest ??= !Negated && With.Length == 0 && Term is not CCall { Output: not null };

    private bool? _plainTest;
}

/// <summary><c>a = b</c> or <c>a := b</c>.</summary>
internal sealed class CUnify(CTerm left, CTerm right, bool assign, Expr source) : CExpr(source)
{
    public CTerm Left { get; } = left;
    public CTerm Right { get; } = right;
    public bool Assign { get; } = assign;
}

/// <summary><c>some k, v in xs</c> (Key may be null) and the membership terms' iteration form.</summary>
internal sealed class CSomeIn(CTerm? key, CTerm value, CTerm collection, Expr source) : CExpr(source)
{
    public CTerm? Key { get; } = key;
    public CTerm Value { get; } = value;
    public CTerm Collection { get; } = collection;
}

internal sealed class CEvery(CVar? key, CVar value, CTerm domain, CBody body, Expr source) : CExpr(source)
{
    public CVar? Key { get; } = key;
    public CVar Value { get; } = value;
    public CTerm Domain { get; } = domain;
    public CBody Body { get; } = body;
    public int[] BodySlots { get; set; } = [];
}

/// <summary><c>some x</c> with nothing to do at run time (kept so expression indexes match the query's).</summary>
internal sealed class CNoop(Expr source) : CExpr(source);

internal enum WithTargetKind { Input, Data, Function }

internal sealed class CWith(WithTargetKind kind, string[] path, CTerm value, string? functionName, RuleNode? functionNode, CallTarget? replacement)
{
    /// <summary>For function targets replaced by another function or builtin (not by a value).</summary>
    public CallTarget? Replacement { get; } = replacement;
    public WithTargetKind Kind { get; } = kind;
    /// <summary>Path below input or data.</summary>
    public string[] Path { get; } = path;
    public CTerm Value { get; } = value;
    /// <summary>The builtin or function replaced (for Function targets).</summary>
    public string? FunctionName { get; } = functionName;
    public RuleNode? FunctionNode { get; } = functionNode;
}

internal sealed class CBody(CExpr[] exprs)
{
    public CExpr[] Exprs { get; } = exprs;
}

/// <summary>A compiled rule: its ref relative to the node it hangs on, head terms and body, in one frame.</summary>
internal sealed class CRule
{
    public required Rule Source { get; init; }
    public required RuleKind Kind { get; init; }
    public required int FrameSize { get; set; }
    /// <summary>Path terms after the rule's node (for refs like p.q[x].r hanging on node p.q: [x, "r"]).</summary>
    public required CTerm[] RefSuffix { get; init; }
    public CTerm? Key { get; init; }
    public CTerm? Value { get; init; }
    public CTerm[]? Args { get; init; }
    public required CBody Body { get; set; }
    public bool IsDefault { get; init; }
    public CRule? Else { get; init; }
    public Module Module { get; init; } = null!;
    /// <summary>For rule indexing: the input ref path and constant this rule's body requires, if any.</summary>
    public IndexConstraint? Index { get; set; }
}

/// <summary>An equality <c>ref == constant</c> at the top level of a rule body, used to skip rules that cannot match.</summary>
internal sealed record IndexConstraint(string Key, CRef Ref, Value Constant);
