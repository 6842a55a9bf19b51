using System.Globalization;
using System.Numerics;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>A Semantic Versioning 2.0.0 version; precedence ignores build metadata.</summary>
internal sealed class SemanticVersion : IComparable<SemanticVersion>
{
    private SemanticVersion(BigInteger major, BigInteger minor, BigInteger patch, string[] prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
    }

    public BigInteger Major { get; }
    public BigInteger Minor { get; }
    public BigInteger Patch { get; }
    public string[] Prerelease { get; }

    public static bool TryParse(string s, out SemanticVersion version)
    {
        version = null!;
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            if (!Identifiers(s[(plus + 1)..], numericRules: false, out _)) return false;
            s = s[..plus];
        }
        string[] pre = [];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            if (!Identifiers(s[(dash + 1)..], numericRules: true, out pre)) return false;
            s = s[..dash];
        }
        var parts = s.Split('.');
        if (parts.Length != 3) return false;
        var numbers = new BigInteger[3];
        for (var i = 0; i < 3; i++)
        {
            if (!IsNumeric(parts[i]) || (parts[i].Length > 1 && parts[i][0] == '0')) return false;
            numbers[i] = BigInteger.Parse(parts[i], CultureInfo.InvariantCulture);
        }
        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], pre);
        return true;
    }

    private static bool Identifiers(string s, bool numericRules, out string[] ids)
    {
        ids = s.Split('.');
        foreach (var id in ids)
        {
            if (id.Length == 0) return false;
            foreach (var c in id)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
            }
            if (numericRules && IsNumeric(id) && id.Length > 1 && id[0] == '0') return false;
        }
        return true;
    }

    private static bool IsNumeric(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        if (c != 0) return c;
        c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        // A version without pre-release identifiers has higher precedence.
        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            if (Prerelease.Length == other.Prerelease.Length) return 0;
            return Prerelease.Length == 0 ? 1 : -1;
        }
        var n = Math.Min(Prerelease.Length, other.Prerelease.Length);
        for (var i = 0; i < n; i++)
        {
            var a = Prerelease[i];
            var b = other.Prerelease[i];
            var an = IsNumeric(a);
            var bn = IsNumeric(b);
            if (an && bn) c = BigInteger.Parse(a, CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(b, CultureInfo.InvariantCulture));
            else if (an) c = -1;
            else if (bn) c = 1;
            else c = string.CompareOrdinal(a, b);
            if (c != 0) return c;
        }
        return Prerelease.Length.CompareTo(other.Prerelease.Length);
    }
}
