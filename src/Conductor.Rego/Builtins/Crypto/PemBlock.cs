using System.Text;

namespace Conductor.Rego.Builtins.Crypto;

/// <summary>One PEM block, decoded as Go's encoding/pem does: text before the BEGIN line is skipped, headers are ignored.</summary>
internal sealed record PemBlock(string Type, byte[] Bytes)
{
    /// <summary>Finds the first PEM block in <paramref name="text"/>; <paramref name="rest"/> is what follows its END line.</summary>
    public static PemBlock? Decode(string text, out string rest)
    {
        rest = text;
        var search = 0;
        while (true)
        {
            var begin = text.IndexOf("-----BEGIN ", search, StringComparison.Ordinal);
            if (begin < 0) return null;
            search = begin + 1;
            var typeEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
            if (typeEnd < 0) return null;
            var type = text[(begin + 11)..typeEnd];
            if (type.Contains('\n')) continue;
            var bodyStart = typeEnd + 5;
            var endMarker = "-----END " + type + "-----";
            var end = text.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
            if (end < 0) return null;
            var body = text[bodyStart..end];
            var sb = new StringBuilder(body.Length);
            foreach (var line in body.Split('\n'))
            {
                // RFC 1421 headers ("Proc-Type: …") precede the base64 body.
                if (line.Contains(':')) continue;
                foreach (var c in line)
                {
                    if (!char.IsWhiteSpace(c)) sb.Append(c);
                }
            }
            var bytes = GoBase64.TryDecodeStd(sb.ToString(), out _);
            if (bytes is null) continue;
            var after = end + endMarker.Length;
            // The END line may end with spaces and one line break; anything else is left as the rest.
            while (after < text.Length && text[after] is ' ' or '\t') after++;
            if (after < text.Length && text[after] == '\r') after++;
            if (after < text.Length && text[after] == '\n') after++;
            rest = text[after..];
            return new PemBlock(type, bytes);
        }
    }

    /// <summary>All PEM blocks in order.</summary>
    public static List<PemBlock> DecodeAll(string text)
    {
        var blocks = new List<PemBlock>();
        while (Decode(text, out var rest) is { } block)
        {
            blocks.Add(block);
            text = rest;
        }
        return blocks;
    }
}
