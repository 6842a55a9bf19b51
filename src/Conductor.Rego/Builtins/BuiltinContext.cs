using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins;

/// <summary>
/// What a builtin may use besides its operands. One context serves one query evaluation: the clock reading,
/// the random source and the cache are fixed for that query, so repeated calls agree (time.now_ns, rand.intn).
/// </summary>
public sealed class BuiltinContext
{
    private long? _nowNs;

    public BuiltinContext(EvaluationOptions options)
    {
        Options = options;
    }

    public EvaluationOptions Options { get; }

    public CancellationToken Cancellation => Options.Cancellation;

    /// <summary>Nanoseconds since the Unix epoch, read once per query from the options' <see cref="TimeProvider"/>.</summary>
    public long NowNanoseconds
    {
        get
        {
            _nowNs ??= (Options.TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
            return _nowNs.Value;
        }
    }

    public Random Random => Options.Random ?? Random.Shared;

    /// <summary>True when builtin errors must be raised instead of making the expression undefined.</summary>
    public bool StrictErrors => Options.StrictBuiltinErrors;

    /// <summary>Per-query storage for builtins (memoised results, compiled patterns).</summary>
    public Dictionary<string, object> Cache => _cache ??= new Dictionary<string, object>(StringComparer.Ordinal);

    // Created on first use: most queries call no builtin that caches.
    private Dictionary<string, object>? _cache;

    /// <summary>Where the current call is written; set by the evaluator before each call.</summary>
    public SourceLocation? Location { get; set; }

    /// <summary>Writes a line of <c>print</c> output.</summary>
    public void Print(string line) => Options.Print?.Invoke(Location, line);

    /// <summary>The annotations of the rule being evaluated (<c>rego.metadata.rule</c>); a host may set its own.</summary>
    public Func<Value>? RuleMetadata
    {
        get => _ruleMetadata ?? (MetadataSource is { } source ? source.RuleMetadata : null);
        set => _ruleMetadata = value;
    }

    /// <summary>The chain of annotations from the rule to the package (<c>rego.metadata.chain</c>); a host may set its own.</summary>
    public Func<Value>? MetadataChain
    {
        get => _metadataChain ?? (MetadataSource is { } source ? source.MetadataChain : null);
        set => _metadataChain = value;
    }

    private Func<Value>? _ruleMetadata;
    private Func<Value>? _metadataChain;

    /// <summary>Set by the evaluator; the delegates above are made from it only when a builtin asks.</summary>
    internal IRuleMetadataSource? MetadataSource { get; set; }
}
