using System.Numerics;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Net;

/// <summary>OPA's net.* builtins: CIDR arithmetic (Go net semantics) and net.lookup_ip_addr, which only
/// resolves IP address literals (DNS lookups are disabled).</summary>
public sealed class NetBuiltins : IBuiltinFamily
{
    /// <summary>net.cidr_expand refuses networks larger than this, so a policy cannot exhaust memory.</summary>
    public const int MaxExpandedAddresses = 1 << 22;

    private static readonly RegoType CidrMatchElement = RegoType.OneOf(RegoType.String, RegoType.ArrayOf(RegoType.Any));

    private static readonly RegoType CidrMatchOperand = RegoType.OneOf(
        RegoType.String,
        RegoType.ArrayOf(CidrMatchElement),
        RegoType.ObjectOf(RegoType.String, CidrMatchElement),
        RegoType.SetOf(CidrMatchElement));

    public void Register(BuiltinRegistry registry)
    {
        var s = RegoType.String;
        var b = RegoType.Boolean;
        registry.Register("net.cidr_contains", BuiltinSignature.Of(b, s, s), (_, a) => CidrContains(a));
        registry.Register(new BuiltinDefinition("net.cidr_overlap", BuiltinSignature.Of(b, s, s), (_, a) => CidrContains(a)) { Deprecated = true });
        registry.Register("net.cidr_intersects", BuiltinSignature.Of(b, s, s), (_, a) => CidrIntersects(a));
        registry.Register("net.cidr_is_valid", BuiltinSignature.Of(b, s), (_, a) =>
            BooleanValue.Of(a[0] is StringValue str && IpNetwork.TryParseCidr(str.Value) is not null));
        registry.Register("net.cidr_expand", BuiltinSignature.Of(RegoType.SetOf(s), s), CidrExpand);
        registry.Register("net.cidr_merge",
            BuiltinSignature.Of(RegoType.SetOf(s), RegoType.OneOf(RegoType.ArrayOf(RegoType.OneOf(s)), RegoType.SetOf(s))),
            (_, a) => CidrMerge(a));
        registry.Register("net.cidr_contains_matches",
            BuiltinSignature.Of(RegoType.SetOf(RegoType.ArrayOf(RegoType.Any, RegoType.Any)), CidrMatchOperand, CidrMatchOperand),
            (_, a) => CidrContainsMatches(a));
        registry.Register(new BuiltinDefinition("net.lookup_ip_addr", BuiltinSignature.Of(RegoType.SetOf(s), s), LookupIpAddr) { Nondeterministic = true });
    }

    private static Value LookupIpAddr(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var name = BuiltinArgs.String(args, 0);
        // Like Go's resolver, an IP address literal resolves to itself without any lookup.
        if (IpAddressText.Parse(name) is { } literal) return new SetValue([new StringValue(IpAddressText.Format(literal))]);
        // Policy evaluation never reaches the network for name resolution: results would depend on the host's resolver.
        throw BuiltinException.Error($"DNS lookups are disabled in Conductor (cannot resolve {name})");
    }

    private static IpNetwork NetworkOperand(Value v, int position)
    {
        if (v is not StringValue s) throw BuiltinException.OperandType(position, "string", v);
        return IpNetwork.ParseCidr(s.Value);
    }

    private static Value CidrContains(ReadOnlySpan<Value> args) => BooleanValue.Of(Contains(args[0], args[1]));

    private static bool Contains(Value a, Value b)
    {
        var network = NetworkOperand(a, 1);
        if (b is not StringValue bs) throw BuiltinException.OperandType(1, "string", b);
        var ip = IpAddressText.Parse(bs.Value);
        if (ip is not null) return network.Contains(ip);
        var inner = IpNetwork.TryParseCidr(bs.Value)
            ?? throw BuiltinException.Error($"not a valid textual representation of an IP address or CIDR: {bs.Value}");
        // A contains B exactly when it contains B's first and last addresses.
        return network.Contains(inner.First) && network.Contains(inner.Last);
    }

    private static Value CidrIntersects(ReadOnlySpan<Value> args)
    {
        var a = NetworkOperand(args[0], 1);
        var b = NetworkOperand(args[1], 1);
        return BooleanValue.Of(a.Contains(b.First) || b.Contains(a.First));
    }

    private static Value CidrExpand(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var network = IpNetwork.ParseCidr(BuiltinArgs.String(args, 0));
        if (network.Size > MaxExpandedAddresses)
            throw BuiltinException.Error($"{network} has {network.Size} addresses, more than the limit of {MaxExpandedAddresses}");
        var count = (int)network.Size;
        var items = new HashSet<Value>(count);
        var current = network.First;
        for (var i = 0; i < count; i++)
        {
            if ((i & 0xffff) == 0) context.Cancellation.ThrowIfCancellationRequested();
            items.Add(new StringValue(IpAddressText.Format(current)));
            Increment(current);
        }
        return new SetValue(items);
    }

    private static void Increment(byte[] ip)
    {
        for (var j = ip.Length - 1; j >= 0; j--)
        {
            if (++ip[j] != 0) break;
        }
    }

    private static Value CidrMerge(ReadOnlySpan<Value> args)
    {
        ReadOnlySpan<Value> items = args[0] switch
        {
            ArrayValue a => a.Items,
            SetValue s => s.Sorted,
            _ => throw BuiltinException.Error("operand must be an array"),
        };
        var v4 = new List<MergeRange>();
        var v6 = new List<MergeRange>();
        foreach (var item in items)
        {
            var network = MergeElement(item);
            var range = new MergeRange(IpNetwork.ToInteger(network.First), IpNetwork.ToInteger(network.Last), network);
            (network.Address.Length == 4 ? v4 : v6).Add(range);
        }
        var result = new HashSet<Value>();
        foreach (var (list, length) in new[] { (v4, 4), (v6, 16) })
        {
            foreach (var r in MergeRanges(list))
            {
                if (r.Network is not null)
                {
                    result.Add(new StringValue(r.Network.ToString()));
                    continue;
                }
                foreach (var n in RangeToNetworks(r.First, r.Last, length)) result.Add(new StringValue(n.ToString()));
            }
        }
        return new SetValue(result);
    }

    private static IpNetwork MergeElement(Value item)
    {
        if (item is not StringValue s) throw BuiltinException.Error("element must be string");
        var ip = IpAddressText.Parse(s.Value);
        if (ip is null) return IpNetwork.ParseCidr(s.Value);
        var v4 = IpAddressText.To4(ip) ?? throw BuiltinException.Error("IPv6 invalid: needs prefix length");
        // OPA gives a bare IPv4 address its classful default mask (Go's IP.DefaultMask) and keeps the address unmasked.
        var prefix = v4[0] < 0x80 ? 8 : v4[0] < 0xc0 ? 16 : v4[0] < 0xe0 ? 24 : 32;
        return new IpNetwork(v4, prefix);
    }

    private sealed record MergeRange(BigInteger First, BigInteger Last, IpNetwork? Network);

    private static List<MergeRange> MergeRanges(List<MergeRange> ranges)
    {
        // Sorted by last address, then merged right to left when a range starts at or before the previous one ends + 1;
        // ranges that merge with nothing keep their original text.
        var sorted = ranges.OrderBy(r => r.Last).ThenBy(r => r.First).ToList();
        for (var i = sorted.Count - 1; i > 0; i--)
        {
            var current = sorted[i];
            var previous = sorted[i - 1];
            if (current.First - 1 <= previous.Last)
            {
                sorted[i - 1] = new MergeRange(BigInteger.Min(previous.First, current.First), current.Last, null);
                sorted.RemoveAt(i);
            }
        }
        return sorted;
    }

    private static IEnumerable<IpNetwork> RangeToNetworks(BigInteger first, BigInteger last, int length)
    {
        var bits = length * 8;
        while (first <= last)
        {
            // The largest aligned block starting at first that does not pass last.
            var size = bits;
            while (size > 0)
            {
                var block = BigInteger.One << size;
                if (first % block == 0 && first + block - 1 <= last) break;
                size--;
            }
            yield return new IpNetwork(IpNetwork.FromInteger(first, length), bits - size);
            first += BigInteger.One << size;
        }
    }

    private static Value CidrContainsMatches(ReadOnlySpan<Value> args)
    {
        var left = MatchOperand(args[0], 1);
        var result = new HashSet<Value>();
        // As in OPA, the second collection is only looked at when the first has elements.
        if (left.Count == 0) return SetValue.Empty;
        var right = MatchOperand(args[1], 2);
        foreach (var (cidr1, key1) in left)
        {
            foreach (var (cidr2, key2) in right)
            {
                if (Contains(cidr1, cidr2)) result.Add(new ArrayValue([key1, key2]));
            }
        }
        return new SetValue(result);
    }

    private static List<(Value Cidr, Value Key)> MatchOperand(Value operand, int position)
    {
        var list = new List<(Value, Value)>();
        switch (operand)
        {
            case StringValue:
                list.Add((operand, operand));
                break;
            case ArrayValue a:
                for (var i = 0; i < a.Count; i++) list.Add((MatchTerm(a[i], position), NumberValue.Of(i)));
                break;
            case SetValue s:
                foreach (var x in s.Sorted) list.Add((MatchTerm(x, position), x));
                break;
            case ObjectValue o:
                foreach (var (k, v) in o.Entries) list.Add((MatchTerm(v, position), k));
                break;
            default:
                throw BuiltinException.OperandTypes(position, ["string", "array", "set", "object"], operand);
        }
        return list;
    }

    private static Value MatchTerm(Value v, int position) => v switch
    {
        StringValue => v,
        ArrayValue { Count: > 0 } a => a[0],
        _ => throw BuiltinException.Error($"operand {position}: element must be string or non-empty array"),
    };
}
