using System.Globalization;
using System.Numerics;

namespace Conductor.Rego.Builtins.Net;

/// <summary>An IP network as Go's net.IPNet: an address (4 or 16 bytes) and a prefix length over that many bits.</summary>
internal sealed class IpNetwork
{
    public IpNetwork(byte[] address, int prefixLength)
    {
        Address = address;
        PrefixLength = prefixLength;
    }

    /// <summary>The address as written for the network; <see cref="ParseCidr"/> stores it masked.</summary>
    public byte[] Address { get; }

    public int PrefixLength { get; }

    public int Bits => Address.Length * 8;

    /// <summary>Go's net.ParseCIDR; the error text is Go's ("invalid CIDR address: …").</summary>
    public static IpNetwork ParseCidr(string s)
    {
        return TryParseCidr(s) ?? throw BuiltinException.Error($"invalid CIDR address: {s}");
    }

    public static IpNetwork? TryParseCidr(string s)
    {
        var slash = s.IndexOf('/');
        if (slash < 0) return null;
        var ip = IpAddressText.Parse(s[..slash]);
        if (ip is null) return null;
        var maskText = s[(slash + 1)..];
        if (maskText.Length == 0 || maskText.Length > 4) return null;
        foreach (var c in maskText)
        {
            if (c is < '0' or > '9') return null;
        }
        var prefix = int.Parse(maskText, CultureInfo.InvariantCulture);
        if (prefix > ip.Length * 8) return null;
        return new IpNetwork(Mask(ip, prefix), prefix);
    }

    public static byte[] Mask(byte[] ip, int prefix)
    {
        var r = new byte[ip.Length];
        for (var i = 0; i < ip.Length; i++)
        {
            var bits = Math.Clamp(prefix - i * 8, 0, 8);
            r[i] = (byte)(ip[i] & (byte)(0xff << (8 - bits)));
        }
        return r;
    }

    /// <summary>Go's IPNet.Contains: IPv4-mapped addresses count as IPv4; families must match.</summary>
    public bool Contains(byte[] ip)
    {
        var candidate = IpAddressText.To4(ip) ?? ip;
        if (candidate.Length != Address.Length) return false;
        var network = Mask(Address, PrefixLength);
        var masked = Mask(candidate, PrefixLength);
        return network.AsSpan().SequenceEqual(masked);
    }

    /// <summary>The first address (the masked network address).</summary>
    public byte[] First => Mask(Address, PrefixLength);

    /// <summary>The last address (all host bits set).</summary>
    public byte[] Last
    {
        get
        {
            var r = First;
            for (var i = 0; i < r.Length; i++)
            {
                var bits = Math.Clamp(PrefixLength - i * 8, 0, 8);
                r[i] |= (byte)(0xff >> bits);
            }
            return r;
        }
    }

    /// <summary>Number of addresses in the network.</summary>
    public BigInteger Size => BigInteger.One << (Bits - PrefixLength);

    /// <summary>Go's IPNet.String: the address (IPv4 form when it has one) and the prefix length.</summary>
    public override string ToString()
    {
        return IpAddressText.Format(Address) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }

    public static BigInteger ToInteger(ReadOnlySpan<byte> ip) => new(ip, isUnsigned: true, isBigEndian: true);

    public static byte[] FromInteger(BigInteger value, int length)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var r = new byte[length];
        bytes.AsSpan().CopyTo(r.AsSpan(length - bytes.Length));
        return r;
    }
}
