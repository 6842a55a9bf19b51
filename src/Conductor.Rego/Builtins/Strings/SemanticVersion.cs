using System.Globalization;
using System.Numerics;

namespace Conductor.Rego.Builtins.Strings;

/// <summary>
/// A semantic version as OPA parses it (internal/semver): an optional "v" prefix, MAJOR.MINOR.PATCH as 64-bit
/// integers, then optional "-pre.release" and "+build" identifiers of [0-9A-Za-z-]. Precedence follows SemVer 2.0.0
/// and ignores build metadata.
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
            if (!ValidIdentifiers(s[(plus + 1)..])) return false;
            s = s[..plus];
        }
        var pre = "";
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            pre = s[(dash + 1)..];
            if (!ValidIdentifiers(pre)) return false;
            s = s[..dash];
        }
        var parts = s.Split('.');
        if (parts.Length != 3) return false;
        var numbers = new long[3];
        for (var i = 0; i < 3; i++)
        {
            // Go's strconv.ParseInt: an optional sign, decimal digits, 64-bit range; leading zeros are accepted.
            if (parts[i].Length == 0 || parts[i].Any(char.IsWhiteSpace)) return false;
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i])) return false;
        }
        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], pre);
        return true;
    }

    /// <summary>Empty, or dot-separated non-empty identifiers of ASCII letters, digits and hyphens.</summary>
    private static bool ValidIdentifiers(string s)
    {
        if (s.Length == 0) return true;
        foreach (var id in s.Split('.'))
        {
            if (id.Length == 0) return false;
            foreach (var c in id)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
            }
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
