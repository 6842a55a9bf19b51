namespace Conductor.Rego.Builtins.Encodings;

/// <summary>Go's net/url query escaping: <c>url.QueryEscape</c>, <c>url.QueryUnescape</c> and <c>url.ParseQuery</c>.</summary>
internal static class GoUrlQuery
{
    /// <summary>Escapes everything but ASCII letters, digits and <c>-_.~</c>; spaces become '+'.</summary>
    public static string Escape(string s) =>
        System.Text.Encoding.ASCII.GetString(GoUrl.Escape(System.Text.Encoding.UTF8.GetBytes(s), GoUrl.Mode.QueryComponent));

    /// <summary>Unescapes %XX and '+'; a bad escape raises Go's <c>invalid URL escape "%zz"</c>.</summary>
    public static string Unescape(string s)
    {
        var err = GoUrl.Unescape(System.Text.Encoding.UTF8.GetBytes(s), GoUrl.Mode.QueryComponent, out var bytes);
        if (err is not null) throw BuiltinException.Error(err);
        return GoUrl.Text(bytes);
    }

    /// <summary>Go's <c>url.ParseQuery</c>: pairs split on '&amp;', empty pairs skipped, semicolons rejected; the first error is raised.</summary>
    public static List<KeyValuePair<string, string>> Parse(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        BuiltinException? first = null;
        var rest = query;
        while (rest.Length > 0)
        {
            string key;
            var amp = rest.IndexOf('&');
            if (amp >= 0)
            {
                key = rest[..amp];
                rest = rest[(amp + 1)..];
            }
            else
            {
                key = rest;
                rest = "";
            }
            if (key.Contains(';'))
            {
                first ??= BuiltinException.Error("invalid semicolon separator in query");
                continue;
            }
            if (key.Length == 0) continue;
            var value = "";
            var eq = key.IndexOf('=');
            if (eq >= 0)
            {
                value = key[(eq + 1)..];
                key = key[..eq];
            }
            try
            {
                pairs.Add(new(Unescape(key), Unescape(value)));
            }
            catch (BuiltinException e)
            {
                first ??= e;
            }
        }
        if (first is not null) throw first;
        return pairs;
    }
}
