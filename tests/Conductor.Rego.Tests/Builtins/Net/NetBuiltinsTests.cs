using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Jwt.BuiltinCaller;

namespace Conductor.Rego.Tests.Builtins.Net;

public sealed class NetBuiltinsTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/24", true)]
    [InlineData("10.0.0.0/8", "192.168.1.1", false)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/24", "10.0.0.0/23", false)]
    [InlineData("2001:4860:4860::8888/32", "2001:4860:4860:1234::8888/40", true)]
    [InlineData("2001:4860::/32", "fd1e:5bfe:8af3:9ddc::/64", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    public void Cidr_contains(string cidr, string other, bool expected)
    {
        Assert.Equal(BooleanValue.Of(expected), Call("net.cidr_contains", S(cidr), S(other)));
        Assert.Equal(BooleanValue.Of(expected), Call("net.cidr_overlap", S(cidr), S(other)));
    }

    [Fact]
    public void Cidr_contains_errors_use_go_messages()
    {
        Assert.Equal("invalid CIDR address: 10.0.0.0", Error("net.cidr_contains", S("10.0.0.0"), S("10.0.0.1")).Message);
        Assert.Equal("invalid CIDR address: 010.0.0.0/8", Error("net.cidr_contains", S("010.0.0.0/8"), S("10.0.0.1")).Message);
        Assert.Equal("not a valid textual representation of an IP address or CIDR: nope", Error("net.cidr_contains", S("10.0.0.0/8"), S("nope")).Message);
        Assert.Equal("operand 1 must be string but got number", Error("net.cidr_contains", NumberValue.Of(1), S("x")).Message);
        Assert.Equal("invalid CIDR address: 1.2.3.4/33", Error("net.cidr_intersects", S("1.2.3.4/33"), S("1.2.3.4/32")).Message);
    }

    [Theory]
    [InlineData("192.168.0.0/16", "192.168.1.0/24", true)]
    [InlineData("192.168.1.0/24", "192.168.0.0/16", true)]
    [InlineData("192.168.1.0/24", "192.168.2.0/24", false)]
    [InlineData("fd00::/8", "fd12::/16", true)]
    public void Cidr_intersects(string a, string b, bool expected) =>
        Assert.Equal(BooleanValue.Of(expected), Call("net.cidr_intersects", S(a), S(b)));

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("::1/128", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("1.2.3.256/8", false)]
    [InlineData("fe80::1%eth0/64", false)]
    public void Cidr_is_valid(string cidr, bool expected) => Assert.Equal(BooleanValue.Of(expected), Call("net.cidr_is_valid", S(cidr)));

    [Fact]
    public void Cidr_is_valid_is_false_for_non_strings() => Assert.Equal(BooleanValue.False, Call("net.cidr_is_valid", NumberValue.Of(1)));

    [Fact]
    public void Cidr_expand_lists_every_address()
    {
        Assert.Equal("[\"192.168.1.0\",\"192.168.1.1\",\"192.168.1.2\",\"192.168.1.3\"]", Call("net.cidr_expand", S("192.168.1.1/30"))!.ToJson());
        Assert.Equal("[\"::\",\"::1\"]", Call("net.cidr_expand", S("::/127"))!.ToJson());
        Assert.Equal("[\"2001:db8::fffe\",\"2001:db8::ffff\"]", Call("net.cidr_expand", S("2001:db8::fffe/127"))!.ToJson());
        Assert.Equal(256, ((SetValue)Call("net.cidr_expand", S("10.0.0.0/24"))!).Count);
        Assert.StartsWith("::/0 has ", Error("net.cidr_expand", S("::/0")).Message);
    }

    [Fact]
    public void Cidr_merge_merges_adjacent_and_contained_networks()
    {
        Assert.Equal("[\"192.0.128.0/23\"]", Call("net.cidr_merge", Json("[\"192.0.128.0/24\",\"192.0.129.0/24\"]"))!.ToJson());
        Assert.Equal("[\"192.0.128.0/24\"]", Call("net.cidr_merge", Json("[\"192.0.128.0/24\",\"192.0.128.0/26\"]"))!.ToJson());
        Assert.Equal("[\"10.0.0.0/24\",\"10.0.1.0/25\"]", Call("net.cidr_merge", Json("[\"10.0.0.0/25\",\"10.0.0.128/25\",\"10.0.1.0/25\"]"))!.ToJson());
        Assert.Equal("[\"2001:db8::/31\"]", Call("net.cidr_merge", Json("[\"2001:db8::/32\",\"2001:db9::/32\"]"))!.ToJson());
        Assert.Equal("[\"192.0.128.0/24\",\"2001:db8::/32\"]", Call("net.cidr_merge", new SetValue([S("2001:db8::/32"), S("192.0.128.0/24")]))!.ToJson());
        // A bare IPv4 address gets its classful mask, as Go's IP.DefaultMask, and keeps its own text.
        Assert.Equal("[\"192.168.1.1/24\"]", Call("net.cidr_merge", Json("[\"192.168.1.1\"]"))!.ToJson());
        Assert.Equal("[]", Call("net.cidr_merge", Json("[]"))!.ToJson());
        Assert.Equal("IPv6 invalid: needs prefix length", Error("net.cidr_merge", Json("[\"::1\"]")).Message);
        Assert.Equal("element must be string", Error("net.cidr_merge", Json("[1]")).Message);
    }

    [Fact]
    public void Cidr_contains_matches_reports_keys_of_each_collection()
    {
        Assert.Equal("[[\"1.1.1.0/24\",\"1.1.1.128\"]]", Call("net.cidr_contains_matches", S("1.1.1.0/24"), S("1.1.1.128"))!.ToJson());
        Assert.Equal("[[0,0],[0,2],[1,1]]",
            Call("net.cidr_contains_matches", Json("[\"1.1.0.0/16\",\"2.2.2.0/24\"]"), Json("[\"1.1.1.1\",\"2.2.2.2\",[\"1.1.2.0/24\",\"tag\"]]"))!.ToJson());
        Assert.Equal("[[\"a\",\"x\"]]",
            Call("net.cidr_contains_matches", Json("{\"a\":\"10.0.0.0/8\",\"b\":[\"11.0.0.0/8\",\"meta\"]}"), Json("{\"x\":\"10.1.1.1\"}"))!.ToJson());
        Assert.Equal("operand 2: element must be string or non-empty array",
            Error("net.cidr_contains_matches", S("10.0.0.0/8"), Json("[[]]")).Message);
        Assert.Equal("operand 1: element must be string or non-empty array",
            Error("net.cidr_contains_matches", Json("[1]"), S("10.0.0.1")).Message);
        // The second operand is not examined when the first is empty.
        Assert.Equal("[]", Call("net.cidr_contains_matches", Json("[]"), Json("[1]"))!.ToJson());
    }

    [Fact]
    public void Lookup_ip_addr_never_queries_dns()
    {
        var e = Error("net.lookup_ip_addr", S("localhost"));
        Assert.Equal(RegoErrorCodes.BuiltinError, e.Code);
        Assert.Equal("DNS lookups are disabled in Conductor (cannot resolve localhost)", e.Message);
        Assert.True(BuiltinRegistry.Default.TryGet("net.lookup_ip_addr", out var def) && def.Nondeterministic);
    }

    [Fact]
    public void Lookup_ip_addr_resolves_address_literals_to_themselves()
    {
        var resolved = Call("net.lookup_ip_addr", S("192.168.7.9"));
        Assert.IsType<SetValue>(resolved);
        Assert.Equal("[\"192.168.7.9\"]", resolved.ToJson());
        // Go's text form: zero runs compressed, IPv4-mapped addresses shown as IPv4.
        Assert.Equal("[\"2001:db8::7\"]", Call("net.lookup_ip_addr", S("2001:0db8:0:0:0:0:0:0007"))!.ToJson());
        Assert.Equal("[\"10.1.2.3\"]", Call("net.lookup_ip_addr", S("::ffff:10.1.2.3"))!.ToJson());
        // Not a literal (leading zeros are not IPv4 in Go): a lookup, which stays disabled.
        Assert.Equal("DNS lookups are disabled in Conductor (cannot resolve 010.1.2.3)", Error("net.lookup_ip_addr", S("010.1.2.3")).Message);
    }

    [Fact]
    public void Cidr_overlap_is_marked_deprecated()
    {
        Assert.True(BuiltinRegistry.Default.TryGet("net.cidr_overlap", out var def));
        Assert.True(def.Deprecated);
    }
}
