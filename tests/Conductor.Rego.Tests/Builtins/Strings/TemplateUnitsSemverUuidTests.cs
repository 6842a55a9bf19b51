using Conductor.Rego.Builtins;
using Conductor.Rego.Values;
using static Conductor.Rego.Tests.Builtins.Strings.StringBuiltinCall;

namespace Conductor.Rego.Tests.Builtins.Strings;

public class TemplateUnitsSemverUuidTests
{
    [Fact]
    public void Render_template_fields_range_and_if()
    {
        Assert.Equal("Hello alice, you are 30", Str("strings.render_template", "Hello {{.name}}, you are {{.age}}", Json("{\"name\":\"alice\",\"age\":30}")));
        Assert.Equal("a;b;c;", Str("strings.render_template", "{{range .items}}{{.}};{{end}}", Json("{\"items\":[\"a\",\"b\",\"c\"]}")));
        Assert.Equal("0=a 1=b ", Str("strings.render_template", "{{range $i, $v := .items}}{{$i}}={{$v}} {{end}}", Json("{\"items\":[\"a\",\"b\"]}")));
        Assert.Equal("yes", Str("strings.render_template", "{{if .ok}}yes{{else}}no{{end}}", Json("{\"ok\":true}")));
        Assert.Equal("no", Str("strings.render_template", "{{if .ok}}yes{{else}}no{{end}}", Json("{\"ok\":false}")));
        Assert.Equal("two", Str("strings.render_template", "{{if eq .n 1}}one{{else if eq .n 2}}two{{end}}", Json("{\"n\":2}")));
        Assert.Equal("x=1", Str("strings.render_template", "{{- /* comment */ -}}\n  x={{ .a.b }}  ", Json("{\"a\":{\"b\":1}}")).TrimEnd());
        Assert.Equal("map[a:1 b:[1 2]]", Str("strings.render_template", "{{.}}", Json("{\"a\":1,\"b\":[1,2]}")));
        Assert.Equal("<undefined>", Str("strings.render_template", "{{.a}}", Json("{\"a\":null}")));
    }

    [Fact]
    public void Render_template_missing_keys_render_as_undefined()
    {
        Assert.Equal("<undefined>", Str("strings.render_template", "{{.testvarnotprovided}}", Json("{\"test\":\"hello world\"}")));
        Assert.Equal("test <undefined> <undefined> 1", Str("strings.render_template", "test {{.foo}} {{.bar}} {{.baz}}", Json("{\"baz\":1}")));
        Assert.Equal("hello rohan,hello john doe", Str("strings.render_template",
            "{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}", Json("{\"hellonames\":[\"rohan\",\"john doe\"]}")));
        Assert.Equal("2023", Str("strings.render_template", "{{.test}}", Json("{\"test\":2023}")));
    }

    [Fact]
    public void Render_template_syntax_errors()
    {
        Assert.Equal("template: template:1:0: function \"nosuch\" not defined", Error("strings.render_template", "{{nosuch 1}}", Json("{}")).Message);
        Assert.Equal("template: template:1:0: unexpected EOF", Error("strings.render_template", "{{if .a}}x", Json("{}")).Message);
    }

    [Fact]
    public void Render_template_deep_nesting_is_an_error()
    {
        var deep = string.Concat(Enumerable.Repeat("{{if .a}}", 5000)) + string.Concat(Enumerable.Repeat("{{end}}", 5000));
        Assert.Equal("template: template: nested too deeply", Error("strings.render_template", deep, Json("{\"a\":true}")).Message);
    }

    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("0.0005K", "0.5")]
    [InlineData("0.0000005M", "0.5")]
    [InlineData("1G", "1000000000")]
    [InlineData("1Ki", "1024")]
    [InlineData("2Mi", "2097152")]
    [InlineData("4.1Mi", "4299161.6")]
    [InlineData("5.K", "5000")]
    [InlineData("1.5e-2K", "15")]
    [InlineData("\"10k\"", "10000")]
    [InlineData("128Gi", "137438953472")]
    [InlineData("1.23456789012345m", "0.0012345679")]
    [InlineData("-2.5K", "-2500")]
    public void Units_parse(string input, string expected) => Assert.Equal(expected, Text("units.parse", input));

    [Theory]
    [InlineData("foo", "no amount provided")]
    [InlineData("eK", "no amount provided")]
    [InlineData("1e+K", "could not parse amount to a number")]
    [InlineData("e5K", "could not parse amount to a number")]
    [InlineData("-K", "could not parse amount to a number")]
    [InlineData(".K", "could not parse amount to a number")]
    [InlineData("1 K", "spaces not allowed in resource strings")]
    [InlineData("1d", "unit d not recognized")]
    [InlineData("1e1234567K", "exponent too large")]
    public void Units_parse_errors(string input, string message) => Assert.Equal(message, Error("units.parse", input).Message);

    [Theory]
    [InlineData("\"100TIB\"", "109951162777600")]
    [InlineData("0", "0")]
    [InlineData(".0", "0")]
    [InlineData("10KB", "10000")]
    [InlineData("10Kib", "10240")]
    [InlineData("1.1KiB", "1126")]
    [InlineData(".5KB", "500")]
    [InlineData("10eib", "11529215046068469760")]
    [InlineData("1e3kb", "1000000")]
    public void Units_parse_bytes(string input, string expected) => Assert.Equal(expected, Text("units.parse_bytes", input));

    [Fact]
    public void Units_parse_bytes_errors()
    {
        Assert.Equal("byte unit b not recognized", Error("units.parse_bytes", "10b").Message);
        Assert.Equal("no byte amount provided", Error("units.parse_bytes", "kb").Message);
        Assert.Equal("could not parse byte amount to a number", Error("units.parse_bytes", "1..2kb").Message);
    }

    [Fact]
    public void Semver()
    {
        Assert.Equal("-1", Text("semver.compare", "1.0.0", "2.0.0"));
        Assert.Equal("0", Text("semver.compare", "1.0.0+build.1", "1.0.0"));
        Assert.Equal("1", Text("semver.compare", "1.0.0", "1.0.0-rc.1"));
        Assert.Equal("-1", Text("semver.compare", "1.0.0-alpha", "1.0.0-alpha.1"));
        Assert.Equal("-1", Text("semver.compare", "1.0.0-alpha.1", "1.0.0-alpha.beta"));
        Assert.Equal("-1", Text("semver.compare", "1.0.0-beta.2", "1.0.0-beta.11"));
        Assert.Equal("1", Text("semver.compare", "10.0.0", "9.99.99"));
        Assert.Equal("operand 1: string \"1\" is not a valid SemVer", Error("semver.compare", "1", "1.0.0").Message);
        Assert.True(Bool("semver.is_valid", "1.2.3-rc.1+abc"));
        // Strict SemVer 2.0.0 (OPA's conformance cases), with OPA's tolerance of a "v" prefix.
        Assert.True(Bool("semver.is_valid", "v1.2.3"));
        Assert.False(Bool("semver.is_valid", "01.2.3"));
        Assert.False(Bool("semver.is_valid", "1.02.3"));
        Assert.False(Bool("semver.is_valid", "1.2.3-01"));
        Assert.False(Bool("semver.is_valid", "1.2.3-alpha.01"));
        Assert.False(Bool("semver.is_valid", "1.2.3-"));
        Assert.False(Bool("semver.is_valid", "1.2.3+"));
        Assert.True(Bool("semver.is_valid", "0.0.0"));
        Assert.True(Bool("semver.is_valid", "1.2.3-0"));
        Assert.True(Bool("semver.is_valid", "1.2.3-0a"));
        Assert.True(Bool("semver.is_valid", "1.2.3+01"));
        Assert.False(Bool("semver.is_valid", "1.2"));
        Assert.False(Bool("semver.is_valid", "1.2.x"));
        Assert.False(Bool("semver.is_valid", "1.2.3-a..b"));
        Assert.False(Bool("semver.is_valid", "1.2.3+a_b"));
        Assert.False(Bool("semver.is_valid", 1));
    }

    [Fact]
    public void Uuid_rfc4122_is_stable_per_key_within_a_query()
    {
        var context = new BuiltinContext(new EvaluationOptions { Random = new Random(7) });
        var a = Assert.IsType<StringValue>(Invoke(context, "uuid.rfc4122", "x")).Value;
        var b = Assert.IsType<StringValue>(Invoke(context, "uuid.rfc4122", "x")).Value;
        var c = Assert.IsType<StringValue>(Invoke(context, "uuid.rfc4122", "y")).Value;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", a);
        var parsed = Assert.IsType<ObjectValue>(Invoke(context, "uuid.parse", a));
        Assert.Equal("{\"variant\": \"RFC4122\", \"version\": 4}", parsed.ToString());
        Assert.True(BuiltinRegistry.Default.TryGet("uuid.rfc4122", out var def) && def.Nondeterministic);
    }

    [Fact]
    public void Uuid_parse_version_1()
    {
        Assert.Equal(
            "{\"clocksequence\": 10063, \"macvariables\": \"local:multicast\", \"nodeid\": \"cf-66-ca-ea-ad-8c\", \"time\": 1706038930385971800, \"variant\": \"RFC4122\", \"version\": 1}",
            Text("uuid.parse", "7fb0fa06-ba27-11ee-a74f-cf66caeaad8c"));
        Assert.Equal("undefined", Text("uuid.parse", "not-a-uuid"));
        Assert.Equal(
            "{\"clocksequence\": 12800, \"domain\": \"Person\", \"id\": 1000, \"macvariables\": \"local:unicast\", \"nodeid\": \"32-50-96-b3-9f-47\", \"time\": 1693566990121469600, \"variant\": \"RFC4122\", \"version\": 2}",
            Text("uuid.parse", "urn:uuid:000003e8-48b9-21ee-b200-325096b39f47"));
        Assert.Equal("{\"variant\": \"RFC4122\", \"version\": 3}", Text("uuid.parse", "6bea8ef2d3d33cd184e09bab06a52ece"));
        Assert.Equal("{\"variant\": \"RFC4122\", \"version\": 4}", Text("uuid.parse", "{00000000-0000-4000-8000-000000000000}"));
    }
}
