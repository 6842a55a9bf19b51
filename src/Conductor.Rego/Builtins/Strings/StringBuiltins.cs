using System.Globalization;
using System.Numerics;
using System.Text;
using Conductor.Rego.Builtins.Core;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>
/// OPA's string builtins (topdown/strings.go): concat, contains, split, replace, trim*, indexof, substring,
/// sprintf, format_int and the strings.* namespace. Positions and lengths count Unicode code points, as Go's runes.
/// </summary>
public sealed class StringBuiltins : IBuiltinFamily
{
    private static readonly RegoType S = RegoType.String;
    private static readonly RegoType StringCollection = RegoType.OneOf(RegoType.String, RegoType.ArrayOf(RegoType.String), RegoType.SetOf(RegoType.String));

    /// <inheritdoc />
    public void Register(BuiltinRegistry registry)
    {
        registry.Register("concat", BuiltinSignature.Of(S, S, RegoType.OneOf(RegoType.ArrayOf(S), RegoType.SetOf(S))), Concat);
        registry.Register("contains", BuiltinSignature.Of(RegoType.Boolean, S, S),
            (_, a) => BooleanValue.Of(BuiltinArgs.String(a, 0).Contains(BuiltinArgs.String(a, 1), StringComparison.Ordinal)));
        registry.Register("startswith", BuiltinSignature.Of(RegoType.Boolean, S, S),
            (_, a) => BooleanValue.Of(BuiltinArgs.String(a, 0).StartsWith(BuiltinArgs.String(a, 1), StringComparison.Ordinal)));
        registry.Register("endswith", BuiltinSignature.Of(RegoType.Boolean, S, S),
            (_, a) => BooleanValue.Of(BuiltinArgs.String(a, 0).EndsWith(BuiltinArgs.String(a, 1), StringComparison.Ordinal)));
        registry.Register("lower", BuiltinSignature.Of(S, S), (_, a) => new StringValue(BuiltinArgs.String(a, 0).ToLowerInvariant()));
        registry.Register("upper", BuiltinSignature.Of(S, S), (_, a) => new StringValue(BuiltinArgs.String(a, 0).ToUpperInvariant()));
        registry.Register("split", BuiltinSignature.Of(RegoType.ArrayOf(S), S, S), Split);
        registry.Register("strings.split_n", BuiltinSignature.Of(RegoType.ArrayOf(S), S, S, RegoType.Number), SplitN);
        registry.Register("replace", BuiltinSignature.Of(S, S, S, S),
            (_, a) => new StringValue(GoStrings.ReplaceAll(BuiltinArgs.String(a, 0), BuiltinArgs.String(a, 1), BuiltinArgs.String(a, 2), -1)));
        registry.Register("trim", BuiltinSignature.Of(S, S, S),
            (_, a) => new StringValue(GoStrings.TrimRight(GoStrings.TrimLeft(BuiltinArgs.String(a, 0), BuiltinArgs.String(a, 1)), BuiltinArgs.String(a, 1))));
        registry.Register("trim_left", BuiltinSignature.Of(S, S, S),
            (_, a) => new StringValue(GoStrings.TrimLeft(BuiltinArgs.String(a, 0), BuiltinArgs.String(a, 1))));
        registry.Register("trim_right", BuiltinSignature.Of(S, S, S),
            (_, a) => new StringValue(GoStrings.TrimRight(BuiltinArgs.String(a, 0), BuiltinArgs.String(a, 1))));
        registry.Register("trim_prefix", BuiltinSignature.Of(S, S, S), TrimPrefix);
        registry.Register("trim_suffix", BuiltinSignature.Of(S, S, S), TrimSuffix);
        registry.Register("trim_space", BuiltinSignature.Of(S, S), (_, a) => new StringValue(BuiltinArgs.String(a, 0).Trim()));
        registry.Register("format_int", BuiltinSignature.Of(S, RegoType.Number, RegoType.Number), FormatInt);
        registry.Register("indexof", BuiltinSignature.Of(RegoType.Number, S, S), IndexOf);
        registry.Register("indexof_n", BuiltinSignature.Of(RegoType.ArrayOf(RegoType.Number), S, S), IndexOfN);
        registry.Register("substring", BuiltinSignature.Of(S, S, RegoType.Number, RegoType.Number), Substring);
        registry.Register("sprintf", BuiltinSignature.Of(S, S, RegoType.AnyArray), Sprintf);
        registry.Register("strings.any_prefix_match", BuiltinSignature.Of(RegoType.Boolean, StringCollection, StringCollection),
            (_, a) => AnyMatch(a, static (s, p) => s.StartsWith(p, StringComparison.Ordinal)));
        registry.Register("strings.any_suffix_match", BuiltinSignature.Of(RegoType.Boolean, StringCollection, StringCollection),
            (_, a) => AnyMatch(a, static (s, p) => s.EndsWith(p, StringComparison.Ordinal)));
        registry.Register("strings.count", BuiltinSignature.Of(RegoType.Number, S, S),
            (_, a) => NumberValue.Of(GoStrings.Count(BuiltinArgs.String(a, 0), BuiltinArgs.String(a, 1))));
        registry.Register("strings.replace_n", BuiltinSignature.Of(S, RegoType.ObjectOf(S, S), S), ReplaceN);
        registry.Register("strings.reverse", BuiltinSignature.Of(S, S), Reverse);
        registry.Register("strings.render_template", BuiltinSignature.Of(S, S, RegoType.ObjectOf(S, RegoType.Any)), RenderTemplate);
    }

    private static Value Concat(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var delimiter = BuiltinArgs.String(args, 0);
        var items = args[1] switch
        {
            ArrayValue a => a.Items,
            SetValue set => set.Sorted,
            _ => throw BuiltinException.OperandTypes(2, ["set", "array"], args[1]),
        };
        var sb = new StringBuilder();
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not StringValue s) throw ElementError(2, args[1], items[i], "strings");
            if (i > 0) sb.Append(delimiter);
            sb.Append(s.Value);
        }
        return new StringValue(sb.ToString());
    }

    /// <summary>OPA's "operand 2 must be array of strings but got array containing number".</summary>
    internal static BuiltinException ElementError(int position, Value collection, Value element, string expected) =>
        new(RegoErrorCodes.EvalTypeError, $"operand {position} must be {collection.TypeName} of {expected} but got {collection.TypeName} containing {element.TypeName}");

    private static Value Split(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var sep = BuiltinArgs.String(args, 1);
        return new ArrayValue(GoStrings.Split(s, sep, -1).Select(static p => (Value)new StringValue(p)).ToArray());
    }

    /// <summary>strings.split_n: the first n parts of the split (the last |n| when n is negative), none when n is 0.</summary>
    private static Value SplitN(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var sep = BuiltinArgs.String(args, 1);
        var n = BuiltinArgs.Integer(args, 2);
        var parts = s.Length == 0 ? [""] : GoStrings.Split(s, sep, -1);
        var take = (int)Math.Min(Math.Abs(n), parts.Count);
        var selected = n >= 0 ? parts.Take(take) : parts.Skip(parts.Count - take);
        return new ArrayValue(selected.Select(static p => (Value)new StringValue(p)).ToArray());
    }

    private static Value TrimPrefix(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var prefix = BuiltinArgs.String(args, 1);
        return s.StartsWith(prefix, StringComparison.Ordinal) ? new StringValue(s[prefix.Length..]) : args[0];
    }

    private static Value TrimSuffix(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var suffix = BuiltinArgs.String(args, 1);
        return s.EndsWith(suffix, StringComparison.Ordinal) ? new StringValue(s[..^suffix.Length]) : args[0];
    }

    private static Value FormatInt(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var n = BuiltinArgs.Number(args, 0);
        var baseValue = BuiltinArgs.Number(args, 1);
        var radix = baseValue.TryGetInt64(out var b) ? b : 0;
        if (radix is not (2 or 8 or 10 or 16))
            throw new BuiltinException(RegoErrorCodes.EvalTypeError, "operand 2 must be one of {2, 8, 10, 16}");
        // OPA reads the number as a 64-bit big.Float (rounding integers of more bits) and truncates it toward zero.
        var i = n.TryGetInt64(out var l) ? l : NumberMath.Operand(n).Truncate();
        return new StringValue(GoFormatter.IntegerDigits(i, (int)radix, upper: false));
    }

    private static Value IndexOf(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var search = BuiltinArgs.String(args, 1);
        if (search.Length == 0) throw BuiltinException.Error("empty search character");
        var i = s.IndexOf(search, StringComparison.Ordinal);
        return NumberValue.Of(i < 0 ? -1 : CodePoints.Count(s.AsSpan(0, i)));
    }

    private static Value IndexOfN(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var search = BuiltinArgs.String(args, 1);
        if (search.Length == 0) throw BuiltinException.Error("empty search character");
        var result = new List<Value>();
        var runeIndex = 0;
        for (var i = 0; i < s.Length; runeIndex++)
        {
            if (i + search.Length <= s.Length && string.CompareOrdinal(s, i, search, 0, search.Length) == 0) result.Add(NumberValue.Of(runeIndex));
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        }
        return new ArrayValue(result.ToArray());
    }

    private static Value Substring(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var offset = BuiltinArgs.Integer(args, 1);
        var length = BuiltinArgs.Integer(args, 2);
        if (offset < 0) throw BuiltinException.Error("negative offset");
        if (s.Length == 0) return StringValue.Empty;
        var start = CodePoints.Offset(s, offset);
        if (start >= s.Length) return StringValue.Empty;
        if (length < 0) return new StringValue(s[start..]);
        // Saturate: offset + length may exceed 64 bits.
        var end = CodePoints.Offset(s, length > long.MaxValue - offset ? long.MaxValue : offset + length);
        return new StringValue(s[start..Math.Min(end, s.Length)]);
    }

    private static Value Sprintf(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var format = BuiltinArgs.String(args, 0);
        var values = BuiltinArgs.Array(args, 1);
        return new StringValue(GoFormatter.Sprintf(format, values.Items));
    }

    private static Value AnyMatch(ReadOnlySpan<Value> args, Func<string, string, bool> match)
    {
        var search = StringsOf(args, 0);
        var bases = StringsOf(args, 1);
        foreach (var s in search)
        {
            foreach (var b in bases)
            {
                if (match(s, b)) return BooleanValue.True;
            }
        }
        return BooleanValue.False;
    }

    private static List<string> StringsOf(ReadOnlySpan<Value> args, int index)
    {
        var v = args[index];
        switch (v)
        {
            case StringValue s:
                return [s.Value];
            case ArrayValue or SetValue:
                var items = v is ArrayValue a ? a.Items : ((SetValue)v).Sorted;
                var list = new List<string>(items.Length);
                foreach (var item in items)
                {
                    if (item is not StringValue str) throw ElementError(index + 1, v, item, "strings");
                    list.Add(str.Value);
                }
                return list;
            default:
                throw BuiltinException.OperandTypes(index + 1, ["string", "set", "array"], v);
        }
    }

    private static Value ReplaceN(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var patterns = BuiltinArgs.Object(args, 0);
        var s = BuiltinArgs.String(args, 1);
        var pairs = new List<(string Old, string New)>(patterns.Count);
        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns.KeyAt(i) is not StringValue k) throw new BuiltinException(RegoErrorCodes.EvalTypeError, "operand 1 non-string key found in pattern object");
            if (patterns.ValueAt(i) is not StringValue v) throw new BuiltinException(RegoErrorCodes.EvalTypeError, "operand 1 non-string value found in pattern object");
            pairs.Add((k.Value, v.Value));
        }
        return new StringValue(GoStrings.Replacer(s, pairs));
    }

    private static Value Reverse(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var s = BuiltinArgs.String(args, 0);
        var runes = s.EnumerateRunes().ToArray();
        Array.Reverse(runes);
        var sb = new StringBuilder(s.Length);
        foreach (var r in runes) sb.Append(r.ToString());
        return new StringValue(sb.ToString());
    }

    private static Value RenderTemplate(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var template = BuiltinArgs.String(args, 0);
        var vars = BuiltinArgs.Object(args, 1);
        return new StringValue(GoTemplate.Parse(template).Execute(vars));
    }

    internal static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
