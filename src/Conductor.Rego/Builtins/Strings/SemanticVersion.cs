using System.Globalization;
using System.Numerics;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>
/// A semantic version as OPA 1.x checks it: an optional "v" prefix (OPA's parser trims it), then strict SemVer 2.0.0 —
/// MAJOR.MINOR.PATCH without leading zeros (64-bit), optional non-empty "-pre.release" identifiers of [0-9A-Za-z-]
/// (numeric ones without leading zeros) and non-empty "+build" identifiers. Precedence ignores build metadata.
/// </summary>
internal sealed class SemanticVersion : IComparable<SemanticVersion>
{
    private SemanticVersion(long major, long minor, long patch, string prerelease)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
    }

    public long Major { get; }
    public long Minor { get; }
    public long Patch { get; }
    public string Prerelease { get; }

    public static bool TryParse(string s, out SemanticVersion version)
    {
        version = null!;
        if (s.StartsWith('v')) s = s[1..];
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            if (!ValidIdentifiers(s[(plus + 1)..], numericRules: false)) return false;
            s = s[..plus];
        }
        var pre = "";
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            pre = s[(dash + 1)..];
            if (!ValidIdentifiers(pre, numericRules: true)) return false;
            s = s[..dash];
        }
        var parts = s.Split('.');
        if (parts.Length != 3) return false;
        var numbers = new long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!IsNumeric(parts[i]) || (parts[i].Length > 1 && parts[i][0] == '0')) return false;
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return false;
        }
        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], pre);
        return true;
    }

    /// <summary>Dot-separated non-empty identifiers of ASCII letters, digits and hyphens (numeric pre-release ones without leading zeros).</summary>
    private static bool ValidIdentifiers(string s, bool numericRules)
    {
        if (s.Length == 0) return false;
        foreach (var id in s.Split('.'))
        {
            if (id.Length == 0) return false;
            foreach (var c in id)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
            }
            if (numericRules && id.Length > 1 && id[0] == '0' && IsNumeric(id)) return false;
        }
        return true;
    }

    private static bool IsNumeric(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c != 0) return Math.Sign(c);
        c = Minor.CompareTo(other.Minor);
        if (c != 0) return Math.Sign(c);
        c = Patch.CompareTo(other.Patch);
        if (c != 0) return Math.Sign(c);
        if (Prerelease == other.Prerelease) return 0;
        // A version without pre-release identifiers has higher precedence.
        if (Prerelease.Length == 0) return 1;
        if (other.Prerelease.Length == 0) return -1;
        var a = Prerelease.Split('.');
        var b = other.Prerelease.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var an = IsNumeric(a[i]);
            var bn = IsNumeric(b[i]);
            if (an && !bn) return -1;
            if (!an && bn) return 1;
            c = an
                ? BigInteger.Parse(a[i], CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(b[i], CultureInfo.InvariantCulture))
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return Math.Sign(c);
        }
        return a.Length.CompareTo(b.Length);
    }
}
