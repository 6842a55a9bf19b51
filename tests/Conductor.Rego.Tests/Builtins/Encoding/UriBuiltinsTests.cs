using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Evaluation.RegoTestHost;

namespace Conductor.Rego.Tests.Builtins.Encodings;

/// <summary>uri.parse and uri.is_valid through policies: Go's url.Parse decides what parses and how.</summary>
public class UriBuiltinsTests
{
    private const string Policy = """
        package t

        parsed := uri.parse(input.u)

        valid := uri.is_valid(input.u)
        """;

    private static QueryResult Run(string rule, Value operand, bool strict = false) =>
        Compile(Policy).Prepare("data.t." + rule).Evaluate(new EvaluationOptions
        {
            Input = InputWith(operand),
            StrictBuiltinErrors = strict,
        });

    private static ObjectValue InputWith(Value operand)
    {
        var b = new ObjectBuilder(1);
        b.Set("u", operand);
        return b.Build();
    }

    private static string Parsed(string url)
    {
        var r = Run("parsed", new StringValue(url));
        return r.IsUndefined ? "undefined" : r.Rows[0].Expressions[0].ToJson();
    }

    private static RegoError StrictError(Value operand) =>
        Assert.Single(Assert.Throws<RegoException>(() => Run("parsed", operand, strict: true)).Errors);

    private static bool Valid(Value operand) => ((BooleanValue)Run("valid", operand, strict: true).Rows[0].Expressions[0]).Value;

    /// <summary>The expected object, written in any key order, in the evaluator's JSON form.</summary>
    private static string Object(string json) => JsonValueReader.Parse(json).ToJson();

    [Theory]
    // Path and fragment decoded; raw_path is Go's RawPath, which is empty (so path is used) when escaping the decoded
    // path gives the original back, as it does for "%20".
    [InlineData("https://user:pw@Example.com:8443/a%20b/c?x=1&y=2#frag%21",
        """{"scheme":"https","hostname":"Example.com","port":"8443","path":"/a b/c","raw_path":"/a b/c","raw_query":"x=1&y=2","fragment":"frag!"}""")]
    [InlineData("http://[fe80::1%25eth0]:8080/", """{"scheme":"http","hostname":"fe80::1%eth0","port":"8080","path":"/","raw_path":"/"}""")]
    [InlineData("mailto:user@example.com", """{"scheme":"mailto"}""")]
    [InlineData("HTTP://x", """{"scheme":"http","hostname":"x"}""")]
    [InlineData("/just/a/path?q", """{"path":"/just/a/path","raw_path":"/just/a/path","raw_query":"q"}""")]
    [InlineData("a%2Fb", """{"path":"a/b","raw_path":"a%2Fb"}""")]
    [InlineData("http://x/a%2Fb/%7e", """{"scheme":"http","hostname":"x","path":"/a/b/~","raw_path":"/a%2Fb/%7e"}""")]
    [InlineData("http://x/a b", """{"scheme":"http","hostname":"x","path":"/a b","raw_path":"/a b"}""")]
    [InlineData("http://[::1]", """{"scheme":"http","hostname":"::1"}""")]
    [InlineData("http://[::ffff:1.2.3.4]:443/p", """{"scheme":"http","hostname":"::ffff:1.2.3.4","port":"443","path":"/p","raw_path":"/p"}""")]
    [InlineData("//host:80", """{"hostname":"host","port":"80"}""")]
    [InlineData("http://host:/", """{"scheme":"http","hostname":"host","path":"/","raw_path":"/"}""")]
    [InlineData("http://u%40x:p@h%C3%A9.com/", """{"scheme":"http","hostname":"hé.com","path":"/","raw_path":"/"}""")]
    [InlineData("urn:isbn:0451450523?x#y", """{"scheme":"urn","raw_query":"x","fragment":"y"}""")]
    [InlineData("file:///etc/hosts", """{"scheme":"file","path":"/etc/hosts","raw_path":"/etc/hosts"}""")]
    [InlineData("///a", """{"path":"///a","raw_path":"///a"}""")]
    [InlineData("http://x?a=1?b#", """{"scheme":"http","hostname":"x","raw_query":"a=1?b"}""")]
    [InlineData("http://x/?", """{"scheme":"http","hostname":"x","path":"/","raw_path":"/"}""")]
    [InlineData("*", """{"path":"*","raw_path":"*"}""")]
    [InlineData("#a%20b", """{"fragment":"a b"}""")]
    [InlineData("x+y://h/p+q", """{"scheme":"x+y","hostname":"h","path":"/p+q","raw_path":"/p+q"}""")]
    public void Parse_returns_the_non_empty_parts(string url, string expected) =>
        Assert.Equal(Object(expected), Parsed(url));

    [Theory]
    [InlineData("1http://x", "parse \"1http://x\": first path segment in URL cannot contain colon")]
    [InlineData("http://x:port/", "parse \"http://x:port/\": invalid port \":port\" after host")]
    [InlineData("://x", "parse \"://x\": missing protocol scheme")]
    [InlineData("http://[::1", "parse \"http://[::1\": missing ']' in host")]
    [InlineData("http://[::1]x/", "parse \"http://[::1]x/\": invalid port \"x\" after host")]
    [InlineData("http://[1.2.3.4]/", "parse \"http://[1.2.3.4]/\": invalid IP-literal")]
    [InlineData("http://a[::1]/", "parse \"http://a[::1]/\": invalid IP-literal")]
    [InlineData("http://[v1.x]/", "parse \"http://[v1.x]/\": invalid host: ParseAddr(\"v1.x\"): unexpected character (at \"v1.x\")")]
    [InlineData("http://[::1%25]/", "parse \"http://[::1%25]/\": invalid host: ParseAddr(\"::1%\"): zone must be a non-empty string")]
    [InlineData("http://[12345::]/", "parse \"http://[12345::]/\": invalid host: ParseAddr(\"12345::\"): each group must have 4 or less digits (at \"12345::\")")]
    [InlineData("http://[::1.2.3]/", "parse \"http://[::1.2.3]/\": invalid host: ParseAddr(\"::1.2.3\"): IPv4 address too short")]
    [InlineData("http://[fe80::1%25%0A]/", "parse \"http://[fe80::1%25%0A]/\": invalid URL escape \"%0A\"")]
    [InlineData("http://a{b}/", "parse \"http://a{b}/\": invalid character \"{\" in host name")]
    [InlineData("http://%41.com/", "parse \"http://%41.com/\": invalid URL escape \"%41\"")]
    [InlineData("https://ü@example.com/", "parse \"https://ü@example.com/\": net/url: invalid userinfo")]
    [InlineData("http://a b@x/", "parse \"http://a b@x/\": net/url: invalid userinfo")]
    [InlineData("http://u:%zz@x/", "parse \"http://u:%zz@x/\": invalid URL escape \"%zz\"")]
    [InlineData("%zz", "parse \"%zz\": invalid URL escape \"%zz\"")]
    [InlineData("/a%4", "parse \"/a%4\": invalid URL escape \"%4\"")]
    [InlineData("/a%zé", "parse \"/a%zé\": invalid URL escape \"%z\\xc3\"")]
    [InlineData("http://x/#%zz", "parse \"http://x/#%zz\": invalid URL escape \"%zz\"")]
    [InlineData("http://a\tb.com", "parse \"http://a\\tb.com\": net/url: invalid control character in URL")]
    public void Parse_errors_are_undefined_and_strict_errors_quote_go(string url, string message)
    {
        Assert.Equal("undefined", Parsed(url));
        var e = StrictError(new StringValue(url));
        Assert.Equal(RegoErrorCodes.BuiltinError, e.Code);
        Assert.Equal("uri.parse: " + message, e.Message);
    }

    [Fact]
    public void Parse_of_a_non_string_is_a_type_error()
    {
        Assert.True(Run("parsed", NumberValue.Of(42)).IsUndefined);
        var e = StrictError(NumberValue.Of(42));
        Assert.Equal(RegoErrorCodes.EvalTypeError, e.Code);
        Assert.Equal("uri.parse: operand 1 must be string but got number", e.Message);
    }

    [Theory]
    [InlineData("http://example.com/path", true)]
    [InlineData("mailto:user@example.com", true)]
    [InlineData("relative/path?q#f", true)]
    [InlineData("http://[fe80::1%25eth0]:8080/", true)]
    [InlineData("http://a\tb.com", false)]
    [InlineData("http://a\u007fb.com", false)]
    [InlineData("", false)]
    [InlineData("http://[::1", false)]
    [InlineData("%zz", false)]
    [InlineData("1http://x", false)]
    [InlineData("http://x:port/", false)]
    public void Is_valid_is_whether_go_parses_a_non_empty_string(string url, bool expected) =>
        Assert.Equal(expected, Valid(new StringValue(url)));

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("""["http://x"]""")]
    [InlineData("""{"u": "http://x"}""")]
    public void Is_valid_of_a_non_string_is_false_even_when_strict(string operand) =>
        Assert.False(Valid(JsonValueReader.Parse(operand)));

    [Fact]
    public void Parse_result_feeds_other_builtins()
    {
        const string m = """
            package t

            q := urlquery.decode_object(uri.parse("https://x/p?a=1&b=2&a=3").raw_query)

            ok if uri.parse("https://h:443").port == "443"
            """;
        Assert.Equal("""{"a":["1","3"],"b":["2"]}""", Value("data.t.q", null, null, m));
        Assert.Equal("true", Value("data.t.ok", null, null, m));
    }
}
